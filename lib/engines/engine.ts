// The delivery contract: every engine (direct folders, Argo CD, KubeVela, Karmada, Flux, or one of your
// own) turns a finished plan into what to write; backends only write it.
import type { ClusterProps } from '../core/api/cluster';
import type { Manifest } from '../core/kube/manifest';
import type { IDeliveredAddresses } from '../core/api/delivery';
import type { FleetPlan } from '../core/model';

/** What an engine receives: the finished plan and the fleet it came from. */
export interface DeliveryInput {
  /** The fleet's name as a DNS label (from its construct path), for the names of hub objects. */
  readonly fleetName: string;
  /** The clusters as the user gave them (server URLs, labels...), in fleet order. */
  readonly clusters: ClusterProps[];
  /** Every cluster's planned objects, in apply order. */
  readonly plan: FleetPlan;
}

/**
 * A file an engine adds to a cluster folder next to the objects, such as kustomization.yaml. Its content
 * is asked for once the folder is rendered, with the names of the folder's files in apply order (objects
 * added by hand to the cluster's chart included).
 */
export interface IFolderFile {
  /** The file name within the folder, such as `kustomization.yaml`. */
  readonly name: string;
  /** The file's content, written as YAML. */
  content(files: string[]): Record<string, unknown>;
}

/** What an engine writes for one cluster folder. */
export interface ClusterDelivery {
  /** The cluster's name. */
  readonly cluster: string;
  /** The objects of the folder, in apply order, as they should be written. */
  readonly objects: Manifest[];
  /** Files to add to the folder. @default [] */
  readonly files?: IFolderFile[];
}

/** What an engine writes. */
export interface DeliveryOutput {
  /** One entry per cluster folder; read only from engines whose `clusterFolders` is true. @default [] */
  readonly clusters?: ClusterDelivery[];
  /** The objects of the hub output (`dist/hub/`); read only from engines whose `hubObjects` is true. @default [] */
  readonly hub?: Manifest[];
  /** Why this engine cannot deliver this fleet, each with its fix; nothing is written when there is one. @default [] */
  readonly problems?: string[];
}

/**
 * How a fleet's objects reach its clusters. Implement it to deliver a plan your own way; `Delivery` has
 * the built-in engines. The properties are read when the fleet is constructed, `deliver` once the plan is made.
 */
export interface IDeliveryEngine extends IDeliveredAddresses {
  /** Whether each cluster gets a folder (`dist/<cluster>/`, a cdk8s chart users can add objects to). */
  readonly clusterFolders: boolean;
  /** Whether the engine writes objects for a hub (`dist/hub/`). */
  readonly hubObjects: boolean;
  /** What to write for this plan. */
  deliver(input: DeliveryInput): DeliveryOutput;
}
