import { endpointSliceWiring } from './endpoint-slice';
import { externalNameWiring } from './external-name';
import { istioWiring } from './istio';
import type { PlaceholderWiring } from '../core/wiring';

/** How a placeholder cluster makes the plain `{app}.{ns}.svc` name reach the active clusters. */
export class Networking {
  /** A selector-less Service plus a labelled EndpointSlice pointing at each active cluster's Service IP. */
  public static readonly ENDPOINT_SLICE = new Networking(endpointSliceWiring);
  /** An Istio VirtualService routing the plain host to `{app}.{ns}.svc.clusterset.local`, plus a ServiceEntry. */
  public static readonly ISTIO = new Networking(istioWiring);
  /** A Service of type ExternalName aliasing the plain name to `{app}.{ns}.svc.clusterset.local`. */
  public static readonly EXTERNAL_NAME = new Networking(externalNameWiring);

  /** A way of wiring of your own, built on the same contract as the built-in ones. */
  public static custom(wiring: PlaceholderWiring): Networking {
    return new Networking(wiring);
  }

  private constructor(public readonly wiring: PlaceholderWiring) {}

  public toString(): string {
    return this.wiring.name;
  }
}
