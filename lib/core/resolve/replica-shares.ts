// How a service's replicas land on its active clusters, checked and planned.
import type { Cluster } from '../resolved';
import { planReplicas, replicaInputProblems } from './replicas';
import { ReplicaScheduling, type SchedulingProps } from '../api/scheduling';

/**
 * Replicas of each active cluster. DUPLICATED gives every cluster its own count; DIVIDED divides the
 * total with `planReplicas`, each cluster's `capacity` bounding its share, keyed by `namespace/name`.
 */
export function replicasByCluster(
  scheduling: SchedulingProps | undefined,
  active: ReadonlyArray<{ readonly cluster: Cluster; readonly replicas: number }>,
  serviceReplicas: number,
  key: string,
): Map<string, number> {
  if ((scheduling?.type ?? ReplicaScheduling.DUPLICATED) === ReplicaScheduling.DUPLICATED) {
    return new Map(active.map((a) => [a.cluster.name, a.replicas]));
  }
  const capacity = Object.fromEntries(active.flatMap((a) => (a.cluster.capacity !== undefined ? [[a.cluster.name, a.cluster.capacity]] : [])));
  const { plan } = planReplicas({
    totalReplicas: scheduling?.totalReplicas ?? serviceReplicas,
    preferences: scheduling?.preferences ?? { '*': { weight: 1 } },
    clusters: active.map((a) => a.cluster.name),
    current: scheduling?.current,
    capacity,
    rebalance: scheduling?.rebalance,
    key,
  });
  return new Map(Object.entries(plan));
}

/** Why a scheduling cannot be planned, each message with the fix. */
export function schedulingProblems(scheduling: SchedulingProps | undefined, serviceReplicas: number, activeClusters: readonly string[]): string[] {
  if (!scheduling || (scheduling.type ?? ReplicaScheduling.DUPLICATED) === ReplicaScheduling.DUPLICATED) {
    const divisionOnly = (['totalReplicas', 'preferences', 'current', 'rebalance', 'placeholderNetworking'] as const).filter((f) => scheduling?.[f] !== undefined);
    return divisionOnly.map((f) => `scheduling.${f} is only read with ReplicaScheduling.DIVIDED; set type: ReplicaScheduling.DIVIDED or remove it`);
  }
  const problems = replicaInputProblems({
    totalReplicas: scheduling.totalReplicas ?? serviceReplicas,
    preferences: scheduling.preferences ?? {},
    clusters: [...activeClusters],
    current: scheduling.current,
  }).map((p) => `scheduling: ${p}`);
  for (const cluster of Object.keys(scheduling.preferences ?? {}).filter((c) => c !== '*' && !activeClusters.includes(c))) {
    problems.push(`scheduling.preferences names cluster "${cluster}", which is not an active cluster of this service (active: ${activeClusters.join(', ')})`);
  }
  const total = scheduling.totalReplicas ?? serviceReplicas;
  const weights = activeClusters.map((c) => (scheduling.preferences ?? { '*': { weight: 1 } })[c] ?? (scheduling.preferences ?? { '*': { weight: 1 } })['*']);
  if (problems.length === 0 && activeClusters.length > 0 && (total === 0 || weights.every((p) => !p || ((p.weight ?? 0) === 0 && (p.minReplicas ?? 0) === 0)))) {
    problems.push(`scheduling gives every active cluster (${activeClusters.join(', ')}) 0 replicas, so none would run the service; raise totalReplicas or a weight`);
  }
  return problems;
}
