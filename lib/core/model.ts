// The shared pipeline types: what every stage of the planner reads and writes.
import type { Cluster, ServiceModel } from './resolved';
import type { INetworkingMode } from './wiring';
import type { AllocatableProps, ClusterProps, ClusterStatus } from './api/cluster';
import type { MigrationPhase, MigrationProps } from './api/migration';
import type { GovernanceProps } from './api/governance';
import type { MonitoringProps } from './api/monitoring';
import type { IDeliveredAddresses } from './api/delivery';
import type { Manifest } from './kube/manifest';
import type { ObjectRef } from './kube/object-ref';
import type { NamespaceProps } from './api/namespace';
import type { Placement } from './api/placement';
import type { ReplicaScheduling } from './api/scheduling';
import type { MultiClusterServiceOptions } from './api/service';

/** One service as a backend hands it to the planner. */
export interface ServiceSpec {
  /** Construct path (cdk8s) or resource name path (Pulumi), for errors. */
  readonly path: string;
  readonly name: string;
  readonly options: MultiClusterServiceOptions;
}

/** The whole fleet and every service placed on it. */
export interface FleetSpec {
  readonly path: string;
  readonly clusters: ClusterProps[];
  readonly services: ServiceSpec[];
  /** Namespaces with labels and annotations, each placed in every cluster holding one of its services. @default [] */
  readonly namespaces?: NamespaceProps[];
  /** Migrations of services between clusters, each at its phase (docs/operations.md). @default [] */
  readonly migrations?: MigrationSpec[];
  /** Governance of namespaces: guardrails and traffic rules (docs/governance.md). @default [] */
  readonly governance?: GovernanceSpec[];
  /** Monitoring of the fleet: a Prometheus per cluster and ServiceMonitors (docs/governance.md). At most one. @default [] */
  readonly monitoring?: MonitoringSpec[];
}

/** One FleetGovernance as a backend hands it to the planner. */
export interface GovernanceSpec {
  /** Construct path of the governance, for errors. */
  readonly path: string;
  readonly props: GovernanceProps;
}

/** One FleetMonitoring as a backend hands it to the planner. */
export interface MonitoringSpec {
  /** Construct path of the monitoring, for errors. */
  readonly path: string;
  readonly props: MonitoringProps;
}

/** One migration as a backend hands it to the planner. */
export interface MigrationSpec {
  /** Construct path of the migration, for errors. */
  readonly path: string;
  readonly props: MigrationProps;
}

/** What a planned object belongs to. */
export enum OwnerKind {
  /** An object of one service (its workload, Service, export, networking); the owner's name is the service's path. */
  SERVICE = 'service',
  /** A Namespace, shared by the services in it; the owner's name is the Namespace's. */
  NAMESPACE = 'namespace',
  /** An object of the whole fleet, in no service or Namespace; the owner's name is the fleet's path. */
  FLEET = 'fleet',
}

/** The owner of a planned object, which engines and backends group objects by. */
export interface Owner {
  /** What kind of thing owns the object. @default - no default */
  readonly kind: OwnerKind;
  /** The service's path, the Namespace's name or the fleet's path. @default - no default */
  readonly name: string;
}

export interface PlannedObject {
  readonly manifest: Manifest;
  /** What the object belongs to: a service, a Namespace or the fleet. */
  readonly owner: Owner;
  readonly wave: ApplyWave;
  /**
   * Objects that must exist first: the Namespace it lives in and, for placeholder objects, the active
   * clusters' Services and ServiceExports. Deploying backends (Pulumi) order by it; file backends apply by wave.
   */
  readonly dependsOn: ObjectRef[];
  /** Path of the service the object belongs to (as `owner.name` when `owner.kind` is SERVICE); undefined for other owners. */
  readonly servicePath?: string;
  /**
   * Immutable fields the object sets (such as a Service's `spec.clusterIP`): a change of one needs the object
   * deleted and created again, which deploying backends do (Pulumi `replaceOnChanges`, delete first).
   */
  readonly replaceOnChanges?: string[];
  /**
   * A dependency the service declared for its pods (ConfigMap, Secret, ServiceAccount...): written in every
   * cluster holding the workload, before it, and once per cluster when services share it.
   * @default false
   */
  readonly dependency?: boolean;
}

/** Everything one cluster receives, in apply order. */
export interface ClusterPlan {
  readonly cluster: string;
  readonly objects: PlannedObject[];
  /**
   * Files the cluster needs applied before its objects, by reference at a pinned revision (the Gatekeeper
   * library's ConstraintTemplates its constraints use): folder engines list them first in the folder's
   * kustomization.yaml.
   * @default - none
   */
  readonly remoteResources?: string[];
}

/** One placeholder cluster of a service and how it reaches the active ones. */
export interface PlaceholderSummary {
  readonly cluster: string;
  /** The networking mode's name, such as `ISTIO`. */
  readonly networking: string;
}

