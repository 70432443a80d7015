import type { INetworkingMode } from '../wiring';
import type { LabelSelector } from './label-selector';
import type { Overrides } from './overrides';

/** Which clusters a placement covers: by name, or by label selector. */
export interface PlacementProps {
  /** Clusters by name. @default - use `clusterLabelSelector` (one of the two is required) */
  readonly clusters?: string[];
  /** Clusters whose labels match (KubeVela `clusterLabelSelector`). @default - use `clusters` */
  readonly clusterLabelSelector?: LabelSelector;
  /** Clusters left out of what `clusters` or `clusterLabelSelector` selects. @default [] */
  readonly excludeClusters?: string[];
  /** Differences in the clusters of this placement. @default - none */
  readonly overrides?: Overrides;
}

/** Options of the clusters that really run the service. */
export interface ActivePlacementProps extends PlacementProps {
  /**
   * The ClusterIP to give the Service, when placeholders reach it through an EndpointSlice. It must lie in
   * the cluster's serviceCidr and the placement must select exactly one cluster.
   * @default - allocated deterministically from the static band of the serviceCidr, only when a placeholder needs an address
   */
  readonly clusterIP?: string;
  /**
   * The Globalnet IP Submariner gave the exported Service, used instead of the ClusterIP when both sides run Globalnet.
   * @default - none: EndpointSlice placeholders across Globalnet fail with advice
   */
  readonly globalnetIP?: string;
}

/** Options of the clusters that only make the service reachable. */
export interface PlaceholderPlacementProps extends PlacementProps {
  /** How the plain `{app}.{ns}.svc` name reaches the active clusters. @default - no default: it depends on the mesh and the addresses you have */
  readonly networking: INetworkingMode;
}

/** What a placement's clusters do for a service, also recorded in the `clusterset.dev/role` label. */
export enum PlacementRole {
  /** Runs the workload and exports its Service. */
  ACTIVE = 'active',
  /** Holds the name: the workload at 0 replicas and the networking to the active clusters. */
  PLACEHOLDER = 'placeholder',
}

/** Where a service is placed and in what role. */
export abstract class Placement {
  protected constructor(
    /** `active` runs the workload and exports it; `placeholder` keeps it at 0 replicas and wires the name. */
    public readonly role: PlacementRole,
    public readonly props: PlacementProps,
  ) {}
}

/** The clusters that run the workload for real: workload, Service and a ServiceExport. */
export class ActivePlacement extends Placement {
  public readonly props: ActivePlacementProps;
  constructor(props: ActivePlacementProps) {
    super(PlacementRole.ACTIVE, props);
    this.props = props;
  }
}

/** The clusters where only the name lives: the workload at 0 replicas, a same-named Service and the networking to the active clusters. */
export class PlaceholderPlacement extends Placement {
  public readonly props: PlaceholderPlacementProps;
  constructor(props: PlaceholderPlacementProps) {
    super(PlacementRole.PLACEHOLDER, props);
    this.props = props;
  }
}
