// KubeVela's `apply-once` policy for the replicas an autoscaler owns, shared by the Applications of
// services that stay and of services a migration moves.
import type { Manifest } from '../core/kube/manifest';
import { autoscalerTarget, isAutoscaled } from './autoscaled';

/** A service's objects in one cluster, its workload apart. */
export interface WorkloadInCluster {
  readonly cluster: string;
  readonly workload: Manifest;
  readonly others: readonly Manifest[];
}

/**
 * An `apply-once` policy keeping the live `spec.replicas` of the service's workload once it exists, when
 * an autoscaler owns them in some cluster (KubeVela's rules select by component and resource type, not by
 * cluster, so placeholders' copies are kept too: docs/autoscaling.md says what that means on activation).
 */
export function applyOnceReplicas(componentNames: readonly string[], clusters: readonly WorkloadInCluster[]): Record<string, unknown>[] {
  const kinds = [...new Set(clusters.filter((v) => isAutoscaled(v.workload, v.cluster, v.others.flatMap((o) => autoscalerTarget(o, v.cluster) ?? []))).map((v) => v.workload.kind))];
  if (kinds.length === 0) return [];
  return [
    {
      name: 'apply-once-replicas',
      type: 'apply-once',
      properties: { enable: true, rules: [{ selector: { componentNames: [...componentNames], resourceTypes: kinds.sort() }, strategy: { path: ['spec.replicas'] } }] },
    },
  ];
}
