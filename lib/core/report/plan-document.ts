// The machine-readable plan clusterset writes beside a synthesized output (`<outdir>/clusterset.plan.json`):
// what the CLI and scripts read instead of re-running the program. Documented in docs/cli.md; any change that
// removes or renames a field bumps PLAN_SCHEMA_VERSION (adding one does not).
import type { ClusterProps } from '../api/cluster';
import type { ClusterUsage, FleetPlan, NorthSouthTable, OperationsSummary, ServiceSummary } from '../model';

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
  /** The delivery engine's name (`Delivery.direct()`, `Delivery.argoCd()`, `Delivery.flux()`, `Delivery.kubeVela()`, `Delivery.karmada()`, or a custom engine's). */
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

/** One object as a cluster folder holds it, in that folder's apply order. */
export interface WrittenObject {
  /** The file, relative to the output directory. */
  readonly file: string;
  readonly manifest: Record<string, unknown>;
}

/** What the backend wrote for one fleet, for `fleetDocument`. */
export interface WrittenFleet {
  readonly path: string;
  readonly delivery: string;
  readonly clusters: readonly ClusterProps[];
  readonly plan: FleetPlan;
  /**
   * Each cluster folder's objects as written, by cluster name, when the engine writes folders of member
   * objects as they are; a cluster without an entry is described by its planned objects, inline.
   */
  readonly folders?: Readonly<Record<string, { readonly folder: string; readonly objects: readonly WrittenObject[] }>>;
}

/** The plan document of one fleet: the plan's summaries, and each cluster's objects by file or inline. */
export function fleetDocument(written: WrittenFleet): FleetDocument {
  const { plan } = written;
  const clusters = written.clusters.map((cluster): ClusterDocument => {
    const folder = written.folders?.[cluster.name];
    if (folder) return { cluster, folder: folder.folder, objects: folder.objects.map(({ file, manifest }) => ({ ...identity(manifest), file })) };
    const planned = plan.clusters.find((c) => c.cluster === cluster.name)?.objects ?? [];
    return { cluster, objects: planned.map(({ manifest }) => ({ ...identity(manifest), manifest: manifest as Record<string, unknown> })) };
  });
  return {
    path: written.path,
    delivery: written.delivery,
    clusters,
    services: plan.services,
    ...(plan.usage ? { usage: plan.usage } : {}),
    ...(plan.operations ? { operations: plan.operations } : {}),
    ...(plan.northSouth ? { northSouth: plan.northSouth } : {}),
  };
}

/** The document of a whole synth, as written to PLAN_FILE: stable key order, two-space indent, a final newline. */
export function planDocumentJson(generator: string, fleets: readonly FleetDocument[]): string {
  const document: PlanDocument = { schemaVersion: PLAN_SCHEMA_VERSION, generator, fleets: [...fleets] };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function identity(manifest: Record<string, unknown>): Pick<ObjectEntry, 'apiVersion' | 'kind' | 'namespace' | 'name'> {
  const metadata = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    apiVersion: String(manifest.apiVersion),
    kind: String(manifest.kind),
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    name: String(metadata.name),
  };
}
