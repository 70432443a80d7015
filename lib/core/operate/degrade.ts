// When a cluster cannot hold what the plan puts there, services of lower priority give up replicas there
// first, each down to its floor (docs/operations.md).
import type { Assignment, ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import { autoscalerBounds } from '../resolve/cluster-scaling';
import { isExported } from '../resolve/exported';
import type { UsageBook } from './usage-book';

/** A service as degradation sees it: now, as planned with every cluster ready, and the clusters it is leaving. */
export interface Degradable {
  service: ResolvedService;
  /** Its total replicas as planned with every cluster ready. */
  readonly plannedTotal: number;
  /** Clusters a migration takes it out of: their replicas do not count towards its floor. */
  readonly leaving: ReadonlySet<string>;
}

const floorPercentOf = (s: ResolvedService) => s.spec.options.degrade?.floorPercent ?? 100;
const priorityOf = (s: ResolvedService) => s.spec.options.degrade?.priority ?? 0;

/** The fewest replicas a service keeps over the clusters that will serve it. */
function floorOf(d: Degradable): number {
  return Math.ceil((floorPercentOf(d.service) * d.plannedTotal) / 100);
}

function servingTotal(d: Degradable): number {
  return d.service.assignments.filter((a) => isExported(a) && !d.leaving.has(a.cluster.name)).reduce((sum, a) => sum + a.replicas, 0);
}

/**
 * Reduces services in every cluster that holds more than it declares: in increasing priority (ties by
 * namespace/name), each by what the shortfall needs, at most down to one replica there and to its floor
 * overall. Autoscaled services keep theirs (their maximum is what counts). Changes `services` in place and
 * returns the replicas taken, by service path and cluster.
 */
export function degrade(services: Degradable[], fleet: readonly Cluster[], book: UsageBook): Map<string, Map<string, number>> {
  const taken = new Map<string, Map<string, number>>();
  const order = [...services].sort((a, b) => priorityOf(a.service) - priorityOf(b.service) || compareKeys(a.service, b.service));
  for (const cluster of fleet) {
    for (const d of order) {
      const short = book.excess(cluster.name);
      if (short.length === 0) break;
      const here = d.service.assignments.find((a) => a.cluster.name === cluster.name);
      if (!here || here.role !== 'active' || autoscalerBounds(d.service, here)) continue;
      const one = book.podOf(d.service, here);
      const needs = short.filter((s) => one[s.resource] > 0n).map((s) => Number((s.over + one[s.resource] - 1n) / one[s.resource]));
      if (needs.length === 0) continue;
      const counted = !d.leaving.has(cluster.name) && isExported(here);
      const cut = Math.min(Math.max(...needs), here.replicas - 1, counted ? servingTotal(d) - floorOf(d) : here.replicas - 1);
      if (cut <= 0) continue;
      const reduced: Assignment = { ...here, replicas: here.replicas - cut };
      const after = { ...d.service, assignments: d.service.assignments.map((a) => (a === here ? reduced : a)) };
      book.replace(d.service, after);
      d.service = after;
      const byCluster = taken.get(after.model.path) ?? new Map<string, number>();
      byCluster.set(cluster.name, (byCluster.get(cluster.name) ?? 0) + cut);
      taken.set(after.model.path, byCluster);
    }
  }
  return taken;
}

function compareKeys(a: ResolvedService, b: ResolvedService): number {
  const ka = `${a.model.namespace}/${a.model.name}`;
  const kb = `${b.model.namespace}/${b.model.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