/** Where one service landed, for outputs and docs. */
export interface ServiceSummary {
  readonly path: string;
  readonly name: string;
  readonly namespace: string;
  /** `{app}.{ns}.svc.clusterset.local` */
  readonly clustersetHost: string;
  readonly active: string[];
  readonly placeholders: PlaceholderSummary[];
  /** Replicas of each active cluster after scheduling. */
  readonly replicas: Record<string, number>;
  /**
   * Active clusters that run the service but no longer export it, so placeholders and clusterset DNS leave
   * them out: a migration's source after the switch, a StatefulSet's cluster that is down.
   * @default - every active cluster exports
   */
  readonly withdrawn?: string[];
  /** How the replicas were spread: duplicated, or divided into the shares in `replicas`. */
  readonly scheduling: ReplicaScheduling;
  /** For a StatefulSet, each active cluster's per-pod names `{pod}.{cluster}.{svc}.{ns}.svc.clusterset.local`. */
  readonly podHosts?: Record<string, string[]>;
  /** Pinned or allocated addresses of the exported Service, by active cluster. */
  readonly addresses: Record<string, ResolvedAddress>;
  /**
   * The services that call it, as `namespace/name`, sorted: its declared `callers`, the call graph's edges into
   * it (docs/governance.md).
   * @default - callers not declared
   */
  readonly callers?: string[];
}

export interface FleetPlan {
  /** One entry per cluster, in fleet order, including clusters that receive nothing. */
  readonly clusters: ClusterPlan[];
  /** One entry per service, sorted by namespace and name. */
  readonly services: ServiceSummary[];
  /** What the plan's services take in each cluster, in fleet order (replicas × requests; docs/capacity.md). @default - not computed */
  readonly usage?: ClusterUsage[];
  /** What cluster status, migrations and degradation changed from the plan with every cluster ready (docs/operations.md). @default - nothing changed */
  readonly operations?: OperationsSummary;
  /**
   * The fleet at each migration phase before the one planned, in order (BOTH_ACTIVE, then SWITCH), for
   * engines that render the way there as steps (KubeVela). Set by planFleet only.
   * @default - no migration past its first phase
   */
  readonly earlierPhases?: PhasePlan[];
  /**
   * How the outer load balancer spreads each HTTP service over the ingress nodes of the clusters running it,
   * sorted by namespace and name; only services with at least one such cluster that declares `ingressNodes`
   * (docs/north-south.md).
   * @default - not computed
   */
  readonly northSouth?: NorthSouthTable[];
}

/** The fleet's objects and services at one earlier migration phase. */
export interface PhasePlan {
  readonly phase: MigrationPhase;
  readonly clusters: ClusterPlan[];
  readonly services: ServiceSummary[];
}

/** Why replicas of a service moved or shrank. */
export enum MoveReason {
  /** A cluster is unavailable: its share went to the service's other ready active clusters. */
  FAILOVER = 'failover',
  /** No ready active cluster was left: a ready placeholder cluster took the replicas. */
  PROMOTION = 'promotion',
  /** A migration moved the service. */
  MIGRATION = 'migration',
}

/** Replicas of one service that left one cluster for another. */
export interface Move {
  readonly from: string;
  readonly to: string;
  readonly replicas: number;
  readonly reason: MoveReason;
}

/** What operations did to one service, cluster by cluster. */
export interface ServiceOperations {
  readonly path: string;
  readonly name: string;
  readonly namespace: string;
  /** Replicas per cluster as planned with every cluster ready and no migration. */
  readonly planned: Record<string, number>;
  /** Replicas per cluster after failover and migrations, before degradation. */
  readonly beforeDegrade: Record<string, number>;
  /** Replicas per cluster in this plan. */
  readonly replicas: Record<string, number>;
  /** Replicas given up by degradation, per cluster. */
  readonly degraded: Record<string, number>;
  /** Replicas that moved between clusters. */
  readonly moves: Move[];
}

/** A migration in the plan. */
export interface MigrationSummary {
  readonly path: string;
  readonly from: string;
  readonly to: string;
  readonly phase: MigrationPhase;
  /** The services that move, as `namespace/name`. */
  readonly services: string[];
}

/** A cluster's status in the plan. */
export interface ClusterStatusEntry {
  readonly cluster: string;
  readonly status: ClusterStatus;
}

/** What the plan changed from the one with every cluster ready: statuses, migrations, and each service touched. */
export interface OperationsSummary {
  /** Every cluster's status, in fleet order. */
  readonly clusters: ClusterStatusEntry[];
  readonly migrations: MigrationSummary[];
  /** Every service whose replicas differ from the plan with every cluster ready, sorted by namespace and name. */
  readonly services: ServiceOperations[];
}

