// A cluster's status applied to one service: a cluster that is down gives its shares to the service's
// ready active clusters, a cordoned one keeps exactly its own (docs/operations.md).
import { type Assignment, type Move, MoveReason, type ResolvedService } from '../model';
import { ClusterStatus } from '../api/cluster';
import { ActivePlacement } from '../api/placement';
import { ReplicaScheduling } from '../api/scheduling';
import { replicasByCluster } from '../resolve/replica-shares';
import { idleNetworking } from '../resolve/idle-networking';

/** A service after the clusters' statuses: its assignments, what moved, and replicas left with no ready active cluster. */
export interface StatusOutcome {
  readonly assignments: Assignment[];
  readonly moves: Move[];
  /** Replicas that lost their cluster and found no ready active one: a ready placeholder cluster is promoted for them. */
  readonly homeless: number;
  /** The clusters the homeless replicas ran in, in fleet order. */
  readonly homelessFrom: string[];
}

const isDown = (a: Assignment) => a.cluster.status === ClusterStatus.UNAVAILABLE;
const isReady = (a: Assignment) => a.cluster.status === ClusterStatus.READY;

/**
 * Applies the clusters' statuses to a service planned as if every cluster were ready. Divided: the total
 * less the cordoned clusters' shares is divided again over the ready active clusters, with the same
 * rules. Duplicated: the other active clusters keep running their own count. Either way a cluster that is
 * down turns into a placeholder, or, for a StatefulSet (whose headless Service cannot become a
 * placeholder's in place), stays active at 0 replicas without export.
 */
export function applyStatus(s: ResolvedService): StatusOutcome {
  const { assignments } = s;
  const untouched: StatusOutcome = { assignments, moves: [], homeless: 0, homelessFrom: [] };
  if (!assignments.some(isDown)) return untouched;
  const options = s.spec.options;
  const idle = idleNetworking(options, assignments.map((a) => a.placement));
  const headless = s.model.headless;
  const downed = (a: Assignment): Assignment =>
    headless ? { ...a, role: 'active', replicas: 0, exported: false } : { cluster: a.cluster, placement: a.placement, role: 'placeholder', networking: a.networking ?? idle, replicas: 0 };
  const lostBy = assignments.filter((a) => isDown(a) && a.role === 'active' && a.replicas > 0);
  const lost = lostBy.reduce((sum, a) => sum + a.replicas, 0);
  const after = assignments.map((a) => (isDown(a) && a.placement instanceof ActivePlacement ? downed(a) : a));
  if (lost === 0) return { ...untouched, assignments: after };

  if (options.scheduling?.type !== ReplicaScheduling.DIVIDED) {
    const running = after.some((a) => isReady(a) && a.role === 'active' && a.replicas > 0);
    return running ? { ...untouched, assignments: after } : { assignments: after, moves: [], homeless: lostBy[0].replicas, homelessFrom: [lostBy[0].cluster.name] };
  }

  const placed = assignments.filter((a) => a.placement instanceof ActivePlacement);
  const ready = placed.filter(isReady);
  const cordonedShares = placed.filter((a) => a.cluster.status === ClusterStatus.CORDONED).reduce((sum, a) => sum + (a.role === 'active' ? a.replicas : 0), 0);
  const total = options.scheduling.totalReplicas ?? options.replicas ?? 1;
  const rest = Math.max(0, total - cordonedShares);
  if (ready.length === 0) return { assignments: after, moves: [], homeless: rest, homelessFrom: lostBy.map((a) => a.cluster.name) };
  const shares = replicasByCluster(
    { ...options.scheduling, totalReplicas: rest },
    ready.map((a) => ({ cluster: a.cluster, replicas: 0 })),
    rest,
    `${s.model.namespace}/${s.model.name}`,
  );
  const redivided = after.map((a): Assignment => {
    if (!isReady(a) || !(a.placement instanceof ActivePlacement)) return a;
    const replicas = shares.get(a.cluster.name) ?? 0;
    if (replicas === 0 && !headless) return { cluster: a.cluster, placement: a.placement, role: 'placeholder', networking: a.networking ?? idle, replicas: 0 };
    return { cluster: a.cluster, placement: a.placement, role: 'active', replicas };
  });
  const gains = redivided.map((a, i) => ({ cluster: a.cluster.name, gained: a.replicas - (assignments[i].role === 'active' ? assignments[i].replicas : 0) })).filter((g) => g.gained > 0);
  return { assignments: redivided, moves: pairMoves(lostBy.map((a) => ({ cluster: a.cluster.name, replicas: a.replicas })), gains, MoveReason.FAILOVER), homeless: 0, homelessFrom: [] };
}

/** Pairs what the lost clusters gave up with what the others gained, both in fleet order, into moves. */
export function pairMoves(
  losses: ReadonlyArray<{ readonly cluster: string; readonly replicas: number }>,
  gains: ReadonlyArray<{ readonly cluster: string; readonly gained: number }>,
  reason: MoveReason,
): Move[] {
  const moves: Move[] = [];
  const left = losses.map((l) => ({ ...l }));
  for (const g of gains) {
    let wanted = g.gained;
    for (const l of left) {
      if (wanted === 0) break;
      const taken = Math.min(wanted, l.replicas);
      if (taken === 0) continue;
      l.replicas -= taken;
      wanted -= taken;
      moves.push({ from: l.cluster, to: g.cluster, replicas: taken, reason });
    }
  }
  return moves;
}
