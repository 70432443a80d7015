// Dividing a total number of replicas across clusters, with the semantics of KubeFed's
// ReplicaSchedulingPreference planner (weights, minimums, maximums, capacity, rebalance).
import { Problems } from '../errors';
import { describeValue } from '../validate/input/describe';
import { replicaInputShape } from '../validate/input/replica-input-shape';
import { isObject } from '../validate/input/shape';

/** How much of a divided workload one cluster wants. */
export interface ClusterPreference {
  /** Relative share of the replicas left after minimums (and kept replicas). @default 0 */
  readonly weight?: number;
  /** Replicas the cluster gets before any weighted share, as long as the total allows. @default 0 */
  readonly minReplicas?: number;
  /** Most replicas the cluster may run. @default - unbounded */
  readonly maxReplicas?: number;
}

/** Inputs of `planReplicas`. */
export interface ReplicaPlanInput {
  /** Replicas to divide. @default - no default */
  readonly totalReplicas: number;
  /** Preferences by cluster name; `"*"` applies to clusters not named. Clusters with neither get 0. @default - no default */
  readonly preferences: Readonly<Record<string, ClusterPreference>>;
  /** The clusters available; the result does not depend on their order. @default - no default */
  readonly clusters: string[];
  /** Replicas running now, by cluster; kept where possible when `rebalance` is false. @default {} */
  readonly current?: Readonly<Record<string, number>>;
  /** Most replicas a cluster can take, by cluster; what does not fit is reported as overflow. @default {} */
  readonly capacity?: Readonly<Record<string, number>>;
  /** Move running replicas to reach the weighted layout, rather than keeping them where they run. @default false */
  readonly rebalance?: boolean;
  /** Mixed into the tie-break hash so equal-weight clusters are not always picked in name order; MultiClusterService passes `namespace/name`. @default '' */
  readonly key?: string;
}

/** Result of `planReplicas`. */
export interface ReplicaPlan {
  /** Replicas for every available cluster. */
  readonly plan: Readonly<Record<string, number>>;
  /** Replicas that a cluster's capacity refused, by cluster; with `rebalance: false`, at most what stayed unplaced. */
  readonly overflow: Readonly<Record<string, number>>;
}

interface Ranked {
  readonly cluster: string;
  readonly hash: number;
  readonly weight: number;
  readonly minReplicas: number;
  readonly maxReplicas?: number;
}

/** A record's own entry, never one inherited from Object.prototype. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** 32-bit FNV-1 (multiply, then xor) over the UTF-8 bytes of `text`, the hash KubeFed breaks ties with. */
export function fnv1_32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/**
 * Divides `totalReplicas` across `clusters`:
 * 1. clusters are ranked by decreasing weight, ties by increasing FNV-1 hash of cluster name + key;
 * 2. each gets its `minReplicas` (bounded by what is left and by capacity), in rank order;
 * 3. with `rebalance: false`, a cluster running more than that keeps up to its current count (bounded by
 *    max, capacity and what is left);
 * 4. the rest goes out in rounds: each cluster not yet full takes its weighted share of what was left at
 *    the start of the round, rounded up, bounded by what is left, by `maxReplicas` and by capacity (the
 *    excess over capacity is reported as overflow); replicas kept in step 3 count towards the share.
 *    Rounds repeat while replicas remain and some cluster took more.
 */
