// What each cluster holds while operations move replicas: the running totals that promotion and
// degradation weigh against each cluster's allocatable, counted as the final capacity check counts them.
import type { Assignment, ResolvedService } from '../model';
import { add, type Allocatable, type Amounts, NOTHING, RESOURCES, type Resource } from '../validate/capacity';
import { requestsOf, podOf } from '../validate/capacity-pods';
import { clusterWorkload } from '../emit/cluster-workload';
import { autoscalerBounds } from '../resolve/cluster-scaling';

export class UsageBook {
  private readonly totals = new Map<string, Amounts>();
  private readonly perPod = new Map<string, Amounts>();

  /**
   * @param allocatable what each cluster declares it can hold
   * @param base what a cluster already holds outside these services (the Pulumi flavour's earlier services)
   */
  constructor(
    private readonly allocatable: ReadonlyMap<string, Allocatable>,
    base: (cluster: string) => Amounts,
    services: readonly ResolvedService[],
  ) {
    for (const cluster of allocatable.keys()) this.totals.set(cluster, base(cluster));
    for (const s of services) this.count(s, 1);
  }

  /** Whether the book counts anything: only clusters that declare allocatable are weighed. */
  public get weighs(): boolean {
    return this.allocatable.size > 0;
  }

  /** One pod of the service in that cluster: its requests after the cluster's overrides. */
  public podOf(s: ResolvedService, a: Assignment): Amounts {
    const key = `${s.model.path}|${a.cluster.name}`;
    let found = this.perPod.get(key);
    if (!found) {
      const requests = requestsOf(podOf(clusterWorkload(s, { ...a, role: 'active', replicas: 1 }, () => undefined)));
      found = { pods: 1n, cpu: requests.cpu, memory: requests.memory };
      this.perPod.set(key, found);
    }
    return found;
  }

  /** Counts a service as it is now instead of as it was: its pods in every cluster, autoscaled ones at their maximum. */
  public replace(before: ResolvedService, after: ResolvedService): void {
    this.count(before, -1);
    this.count(after, 1);
  }

  /** Adds (`sign` 1) or removes (-1) what a service's assignments take. */
  private count(s: ResolvedService, sign: 1 | -1): void {
    for (const a of s.assignments) {
      const total = this.totals.get(a.cluster.name);
      if (total === undefined || a.role !== 'active') continue;
      const pods = BigInt(sign * (autoscalerBounds(s, a)?.maxReplicas ?? a.replicas));
      if (pods === 0n) continue;
      const one = this.podOf(s, a);
      this.totals.set(a.cluster.name, add(total, { pods, cpu: pods * one.cpu, memory: pods * one.memory }));
    }
  }

  /** Whether `extra` more pods of the service fit in the assignment's cluster. */
  public fits(s: ResolvedService, a: Assignment, extra: number): boolean {
    const over = this.excess(a.cluster.name, this.scaled(this.podOf(s, a), extra));
    return over.length === 0;
  }

  /** The resources a cluster would hold more of than it declares, with `extra` added, and by how much. */
  public excess(cluster: string, extra: Amounts = NOTHING): Array<{ readonly resource: Resource; readonly over: bigint }> {
    const limits = this.allocatable.get(cluster);
    const total = this.totals.get(cluster);
    if (!limits || !total) return [];
    const sum = add(total, extra);
    return RESOURCES.flatMap((resource) => {
      const limit = limits[resource];
      return limit !== undefined && sum[resource] > limit ? [{ resource, over: sum[resource] - limit }] : [];
    });
  }

  private scaled(one: Amounts, count: number): Amounts {
    const n = BigInt(count);
    return { pods: n * one.pods, cpu: n * one.cpu, memory: n * one.memory };
  }
}
