// One cluster's PodDisruptionBudget of a service, selecting its pods.
import type { Manifest } from '../kube/manifest';
import type { ServiceModel } from '../resolved';
import type { ClusterBudget } from '../resolve/cluster-scaling';

/** The policy/v1 PodDisruptionBudget of the service's pods in one cluster, by the selector its workload uses. */
export function disruptionBudgetManifest(service: ServiceModel, budget: ClusterBudget): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: service.name, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      ...(budget.maxUnavailable !== undefined ? { maxUnavailable: budget.maxUnavailable } : {}),
      ...(budget.minAvailable !== undefined ? { minAvailable: budget.minAvailable } : {}),
      selector: { matchLabels: { ...service.selector } },
    },
  };
}