export function planReplicas(input: ReplicaPlanInput): ReplicaPlan {
  const problems = new Problems();
  const report = (message: string) => problems.add('planReplicas', message);
  if (!isObject(input)) report(`input must be an object { totalReplicas, preferences, clusters }, got ${describeValue(input)}`);
  else if (replicaInputShape(input, '', report)) replicaInputProblems(input).forEach(report);
  problems.throwIfAny();
  const plan: Record<string, number> = {};
  const overflow: Record<string, number> = {};
  const capacity = input.capacity ?? {};
  const capOf = (cluster: string) => (Object.prototype.hasOwnProperty.call(capacity, cluster) ? capacity[cluster] : undefined);
  let ranked: Ranked[] = [];
  for (const cluster of input.clusters) {
    const preference = own(input.preferences, cluster) ?? own(input.preferences, '*');
    if (!preference) {
      plan[cluster] = 0;
      continue;
    }
    ranked.push({
      cluster,
      hash: fnv1_32(cluster + (input.key ?? '')),
      weight: preference.weight ?? 0,
      minReplicas: preference.minReplicas ?? 0,
      maxReplicas: preference.maxReplicas,
    });
  }
  ranked.sort((a, b) => b.weight - a.weight || a.hash - b.hash || (a.cluster < b.cluster ? -1 : 1));

  let remaining = input.totalReplicas;
  for (const r of ranked) {
    const capped = capOf(r.cluster);
    const min = Math.min(r.minReplicas, remaining, capped ?? Number.POSITIVE_INFINITY);
    remaining -= min;
    plan[r.cluster] = min;
  }

  // Maps, not objects: a cluster may be called `constructor`.
  const kept = new Map<string, number>();
  if (!input.rebalance) {
    for (const r of ranked) {
      const running = own(input.current ?? {}, r.cluster);
      if (running === undefined || running <= plan[r.cluster]) continue;
      const target = Math.min(running, r.maxReplicas ?? Number.POSITIVE_INFINITY, capOf(r.cluster) ?? Number.POSITIVE_INFINITY);
      const extra = Math.max(0, Math.min(target - plan[r.cluster], remaining));
      remaining -= extra;
      kept.set(r.cluster, extra);
      plan[r.cluster] += extra;
    }
  }

  let progressed = true;
  while (progressed && remaining > 0) {
    progressed = false;
    const weightSum = ranked.reduce((sum, r) => sum + r.weight, 0);
    if (weightSum <= 0) break;
    const toDistribute = remaining;
    const stillOpen: Ranked[] = [];
    for (const r of ranked) {
      const start = plan[r.cluster];
      let extra = Math.min(Math.ceil((toDistribute * r.weight) / weightSum), remaining);
      const fromKept = Math.min(extra, kept.get(r.cluster) ?? 0);
      kept.set(r.cluster, (kept.get(r.cluster) ?? 0) - fromKept);
      extra -= fromKept;
      if (fromKept > 0) progressed = true;
      let total = start + extra;
      let full = false;
      if (r.maxReplicas !== undefined && total > r.maxReplicas) {
        total = r.maxReplicas;
        full = true;
      }
      const capped = capOf(r.cluster);
      if (capped !== undefined && total > capped) {
        overflow[r.cluster] = total - capped;
        total = capped;
        full = true;
      }
      if (!full) stillOpen.push(r);
      remaining -= total - start;
      plan[r.cluster] = total;
      if (total > start) progressed = true;
    }
    ranked = stillOpen;
  }

  if (input.rebalance) return { plan, overflow };
  // Without rebalancing, overflow only counts replicas that found no place at all.
  const trimmed = Object.entries(overflow)
    .map(([cluster, value]) => [cluster, Math.min(value, remaining)] as const)
    .filter(([, value]) => value > 0);
  return { plan, overflow: Object.fromEntries(trimmed) };
}

/** Why the numbers of a replica plan make no sense, each with the offending value. */
export function replicaInputProblems(input: ReplicaPlanInput): string[] {
  const problems: string[] = [];
  const count = (field: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) problems.push(`${field} ${value} must be a whole number, 0 or more`);
  };
  count('totalReplicas', input.totalReplicas);
  for (const [cluster, p] of Object.entries(input.preferences)) {
    const where = `preferences[${JSON.stringify(cluster)}]`;
    count(`${where}.weight`, p.weight);
    count(`${where}.minReplicas`, p.minReplicas);
    count(`${where}.maxReplicas`, p.maxReplicas);
    if (p.maxReplicas !== undefined && (p.minReplicas ?? 0) > p.maxReplicas) {
      problems.push(`${where} has minReplicas ${p.minReplicas} above maxReplicas ${p.maxReplicas}`);
    }
  }
  for (const [cluster, n] of Object.entries(input.current ?? {})) count(`current[${JSON.stringify(cluster)}]`, n);
  for (const [cluster, n] of Object.entries(input.capacity ?? {})) count(`capacity[${JSON.stringify(cluster)}]`, n);
  return problems;
}

/** Replica division on its own, as the public API offers it (jsii exports no free functions). */
export class ReplicaPlanner {
  /** Divides `totalReplicas` over the clusters by weight, within their bounds, as ReplicaScheduling.DIVIDED does. */
  public static plan(input: ReplicaPlanInput): ReplicaPlan {
    return planReplicas(input);
  }

  private constructor() {}
}