/** One ingress node of a cluster, weighted for one service. */
export interface NorthSouthNode {
  /** The node's `host` or `host:port`, as the outer nginx reaches it. @default - no default */
  readonly address: string;
  /** Its weight: max(1, floor(pods × 10 / ingress nodes)) for the service's pods in the node's cluster. @default - no default */
  readonly weight: number;
}

/** One cluster running a service behind the outer load balancer. */
export interface NorthSouthEntry {
  /** The cluster's name. @default - no default */
  readonly cluster: string;
  /** The service's pods planned there (its replicas in the cluster, at least 1). @default - no default */
  readonly pods: number;
  /** The cluster's ingress nodes, each with its weight, in declared order. @default - no default */
  readonly nodes: NorthSouthNode[];
}

/** How the outer load balancer weighs one HTTP service across the clusters that run it. */
export interface NorthSouthTable {
  /** The service's construct path. @default - no default */
  readonly path: string;
  /** The service's namespace. @default - no default */
  readonly namespace: string;
  /** The service's name. @default - no default */
  readonly name: string;
  /** The nginx upstream's name: `clusterset_<namespace>_<name>`. @default - no default */
  readonly upstream: string;
  /** The names of the service's HTTP and HTTP2 ports, which the ingress nodes forward. @default - no default */
  readonly ports: string[];
  /** One entry per cluster running the service's pods and declaring ingressNodes, in fleet order. @default - no default */
  readonly entries: NorthSouthEntry[];
  /**
   * Clusters that run the service's pods but declare no ingressNodes, in fleet order: the outer load balancer
   * does not reach their pods.
   * @default - no default
   */
  readonly unfronted: string[];
}

/** What the services of a plan take in one cluster, against what it declares it can hold. */
export interface ClusterUsage {
  /** The cluster's name. @default - no default */
  readonly cluster: string;
  /** Pods planned there: replicas, or maxReplicas for an autoscaled workload. @default - no default */
  readonly pods: number;
  /** CPU they request, as an exact quantity such as `1500m`. @default - no default */
  readonly cpu: string;
  /** Memory they request, as an exact quantity such as `1536Mi`. @default - no default */
  readonly memory: string;
  /** What the cluster declares it can hold. @default - not declared, not checked */
  readonly allocatable?: AllocatableProps;
}

/** How the IPs that placeholders point at become known. */
export enum AddressResolution {
  /** At synth time: pinned on the ActivePlacement or allocated from the static band (files, GitOps). */
  STATIC = 'static',
  /** Pinned where given, else read from the deployed Service (Pulumi outputs); nothing is allocated. */
  LIVE = 'live',
}

/** How to plan. */
export interface PlanOptions {
  /** Where placeholder addresses come from. @default AddressResolution.STATIC */
  readonly addresses?: AddressResolution;
  /** How the objects reach the clusters, for what the delivery engine changes on the way (Karmada drops ClusterIPs). @default - every address is kept, as Delivery.direct() does */
  readonly delivery?: IDeliveredAddresses;
  /**
   * Whether Secret data ends up in files (cdk8s output, GitOps repositories): declared Secrets with `data` or
   * `stringData` are then refused unless the service sets `allowPlaintextSecrets`. A backend that keeps
   * Secrets out of files (Pulumi with secret outputs) sets false.
   * @default true
   */
  readonly secretsInFiles?: boolean;
}

/** The role an object plays in a cluster, also recorded in the `clusterset.dev/role` label. */
export type Role = 'active' | 'placeholder';

/** One cluster of a service: the placement that put it there, and what it plays after scheduling. */
export interface Assignment {
  readonly cluster: Cluster;
  readonly placement: Placement;
  /** Active runs replicas and exports; placeholder holds the name (also an active cluster whose divided share is 0). */
  readonly role: Role;
  /** How a placeholder reaches the active clusters; undefined for active ones. */
  readonly networking?: INetworkingMode;
  /** Replicas of the workload here: the scheduled share, or 0 for placeholders. */
  readonly replicas: number;
  /** For an active cluster: false when it runs the service but no longer exports it (see ServiceSummary.withdrawn). @default true */
  readonly exported?: boolean;
}

/** A service after its placements were resolved; `assignments` are in fleet order. */
export interface ResolvedService {
  readonly spec: ServiceSpec;
  readonly model: ServiceModel;
  /** In fleet order. */
  readonly assignments: Assignment[];
}

/** The addresses the planner settled for one exported Service in one cluster. */
export interface ResolvedAddress {
  readonly clusterIP?: string;
  readonly globalnetIP?: string;
}

/** When an object must be applied relative to the others; GitOps emitters turn it into sync waves. */
export enum ApplyWave {
  /** Namespaces, before anything lives in them. */
  NAMESPACES = 0,
  /** Workloads and Services. */
  WORKLOADS = 1,
  /** ServiceExports and placeholder wiring, once the Services they refer to exist. */
  NETWORKING = 2,
}
