import type { Cluster, ServiceModel } from './resolved';
import type { Manifest } from './kube/manifest';
import type { LiveValue } from './kube/object-ref';

/** Which address of an active cluster's Service a placeholder needs at synth time. */
export type AddressKind = 'clusterIP' | 'globalnet';

/** An active cluster of the service, as a placeholder sees it. */
export interface ActiveSource {
  readonly cluster: Cluster;
  /** The address the core resolved for this source when the wiring asked for one: known, or read from the live Service. */
  readonly address?: string | LiveValue;
  /** The cluster's share of the replicas under divided scheduling, for wirings that weigh traffic; undefined when duplicated. */
  readonly weight?: number;
}

/** What a wiring is asked about: one service in one placeholder cluster. */
export interface WiringContext {
  readonly service: ServiceModel;
  /** The placeholder cluster. */
  readonly cluster: Cluster;
  /** Every active cluster of the service, in fleet order. */
  readonly sources: readonly ActiveSource[];
  /**
   * The ClusterIP reserved for the service in the placeholder cluster, for a wiring whose Service has one:
   * the same address the cluster's Service keeps when it turns active, since a ClusterIP cannot change in place.
   * @default - none reserved: the Service gets a dynamic address
   */
  readonly clusterIP?: string;
}

/**
 * One way of making `{app}.{ns}.svc` work in a placeholder cluster. Each lives in a file of its own;
 * adding a way means adding a file and naming it in `Networking`.
 */
export interface PlaceholderWiring {
  /** Shown in errors and docs, such as `ENDPOINT_SLICE`. */
  readonly name: string;
  /** The address of `source`'s Service this wiring needs in `placeholder`, so the core can pin or allocate it. */
  addressNeeded(placeholder: Cluster, source: Cluster): AddressKind | undefined;
  /** Why this wiring cannot work for this service and cluster, each with the fix; checked before anything is built. */
  problems(context: WiringContext): string[];
  /** The Service and networking objects for the placeholder cluster. */
  objects(context: WiringContext): Manifest[];
}

/**
 * A way of wiring placeholders as placements and scheduling name it: `Networking.ISTIO`,
 * `Networking.custom(wiring)`. The core reads only its wiring, so the modes live outside it.
 */
export interface NetworkingMode {
  readonly wiring: PlaceholderWiring;
}
