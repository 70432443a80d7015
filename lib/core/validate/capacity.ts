// What the services of a plan take in each cluster (replicas × requests), and whether it fits what the
// cluster declares it can hold (`allocatable`). Read from the objects the plan emits, after overrides and
// pod template merges, so what is counted is what the cluster receives.
import type { AllocatableProps, ClusterProps } from '../api/cluster';
import { autoscaledMax, isWorkload, podOf, requestsOf } from './capacity-pods';
import { formatCpu, formatMemory, quantityNanos } from '../kube/quantity';
import type { ClusterUsage, FleetPlan } from '../model';

/** The resources a cluster can hold or a service takes there: pods, and CPU and memory in billionths. */
export interface Amounts {
  readonly pods: bigint;
  readonly cpu: bigint;
  readonly memory: bigint;
}

/** The resources counted, as `allocatable` names them. */
export const RESOURCES = ['pods', 'cpu', 'memory'] as const;
export type Resource = (typeof RESOURCES)[number];

export const NOTHING: Amounts = { pods: 0n, cpu: 0n, memory: 0n };

/** What one cluster can hold, by resource; a resource left out is not checked. */
export type Allocatable = Partial<Record<Resource, bigint>>;

/** The declared allocatable of each cluster that has one (its shape was checked). */
export function allocatableByCluster(clusters: readonly ClusterProps[]): Map<string, Allocatable> {
  const result = new Map<string, Allocatable>();
  for (const c of clusters) {
    const a = c.allocatable;
    if (!a) continue;
    result.set(c.name, {
      ...(a.pods !== undefined ? { pods: BigInt(a.pods) } : {}),
      ...(a.cpu !== undefined ? { cpu: quantityNanos(a.cpu) } : {}),
      ...(a.memory !== undefined ? { memory: quantityNanos(a.memory) } : {}),
    });
  }
  return result;
}

export function add(a: Amounts, b: Amounts): Amounts {
  return { pods: a.pods + b.pods, cpu: a.cpu + b.cpu, memory: a.memory + b.memory };
}

/**
 * What each service of the plan takes in each cluster: by cluster, then by service path. Each workload
 * counts its planned replicas (maxReplicas under an autoscaler, 1 when the field is left out), each of its
 * pods one pod and its effective requests.
 */
export function serviceUsage(plan: FleetPlan): Map<string, Map<string, Amounts>> {
  const result = new Map<string, Map<string, Amounts>>();
  for (const c of plan.clusters) {
    const byService = new Map<string, Amounts>();
    const manifests = c.objects.map((o) => o.manifest);
    for (const o of c.objects) {
      if (!o.servicePath || !isWorkload(o.manifest)) continue;
      const spec = o.manifest.spec as { replicas?: number } | undefined;
      const replicas = BigInt(autoscaledMax(o.manifest, manifests) ?? spec?.replicas ?? 1);
      const requests = requestsOf(podOf(o.manifest));
      const taken = { pods: replicas, cpu: replicas * requests.cpu, memory: replicas * requests.memory };
      byService.set(o.servicePath, add(byService.get(o.servicePath) ?? NOTHING, taken));
    }
    result.set(c.cluster, byService);
  }
  return result;
}

/** The plan summary's usage: per cluster in fleet order, with what the cluster declares. */
export function clusterUsage(plan: FleetPlan, clusters: readonly ClusterProps[]): ClusterUsage[] {
  const usage = serviceUsage(plan);
  const declared = new Map<string, AllocatableProps>(clusters.flatMap((c) => (c.allocatable ? [[c.name, c.allocatable] as const] : [])));
  return plan.clusters.map((c) => {
    const total = [...(usage.get(c.cluster)?.values() ?? [])].reduce(add, NOTHING);
    const allocatable = declared.get(c.cluster);
    return { cluster: c.cluster, pods: Number(total.pods), cpu: formatCpu(total.cpu), memory: formatMemory(total.memory), ...(allocatable ? { allocatable } : {}) };
  });
}

/** An amount of one resource as `allocatable` writes it. */
export function formatAmount(resource: Resource, amount: bigint): string {
  if (resource === 'pods') return `${amount} pods`;
  return resource === 'cpu' ? `${formatCpu(amount)} CPU` : `${formatMemory(amount)} of memory`;
}

/**
 * The refusal of a cluster that would hold more of `resource` than it declares: the planned total, the
 * services that take the most (three at most, with their share) and the fix.
 */
export function overflowMessage(cluster: string, resource: Resource, allocatable: bigint, takers: ReadonlyMap<string, Amounts>): string {
  const total = [...takers.values()].reduce((sum, a) => sum + a[resource], 0n);
  const top = largestTakers(resource, takers);
  return (
    `cluster "${cluster}" would hold ${formatAmount(resource, total)} of the fleet's services, more than its allocatable.${resource} ` +
    `${formatAmount(resource, allocatable)} (${formatAmount(resource, total - allocatable)} over); the most: ${top.join(', ')}; lower replicas or requests there, place services in ` +
    `another cluster, or raise the cluster's allocatable.${resource}`
  );
}

/** The services that take the most of `resource` (three at most), each with its amount and share of the total. */
export function largestTakers(resource: Resource, takers: ReadonlyMap<string, Amounts>): string[] {
  const total = [...takers.values()].reduce((sum, a) => sum + a[resource], 0n);
  return [...takers.entries()]
    .filter(([, a]) => a[resource] > 0n)
    .sort(([pa, a], [pb, b]) => (a[resource] === b[resource] ? (pa < pb ? -1 : 1) : a[resource] > b[resource] ? -1 : 1))
    .slice(0, 3)
    .map(([path, a]) => `${path} ${formatAmount(resource, a[resource])} (${share(a[resource], total)})`);
}

/** `part` of `total` in whole percent, rounded down. */
function share(part: bigint, total: bigint): string {
  return `${total === 0n ? 0n : (part * 100n) / total}%`;
}
