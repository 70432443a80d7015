import type { FleetPlan } from '../model';

/** The plan with each cluster's remote resources (by URL, at a pinned revision) recorded, for folder engines to list first. */
export function withRemoteResources(plan: FleetPlan, byCluster: ReadonlyMap<string, string[]>): FleetPlan {
  if (byCluster.size === 0) return plan;
  return { ...plan, clusters: plan.clusters.map((c) => ((byCluster.get(c.cluster) ?? []).length > 0 ? { ...c, remoteResources: byCluster.get(c.cluster) } : c)) };
}
