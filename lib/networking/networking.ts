import { ENDPOINT_SLICE_MANAGER, endpointSliceWiring } from './endpoint-slice';
import { externalNameWiring } from './external-name';
import { type IstioProtocol, istioProtocol, istioWiring } from './istio';
import { type IstioNetworkingProps, istioPropsShape } from './istio-options';
import type { ServicePort } from '../core/api/port';
import type { IActiveWiring, INetworkingMode, IPlaceholderWiring } from '../core/wiring';

/** Checks a mode's options at runtime, reporting each problem under `field`: modes built from JSON or YAML reach here unchecked. */
type OptionsCheck = (field: string, report: (message: string) => void) => boolean;

/** How a placeholder cluster makes the plain `{app}.{ns}.svc` name reach the active clusters. */
export class Networking implements INetworkingMode {
  /** A selector-less Service plus a labelled EndpointSlice pointing at each active cluster's Service IP. */
  public static readonly ENDPOINT_SLICE = new Networking(endpointSliceWiring);
  /** An Istio VirtualService routing the plain host to `{app}.{ns}.svc.clusterset.local`, plus a ServiceEntry: `istio()` with its defaults. */
  public static readonly ISTIO = Networking.istio();
  /** A Service of type ExternalName aliasing the plain name to `{app}.{ns}.svc.clusterset.local`. */
  public static readonly EXTERNAL_NAME = new Networking(externalNameWiring);
  /** The `endpointslice.kubernetes.io/managed-by` value of ENDPOINT_SLICE's slices, so Kubernetes' EndpointSlice controller leaves them alone. */
  public static readonly ENDPOINT_SLICE_MANAGER: string = ENDPOINT_SLICE_MANAGER;

  /** Istio routing, as ISTIO, with a timeout, retries or `exportTo` of your own (docs/networking.md). */
  public static istio(props: IstioNetworkingProps = {}): Networking {
    return new Networking(istioWiring(props), undefined, (field, report) => istioPropsShape(props, field, report));
  }

  /**
   * A way of wiring of your own, on the same contract as the built-in ones: `wiring` for the placeholder
   * clusters, `activeWiring` for what the active clusters add for them.
   */
  public static custom(wiring: IPlaceholderWiring, activeWiring?: IActiveWiring): Networking {
    return new Networking(wiring, activeWiring);
  }

  /**
   * The protocol Istio treats a Service port as, as its ConvertProtocol does: `appProtocol` when set, else
   * the port name; `grpc-web...` is gRPC-Web; otherwise the part before the first `-`. Undefined when Istio
   * would sniff it.
   */
  public static istioProtocol(port: ServicePort): IstioProtocol | undefined {
    return istioProtocol(port);
  }

  private constructor(
    public readonly wiring: IPlaceholderWiring,
    public readonly activeWiring?: IActiveWiring,
    private readonly checkOptions?: OptionsCheck,
  ) {}

  /**
   * Checks the options this mode was built with, reporting each problem under `field`.
   * @internal
   */
  public _checkOptions(field: string, report: (message: string) => void): boolean {
    return this.checkOptions ? this.checkOptions(field, report) : true;
  }

  public toString(): string {
    return this.wiring.name;
  }
}
