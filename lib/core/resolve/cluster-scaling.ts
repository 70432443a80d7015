// What each cluster's autoscaler and disruption budget get: the service's settings, divided like the replicas
// under divided scheduling, whole under duplicated scheduling (docs/autoscaling.md).
import type { Assignment, ResolvedService } from '../model';
import { ReplicaScheduling } from '../api/scheduling';

/** The bounds of one cluster's HorizontalPodAutoscaler. */
export interface AutoscalerBounds {
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

/** One cluster's PodDisruptionBudget: exactly one of the two, a count or a percentage such as "25%". */
export interface ClusterBudget {
  readonly maxUnavailable?: number | string;
  readonly minAvailable?: number | string;
}

/** How `value` of the service scales to a cluster holding `share` of `total` replicas, rounded up or down, in exact integers. */
export function proportion(value: number, share: number, total: number, rounding: 'up' | 'down'): number {
  if (total <= 0) return value;
  const [v, s, t] = [BigInt(value), BigInt(share), BigInt(total)];
  const scaled = rounding === 'up' ? (v * s + t - 1n) / t : (v * s) / t;
  return Number(scaled);
}

/** Whether the cluster runs the service's pods: an active cluster with replicas (an idle StatefulSet cluster stays active at 0). */
export function runsPods(a: Assignment): boolean {
  return a.role === 'active' && a.replicas > 0;
}

/** The replicas the service's pod-running clusters share, and whether they are divided (else each runs the whole). */
function sharing(s: ResolvedService): { readonly divided: boolean; readonly total: number } {
  const divided = s.spec.options.scheduling?.type === ReplicaScheduling.DIVIDED;
  return { divided, total: s.assignments.filter(runsPods).reduce((sum, a) => sum + a.replicas, 0) };
}

/**
 * The autoscaler bounds of one cluster, or undefined when it gets none (no `autoscaling`, or a cluster that
 * runs no pods). Divided: the minimum rounded up (so the clusters' minima add up to at least the service's),
 * the maximum rounded down (so their maxima add up to at most the service's), each at least 1 and the
 * maximum never below the minimum. Duplicated: the service's bounds.
 */
export function autoscalerBounds(s: ResolvedService, a: Assignment): AutoscalerBounds | undefined {
  const autoscaling = s.spec.options.autoscaling;
  if (!autoscaling || !runsPods(a)) return undefined;
  const { divided, total } = sharing(s);
  if (!divided) return { minReplicas: autoscaling.minReplicas, maxReplicas: autoscaling.maxReplicas };
  const minReplicas = Math.max(1, proportion(autoscaling.minReplicas, a.replicas, total, 'up'));
  const maxReplicas = Math.max(minReplicas, proportion(autoscaling.maxReplicas, a.replicas, total, 'down'));
  return { minReplicas, maxReplicas };
}

/**
 * The disruption budget of one cluster, or undefined when it gets none. `maxUnavailable` and percentages
 * apply as given; a `minAvailable` count is divided like the replicas (rounded up, so the clusters keep at
 * least the service's count available together), or taken whole under duplicated scheduling.
 */
export function clusterBudget(s: ResolvedService, a: Assignment): ClusterBudget | undefined {
  const budget = s.spec.options.disruptionBudget;
  if (!budget || !runsPods(a)) return undefined;
  if (budget.maxUnavailable !== undefined) return { maxUnavailable: budget.maxUnavailable };
  if (budget.maxUnavailablePercent !== undefined) return { maxUnavailable: `${budget.maxUnavailablePercent}%` };
  if (budget.minAvailablePercent !== undefined) return { minAvailable: `${budget.minAvailablePercent}%` };
  if (budget.minAvailable === undefined) return undefined;
  const { divided, total } = sharing(s);
  return { minAvailable: divided ? proportion(budget.minAvailable, a.replicas, total, 'up') : budget.minAvailable };
}

/** The fewest pods the cluster runs while it runs any: its autoscaler's minimum, else its replicas. */
export function fewestPods(s: ResolvedService, a: Assignment): number {
  return autoscalerBounds(s, a)?.minReplicas ?? a.replicas;
}
