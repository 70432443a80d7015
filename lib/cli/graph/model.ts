// The fleet as a picture, before any format: clusters with the services placed in them, the cross-cluster
// routes from each placeholder to the clusters exporting its service, and the replicas operations moved.
// The SVG, Mermaid and DOT renderers draw this one model, so the three pictures never disagree.
import type { FleetDocument } from '../../core/report/plan-document';
import { PlanReader } from './plan-reader';

/** What a cluster's status means for the picture. */
export type ClusterState = 'READY' | 'CORDONED' | 'UNAVAILABLE';

const STATES: readonly ClusterState[] = ['READY', 'CORDONED', 'UNAVAILABLE'];

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
 * The graph of one fleet of a plan document. `where` names the fleet in the document (`fleets[0]`) for
 * errors: the document is read from a file, so every field is checked rather than trusted.
 */
export function fleetGraph(document: FleetDocument, where: string, file: string): FleetGraph {
  const plan = new PlanReader(file, where);
  const root = plan.object(document, '');
  const clusters = readClusters(plan, root);
  const operations = root.operations === undefined ? undefined : plan.object(root.operations, 'operations');
  // Operations carry each cluster's status too; a status there wins, as it is the one the plan used.
  plan.optionalArray(operations?.clusters, 'operations.clusters').forEach((entry, i) => {
    const at = `operations.clusters[${i}]`;
    const status = plan.object(entry, at);
    clusters.states.set(clusters.known(status.cluster, `${at}.cluster`), plan.oneOf(status.status, STATES, 'READY', `${at}.status`, 'a cluster status'));
  });
  const { placements, routes } = readServices(plan, root, clusters);
  return {
    fleet: plan.string(root.path, 'path'),
    delivery: plan.string(root.delivery, 'delivery'),
    clusters: clusters.names.map((name) => ({ name, state: clusters.states.get(name) ?? 'READY', placements: [...(placements.get(name) ?? [])].sort(byService) })),
    routes: routes.sort(byEnds),
    moves: readMoves(plan, operations, clusters).sort(byEnds),
    migrations: plan
      .optionalArray(operations?.migrations, 'operations.migrations')
      .map((m, i) => {
        const migration = plan.object(m, `operations.migrations[${i}]`);
        const field = (key: string): string => plan.string(migration[key], `operations.migrations[${i}].${key}`);
        return `${field('from')} → ${field('to')} (${field('phase')})`;
      })
      .sort(compare),
  };
}

/** The fleet's clusters as declared: names in order, statuses, and a check that a name is one of them. */
interface DeclaredClusters {
  readonly names: readonly string[];
  readonly states: Map<string, ClusterState>;
  /** `value` as a declared cluster's name, or an error naming `field`. */
  known(value: unknown, field: string): string;
}

function readClusters(plan: PlanReader, root: Record<string, unknown>): DeclaredClusters {
  const states = new Map<string, ClusterState>();
  const names = plan.array(root.clusters, 'clusters').map((entry, i) => {
    const cluster = plan.object(plan.object(entry, `clusters[${i}]`).cluster, `clusters[${i}].cluster`);
    const name = plan.string(cluster.name, `clusters[${i}].cluster.name`);
    if (states.has(name)) throw plan.error(`clusters[${i}].cluster.name`, `repeats cluster "${name}"`);
    states.set(name, plan.oneOf(cluster.status, STATES, 'READY', `clusters[${i}].cluster.status`, 'a cluster status'));
    return name;
  });
  const known = (value: unknown, field: string): string => {
    const name = plan.string(value, field);
    if (!states.has(name)) throw plan.error(field, `names cluster "${name}", which the fleet does not declare (clusters: ${names.join(', ') || 'none'})`);
    return name;
  };
  return { names, states, known };
}

/** Each cluster's placements, and the routes from every placeholder to the clusters exporting its service. */
function readServices(plan: PlanReader, root: Record<string, unknown>, clusters: DeclaredClusters): { placements: Map<string, GraphPlacement[]>; routes: GraphRoute[] } {
  const placements = new Map<string, GraphPlacement[]>(clusters.names.map((n) => [n, []]));
  const place = (cluster: string, placement: GraphPlacement, field: string): void => {
    const held = placements.get(cluster) ?? [];
    // One node per service and cluster: the renderers name nodes by the two.
    if (held.some((p) => p.service === placement.service)) throw plan.error(field, `places ${placement.service} in cluster "${cluster}" a second time`);
    held.push(placement);
  };
  const routes: GraphRoute[] = [];
  plan.array(root.services, 'services').forEach((entry, i) => {
    const at = `services[${i}]`;
    const summary = plan.object(entry, at);
    const service = `${plan.string(summary.namespace, `${at}.namespace`)}/${plan.string(summary.name, `${at}.name`)}`;
    const replicas = plan.object(summary.replicas, `${at}.replicas`);
    const withdrawn = plan.optionalArray(summary.withdrawn, `${at}.withdrawn`).map((c, j) => clusters.known(c, `${at}.withdrawn[${j}]`));
    const active = plan.array(summary.active, `${at}.active`).map((c, j) => clusters.known(c, `${at}.active[${j}]`));
    for (const cluster of active) {
      const count = plan.count(replicas[cluster], `${at}.replicas.${cluster}`);
      place(cluster, { service, role: 'active', replicas: count, ...(withdrawn.includes(cluster) ? { withdrawn: true } : {}) }, `${at}.active`);
    }
    // Clusterset DNS and the placeholders' wiring leave withdrawn clusters out: no route goes there.
    const exporting = active.filter((c) => !withdrawn.includes(c));
    plan.array(summary.placeholders, `${at}.placeholders`).forEach((p, j) => {
      const placeholder = plan.object(p, `${at}.placeholders[${j}]`);
      const cluster = clusters.known(placeholder.cluster, `${at}.placeholders[${j}].cluster`);
      const networking = plan.string(placeholder.networking, `${at}.placeholders[${j}].networking`);
      place(cluster, { service, role: 'placeholder', networking }, `${at}.placeholders[${j}]`);
      for (const to of exporting) routes.push({ service, from: cluster, to, networking });
    });
  });
  return { placements, routes };
}

/** The replicas operations moved between clusters, service by service. */
function readMoves(plan: PlanReader, operations: Record<string, unknown> | undefined, clusters: DeclaredClusters): GraphMove[] {
  return plan.optionalArray(operations?.services, 'operations.services').flatMap((entry, i) => {
    const at = `operations.services[${i}]`;
    const ops = plan.object(entry, at);
    const service = `${plan.string(ops.namespace, `${at}.namespace`)}/${plan.string(ops.name, `${at}.name`)}`;
    return plan.optionalArray(ops.moves, `${at}.moves`).map((m, j) => {
      const move = plan.object(m, `${at}.moves[${j}]`);
      const [from, to] = [clusters.known(move.from, `${at}.moves[${j}].from`), clusters.known(move.to, `${at}.moves[${j}].to`)];
      if (from === to) throw plan.error(`${at}.moves[${j}]`, `moves replicas from cluster "${from}" to itself`);
      return {
        service,
        from,
        to,
        replicas: plan.count(move.replicas, `${at}.moves[${j}].replicas`),
        reason: plan.string(move.reason, `${at}.moves[${j}].reason`),
      };
    });
  });
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
