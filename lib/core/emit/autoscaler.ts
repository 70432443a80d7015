// One cluster's HorizontalPodAutoscaler of a service, targeting its workload.
import type { AutoscalingProps } from '../api/autoscaling';
import type { WorkloadKind } from '../api/service';
import type { Manifest } from '../kube/manifest';
import type { ServiceModel } from '../resolved';
import type { AutoscalerBounds } from '../resolve/cluster-scaling';

/** An autoscaling/v2 resource metric at a target average utilisation. */
function utilization(resource: 'cpu' | 'memory', averageUtilization: number): Record<string, unknown> {
  return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization } } };
}

/** The autoscaler of `kind` `service.name` in one cluster: its bounds there, the service's targets and behavior. */
export function autoscalerManifest(service: ServiceModel, kind: WorkloadKind, autoscaling: AutoscalingProps, bounds: AutoscalerBounds): Manifest {
  const metrics = [
    ...(autoscaling.cpuUtilization !== undefined ? [utilization('cpu', autoscaling.cpuUtilization)] : []),
    ...(autoscaling.memoryUtilization !== undefined ? [utilization('memory', autoscaling.memoryUtilization)] : []),
    ...(autoscaling.metrics ?? []).map((m) => structuredClone(m)),
  ];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: service.name, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name: service.name },
      minReplicas: bounds.minReplicas,
      maxReplicas: bounds.maxReplicas,
      ...(metrics.length > 0 ? { metrics } : {}),
      ...(autoscaling.behavior ? { behavior: structuredClone(autoscaling.behavior) } : {}),
    },
  };
}
