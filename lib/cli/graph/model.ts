// The fleet as a picture, before any format: clusters with the services placed in them, the cross-cluster
// routes from each placeholder to the clusters exporting its service, and the replicas operations moved.
// The SVG, Mermaid and DOT renderers draw this one model, so the three pictures never disagree.
import type { FleetDocument } from '../../core/report/plan-document';
import { OutputError } from '../output';

/** What a cluster's status means for the picture. */
export type ClusterState = 'READY' | 'CORDONED' | 'UNAVAILABLE';

/** One service as one cluster holds it. */
export interface GraphPlacement {
  /** `namespace/name`. */
  readonly service: string;
  readonly role: 'active' | 'placeholder';
  /** For an active placement: its replicas after scheduling. */
  readonly replicas?: number;
  /** For an active placement: true when it runs but no longer exports (a migration's source after the switch, a down StatefulSet). */
  readonly withdrawn?: boolean;
  /** For a placeholder: the networking mode that routes its callers away, such as `ISTIO`. */
  readonly networking?: string;
}

/** One member cluster and what it holds, services sorted by namespace/name. */
export interface GraphCluster {
  readonly name: string;
  readonly state: ClusterState;
  readonly placements: readonly GraphPlacement[];
}

/** A request's way from a placeholder to one cluster exporting the service. */
export interface GraphRoute {
  readonly service: string;
  /** The placeholder's cluster. */
  readonly from: string;
  /** The exporting cluster. */
  readonly to: string;
  readonly networking: string;
}

/** Replicas of a service that operations moved from one cluster to another. */
export interface GraphMove {
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly replicas: number;
  /** `migration`, `failover` or `promotion`. */
  readonly reason: string;
}

/** The picture of one fleet. */
export interface FleetGraph {
  /** The ClusterSet's construct path. */
  readonly fleet: string;
  readonly delivery: string;
  /** In fleet order, as declared. */
  readonly clusters: readonly GraphCluster[];
  /** Sorted by service, then from, then to. */
  readonly routes: readonly GraphRoute[];
  /** Sorted by service, then from, then to. */
  readonly moves: readonly GraphMove[];
  /** Each migration in effect, as `from → to (PHASE)`, for the caption. */
  readonly migrations: readonly string[];
}

/**
 * The graph of one fleet of a plan document, as readOutput checked it. `where` names the fleet in the document
 * (`fleets[0]`) and `file` the document, for the errors of what only a picture needs: one node per service and
 * cluster, and a move between two clusters.
 */
export function fleetGraph(document: FleetDocument, where: string, file: string): FleetGraph {
  const error = (field: string, problem: string) => new GraphInputError(`${file} is damaged: ${where}.${field} ${problem}; synthesize the program again (was the file edited by hand?)`);
  const names = document.clusters.map((c) => c.cluster.name);
  const states = new Map<string, ClusterState>(document.clusters.map((c) => [c.cluster.name, c.cluster.status ?? 'READY']));
  const operations = document.operations;
  // Operations carry each cluster's status too; a status there wins, as it is the one the plan used.
  for (const status of operations?.clusters ?? []) states.set(status.cluster, status.status);
  const { placements, routes } = readServices(document, names, error);
  return {
    fleet: document.path,
    delivery: document.delivery,
    clusters: names.map((name) => ({ name, state: states.get(name) ?? 'READY', placements: [...(placements.get(name) ?? [])].sort(byService) })),
    routes: routes.sort(byEnds),
    moves: readMoves(operations?.services ?? [], error).sort(byEnds),
    migrations: (operations?.migrations ?? []).map((m) => `${m.from} → ${m.to} (${m.phase})`).sort(compare),
  };
}

/** A plan document the graph cannot be drawn from, though its shape is right (the dispatcher prints it, exit 2). */
export class GraphInputError extends OutputError {
  constructor(message: string) {
    super(message);
    this.name = 'GraphInputError';
  }
}

type FieldError = (field: string, problem: string) => GraphInputError;

/** Each cluster's placements, and the routes from every placeholder to the clusters exporting its service. */
function readServices(document: FleetDocument, names: readonly string[], error: FieldError): { placements: Map<string, GraphPlacement[]>; routes: GraphRoute[] } {
  const placements = new Map<string, GraphPlacement[]>(names.map((n) => [n, []]));
  const place = (cluster: string, placement: GraphPlacement, field: string): void => {
    const held = placements.get(cluster) ?? [];
    // One node per service and cluster: the renderers name nodes by the two.
    if (held.some((p) => p.service === placement.service)) throw error(field, `places ${placement.service} in cluster "${cluster}" a second time`);
    held.push(placement);
  };
  const routes: GraphRoute[] = [];
  document.services.forEach((summary, i) => {
    const at = `services[${i}]`;
    const service = `${summary.namespace}/${summary.name}`;
    const withdrawn = summary.withdrawn ?? [];
    for (const cluster of summary.active) {
      place(cluster, { service, role: 'active', replicas: summary.replicas[cluster], ...(withdrawn.includes(cluster) ? { withdrawn: true } : {}) }, `${at}.active`);
    }
    // Clusterset DNS and the placeholders' wiring leave withdrawn clusters out: no route goes there.
    const exporting = summary.active.filter((c) => !withdrawn.includes(c));
    summary.placeholders.forEach(({ cluster, networking }, j) => {
      place(cluster, { service, role: 'placeholder', networking }, `${at}.placeholders[${j}]`);
      for (const to of exporting) routes.push({ service, from: cluster, to, networking });
    });
  });
  return { placements, routes };
}

/** The replicas operations moved between clusters, service by service. */
function readMoves(services: NonNullable<FleetDocument['operations']>['services'], error: FieldError): GraphMove[] {
  return services.flatMap((ops, i) =>
    ops.moves.map(({ from, to, replicas, reason }, j) => {
      if (from === to) throw error(`operations.services[${i}].moves[${j}]`, `moves replicas from cluster "${from}" to itself`);
      return { service: `${ops.namespace}/${ops.name}`, from, to, replicas, reason };
    }),
  );
}

/** Whether `cluster` holds `service` (active or placeholder): a move's end is its node, or else the cluster. */
export function holds(graph: FleetGraph, cluster: string, service: string): boolean {
  return graph.clusters.some((c) => c.name === cluster && c.placements.some((p) => p.service === service));
}

function byService(a: GraphPlacement, b: GraphPlacement): number {
  return compare(a.service, b.service) || compare(a.role, b.role);
}

function byEnds(a: { service: string; from: string; to: string }, b: { service: string; from: string; to: string }): number {
  return compare(a.service, b.service) || compare(a.from, b.from) || compare(a.to, b.to);
}

/** Code-point order, so the output does not depend on the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
