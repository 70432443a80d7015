// Each cluster's status as the plan has it: a plan without an operations summary has every cluster ready.
import { ClusterStatus } from '../api/cluster';
import type { FleetPlan } from '../model';

/** Every cluster of the plan in fleet order, with its status. */
export function clusterStatuses(plan: FleetPlan): Array<{ readonly cluster: string; readonly status: ClusterStatus }> {
  const declared = new Map((plan.operations?.clusters ?? []).map((c) => [c.cluster, c.status]));
  return plan.clusters.map((c) => ({ cluster: c.cluster, status: declared.get(c.cluster) ?? ClusterStatus.READY }));
}
