// The autoscaler and disruption budget one cluster gets for a service, if any.
import type { Assignment, ResolvedService } from '../model';
import type { Manifest } from '../kube/manifest';
import { WorkloadKind } from '../api/service';
import { autoscalerBounds, clusterBudget } from '../resolve/cluster-scaling';
import { autoscalerManifest } from './autoscaler';
import { disruptionBudgetManifest } from './disruption-budget';

/** The HorizontalPodAutoscaler and PodDisruptionBudget of a cluster that runs the service's pods; none elsewhere. */
export function scalingManifests(s: ResolvedService, a: Assignment): Manifest[] {
  const { autoscaling } = s.spec.options;
  const bounds = autoscalerBounds(s, a);
  const budget = clusterBudget(s, a);
  return [
    ...(autoscaling && bounds ? [autoscalerManifest(s.model, s.spec.options.workload ?? WorkloadKind.DEPLOYMENT, autoscaling, bounds)] : []),
    ...(budget ? [disruptionBudgetManifest(s.model, budget)] : []),
  ];
}
