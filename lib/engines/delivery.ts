// The built-in delivery engines, each behind the IDeliveryEngine contract.
import { type ArgoCdProps, ArgoCdDelivery } from './argocd';
import { DirectDelivery } from './direct';
import type { IDeliveryEngine } from './engine';
import { FluxDelivery, type FluxProps } from './flux';
import { KarmadaDelivery } from './karmada';
import type { KarmadaProps } from './karmada-failover';
import { KubeVelaDelivery, type KubeVelaProps } from './kubevela';

/** How the fleet's objects reach the clusters: one of these, or an `IDeliveryEngine` of your own. */
export class Delivery {
  /** Each cluster's objects in its own output (`dist/<cluster>/`), applied to it directly. */
  public static direct(): IDeliveryEngine {
    return new DirectDelivery();
  }

  /** Each cluster's folder plus a kustomization.yaml and sync waves, synced by an Argo CD ApplicationSet in the `hub` output. */
  public static argoCd(props: ArgoCdProps): IDeliveryEngine {
    return new ArgoCdDelivery(props);
  }

  /** KubeVela Applications (and the Namespaces they live in) in the `hub` output; KubeVela deploys to the clusters. */
  public static kubeVela(props: KubeVelaProps = {}): IDeliveryEngine {
    return new KubeVelaDelivery(props);
  }

  /**
   * Karmada resource templates, PropagationPolicies and OverridePolicies in the `hub` output; Karmada propagates them.
   * Refuses ClusterIPs. With `failover`, Karmada also moves workloads between active clusters at run time
   * (docs/failover-karmada.md).
   */
  public static karmada(props: KarmadaProps = {}): IDeliveryEngine {
    return new KarmadaDelivery(props);
  }

  /** Each cluster's folder plus a kustomization.yaml, applied by a Flux Kustomization per cluster from a GitRepository in the `hub` output. */
  public static flux(props: FluxProps): IDeliveryEngine {
    return new FluxDelivery(props);
  }

  private constructor() {}
}
