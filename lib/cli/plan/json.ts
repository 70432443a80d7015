// `clusterset plan --json`: a stable projection of the plan document for scripts (documented in docs/cli.md):
// the document's summaries as they are, and each cluster with its status and object counts in place of the
// object list, so the output stays small on large fleets.
import type { FleetDocument, PlanDocument } from '../../core/report/plan-document';
import { statusOf } from './cluster-table';

/** The version of the `--json` layout; it follows the plan document's policy (a removed or renamed field bumps it). */
export const PLAN_JSON_VERSION = 1;

/** One cluster in `--json`. */
export interface PlanJsonCluster {
  readonly name: string;
  /** READY, CORDONED or UNAVAILABLE, as planned. */
  readonly status: string;
  /** The cluster's folder in the output, when the engine writes one. */
  readonly folder?: string;
  /** How many objects the cluster receives. */
  readonly objects: number;
  /** How many of each kind, by kind, keys sorted. */
  readonly kinds: Record<string, number>;
}

/** One fleet in `--json`: the plan document's, with each cluster's counts in place of its objects. */
export type PlanJsonFleet = Omit<FleetDocument, 'clusters'> & { readonly clusters: PlanJsonCluster[] };

/** What `--json` prints. */
export interface PlanJson {
  readonly version: number;
  /** The plan document's schemaVersion and generator, as read. */
  readonly planSchemaVersion: number;
  readonly generator: string;
  readonly fleets: PlanJsonFleet[];
}

function cluster(fleet: FleetDocument, entry: FleetDocument['clusters'][number]): PlanJsonCluster {
  const kinds: Record<string, number> = {};
  for (const o of [...entry.objects].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  return {
    name: entry.cluster.name,
    status: statusOf(fleet, entry.cluster.name),
    ...(entry.folder !== undefined ? { folder: entry.folder } : {}),
    objects: entry.objects.length,
    kinds,
  };
}

/** The projection of `fleets` of `document`, with two-space indent and a final newline. */
export function planJson(document: PlanDocument, fleets: readonly FleetDocument[]): string {
  const json: PlanJson = {
    version: PLAN_JSON_VERSION,
    planSchemaVersion: document.schemaVersion,
    generator: String(document.generator),
    fleets: fleets.map((fleet) => ({ ...fleet, clusters: fleet.clusters.map((c) => cluster(fleet, c)) })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
