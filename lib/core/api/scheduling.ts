import type { INetworkingMode } from '../wiring';
import type { ClusterPreference } from '../resolve/replicas';

/** How a service's replicas are spread over its active clusters. */
export enum ReplicaScheduling {
  /** Every active cluster runs the full replica count. */
  DUPLICATED = 'Duplicated',
  /** A total is divided across the active clusters by weight (KubeFed ReplicaSchedulingPreference semantics). */
  DIVIDED = 'Divided',
}

/** Replica scheduling of a MultiClusterService. */
export interface SchedulingProps {
  /** Duplicated or divided. @default ReplicaScheduling.DUPLICATED */
  readonly type?: ReplicaScheduling;
  /** With DIVIDED: the replicas to divide. @default - the service's `replicas` */
  readonly totalReplicas?: number;
  /** With DIVIDED: preferences by active cluster name, `"*"` for the others. @default { '*': { weight: 1 } } */
  readonly preferences?: Readonly<Record<string, ClusterPreference>>;
  /** With DIVIDED: replicas running now by cluster, kept where possible unless `rebalance`. @default {} */
  readonly current?: Readonly<Record<string, number>>;
  /** With DIVIDED: move running replicas to reach the weighted layout. @default false */
  readonly rebalance?: boolean;
  /**
   * How an active cluster whose share is 0 reaches the clusters that run the service: it stays as a
   * placeholder (workload at 0 replicas) so its clients keep working.
   * @default - the networking of the service's first PlaceholderPlacement, else Networking.EXTERNAL_NAME
   */
  readonly placeholderNetworking?: INetworkingMode;
}

