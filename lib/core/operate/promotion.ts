// A service left with no ready active cluster runs in its first ready placeholder cluster that has room.
import { type Assignment, type Move, MoveReason, type ResolvedService } from '../model';
import { ClusterStatus } from '../api/cluster';
import { formatAmount } from '../validate/capacity';
import type { UsageBook } from './usage-book';

/** The service with its first ready placeholder cluster with room turned active for `replicas`, or the reason there is none. */
export function promote(
  s: ResolvedService,
  replicas: number,
  from: readonly string[],
  book: UsageBook,
): { readonly service: ResolvedService; readonly moves: Move[] } | { readonly problem: string } {
  const statuses = s.assignments.filter((a) => a.cluster.status !== ClusterStatus.READY).map((a) => `"${a.cluster.name}" ${a.cluster.status}`);
  const lead = `has no ready active cluster left (${statuses.join(', ')}) for its ${replicas} replica(s)`;
  if (s.model.headless) {
    return {
      problem:
        `${lead}, and a StatefulSet's placeholder cannot become active in place (its Service would turn headless, an immutable change); ` +
        'add an ActivePlacement in a ready cluster, or set a cluster back to READY',
    };
  }
  const candidates = s.assignments.filter((a) => a.role === 'placeholder' && a.cluster.status === ClusterStatus.READY);
  const roomless: string[] = [];
  for (const candidate of candidates) {
    const promoted: Assignment = { cluster: candidate.cluster, placement: candidate.placement, role: 'active', replicas };
    const service = { ...s, assignments: s.assignments.map((a) => (a === candidate ? promoted : a)) };
    book.replace(s, service);
    const over = book.excess(candidate.cluster.name);
    if (over.length === 0) {
      return { service, moves: from.slice(0, 1).map((f) => ({ from: f, to: candidate.cluster.name, replicas, reason: MoveReason.PROMOTION })) };
    }
    book.replace(service, s);
    roomless.push(`"${candidate.cluster.name}" would be ${over.map((o) => `${formatAmount(o.resource, o.over)}`).join(' and ')} over its allocatable`);
  }
  if (candidates.length === 0) {
    return { problem: `${lead}, and no placeholder in a ready cluster to promote; add a PlaceholderPlacement or an ActivePlacement in a ready cluster, or set a cluster back to READY` };
  }
  return { problem: `${lead}, and no ready placeholder cluster has room for them (${roomless.join('; ')}); raise an allocatable, lower requests, or set a cluster back to READY` };
}
