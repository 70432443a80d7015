// The machine-readable plan clusterset writes beside a synthesized output (`<outdir>/clusterset.plan.json`):
// what the CLI and scripts read instead of re-running the program. Documented in docs/cli.md; any change that
// removes or renames a field bumps PLAN_SCHEMA_VERSION (adding one does not).
import type { ClusterProps } from '../core/api/cluster';
import type { ClusterUsage, NorthSouthTable, OperationsSummary, ServiceSummary } from '../core/model';

/** The version of the document's layout; readers refuse a newer major than they know. */
export const PLAN_SCHEMA_VERSION = 1;

/** The file name, in the output directory. */
export const PLAN_FILE = 'clusterset.plan.json';

/** `<outdir>/clusterset.plan.json`: every fleet of one synth. */
export interface PlanDocument {
  readonly schemaVersion: number;
  /** `clusterset <version>` that wrote it. */
  readonly generator: string;
  /** One entry per ClusterSet of the app, in construct order. */
  readonly fleets: FleetDocument[];
}

/** One ClusterSet's plan. */
export interface FleetDocument {
  /** The ClusterSet's construct path. */
  readonly path: string;
  /** The delivery engine's name (`direct`, `argocd`, `flux`, `kubevela`, `karmada`, or a custom engine's class name). */
  readonly delivery: string;
  /** The clusters as declared (no credentials), each with what it receives. */
  readonly clusters: ClusterDocument[];
  /** Every service's summary, as `ClusterSet.plan().services`. */
  readonly services: ServiceSummary[];
  /** Usage per cluster, when any cluster declares allocatable or capacity. */
  readonly usage?: ClusterUsage[];
  /** Cluster status, migrations and moves, when any are in effect. */
  readonly operations?: OperationsSummary;
  /** North-south weight tables. */
  readonly northSouth?: NorthSouthTable[];
}

/** One member cluster and what it receives. */
export interface ClusterDocument {
  /** The cluster as declared: name, labels, CIDRs, mesh, MCS, registry, status, capacity... */
  readonly cluster: ClusterProps;
  /** The cluster's folder, relative to the output directory, when the engine writes one. */
  readonly folder?: string;
  /** The objects the cluster receives, in apply order. */
  readonly objects: ObjectEntry[];
}

/**
 * One object a member cluster receives. `file` is set when the object is written as-is to that file
 * (relative to the output directory); `manifest` when the engine wraps it (KubeVela, Karmada), so a reader
 * still sees what the member cluster will hold.
 */
export interface ObjectEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file?: string;
  readonly manifest?: Record<string, unknown>;
}
