// The networking contract: how a placeholder cluster makes `{app}.{ns}.svc` reach the active clusters,
// and what the active clusters add for it. The core owns it and calls it; modes (lib/networking, or a
// user's own) implement it with only the package's exports.
import type { Cluster, ServiceModel } from './resolved';
import type { Manifest } from './kube/manifest';
import type { LiveValue } from './kube/object-ref';

/** Which address of an active cluster's Service a placeholder needs at synth time. */
export enum AddressKind {
  /** The Service's ClusterIP: pinned, allocated from the static band, or read from the live Service. */
  CLUSTER_IP = 'clusterIP',
  /** The Service's Globalnet IP, pinned on its ActivePlacement. */
  GLOBALNET = 'globalnet',
}

/** An active cluster of the service, as a placeholder sees it. */
export interface ActiveSource {
  /** The active cluster. */
  readonly cluster: Cluster;
  /**
   * The address the core resolved for this source when the wiring asked for one (`addressNeeded`).
   * @default - none known at synth time: see `liveAddress`, or the wiring asked for none
   */
  readonly address?: string;
  /**
   * The ClusterIP of the active Service, read from the live Service by backends that deploy (Pulumi),
   * when the wiring asked for a ClusterIP that no pin or allocation fixed. Put it in a manifest as it is.
   * @default - the address is known (`address`), or none was asked for
   */
  readonly liveAddress?: LiveValue;
  /** The cluster's share of the replicas under divided scheduling, for wirings that weigh traffic. @default - duplicated scheduling: no weights */
  readonly weight?: number;
}

/** What a wiring is asked about: one service in one placeholder cluster. */
export interface WiringContext {
  /** The service. */
  readonly service: ServiceModel;
  /** The placeholder cluster. */
  readonly cluster: Cluster;
  /** Every active cluster of the service, in fleet order. */
  readonly sources: ActiveSource[];
  /**
   * The ClusterIP reserved for the service in the placeholder cluster, for a wiring whose Service has one:
   * the same address the cluster's Service keeps when it turns active, since a ClusterIP cannot change in place.
   * @default - none reserved: the Service gets a dynamic address
   */
  readonly clusterIP?: string;
}

/**
 * The placeholder side of a networking mode: the objects that make `{app}.{ns}.svc` work in a
 * placeholder cluster. Each built-in one lives in a file of its own under lib/networking.
 */
export interface IPlaceholderWiring {
  /** Shown in errors and docs, such as `ENDPOINT_SLICE`. */
  readonly name: string;
  /** The address of `source`'s Service this wiring needs in `placeholder`, so the core can pin or allocate it; undefined for none. */
  addressNeeded(placeholder: Cluster, source: Cluster): AddressKind | undefined;
  /** Why this wiring cannot work for this service and cluster, each with the fix; checked before anything is built. */
  problems(context: WiringContext): string[];
  /** The Service and networking objects for the placeholder cluster, all in the service's namespace. */
  objects(context: WiringContext): Manifest[];
}

/** What the active side of a mode is asked about: one service in one active cluster, and the placeholders it serves there. */
export interface ActiveContext {
  /** The service. */
  readonly service: ServiceModel;
  /** The active cluster. */
  readonly cluster: Cluster;
  /** The placeholder clusters of the service wired by this mode (idle clusters of divided scheduling included), in fleet order; never empty. */
  readonly placeholders: Cluster[];
  /** The active cluster's share of the replicas under divided scheduling. @default - duplicated scheduling: no weights */
  readonly weight?: number;
}

/** What the active side of a mode adds in one active cluster. */
export interface ActiveObjects {
  /** Annotations put on the service's ServiceExport in that cluster. @default - none */
  readonly exportAnnotations?: { [key: string]: string };
  /** Labels put on the service's ServiceExport in that cluster; the service's own labels cannot be changed. @default - none */
  readonly exportLabels?: { [key: string]: string };
  /** Further objects for that cluster, all in the service's namespace. @default - none */
  readonly objects?: Manifest[];
}

/**
 * The active side of a networking mode: what a cluster where the service runs needs so that the mode's
 * placeholders reach it (annotations on the export, a ServiceEntry, a NetworkPolicy...). The core calls it
 * once per active cluster and mode, for every mode with at least one placeholder of the service.
 */
export interface IActiveWiring {
  /** The annotations, labels and objects the active cluster gets for this mode's placeholders. */
  activeObjects(context: ActiveContext): ActiveObjects;
}

/**
 * A way of wiring placeholders, as placements and scheduling name it: `Networking.ISTIO`,
 * `Networking.istio({ ... })`, `Networking.custom(wiring, active)`. The core reads only these two sides,
 * so the modes live outside it.
 */
export interface INetworkingMode {
  /** The placeholder side. */
  readonly wiring: IPlaceholderWiring;
  /** The active side. @default - the mode adds nothing where the service is active */
  readonly activeWiring?: IActiveWiring;
}
