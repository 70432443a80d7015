// Which workloads of a plan have their replicas owned by an autoscaler, and where: read from the
// HorizontalPodAutoscalers the plan puts beside them, so engines tell their tools to leave the field alone.
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan } from '../core/model';

/** The field an autoscaler writes, as a JSON pointer. */
export const REPLICAS_POINTER = '/spec/replicas';

/** A workload whose `spec.replicas` an autoscaler owns in one cluster. */
export interface AutoscaledWorkload {
  readonly cluster: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The workload an autoscaler manifest targets, if it is one. */
export function autoscalerTarget(manifest: Manifest, cluster: string): AutoscaledWorkload | undefined {
  if (manifest.kind !== 'HorizontalPodAutoscaler' || !manifest.apiVersion.startsWith('autoscaling/')) return undefined;
  const target = (manifest.spec as { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } | undefined)?.scaleTargetRef;
  if (!target?.kind || !target.name) return undefined;
  return { cluster, apiVersion: target.apiVersion ?? 'apps/v1', kind: target.kind, namespace: manifest.metadata.namespace ?? 'default', name: target.name };
}

/** Every workload of the plan under an autoscaler, cluster by cluster in fleet order. */
export function autoscaledWorkloads(plan: FleetPlan): AutoscaledWorkload[] {
  return plan.clusters.flatMap((c) => c.objects.flatMap((o) => autoscalerTarget(o.manifest, c.cluster) ?? []));
}

/** Whether `manifest` is a workload an autoscaler owns the replicas of, among `autoscaled`. */
export function isAutoscaled(manifest: Manifest, cluster: string, autoscaled: readonly AutoscaledWorkload[]): boolean {
  return autoscaled.some(
    (w) => w.cluster === cluster && w.apiVersion === manifest.apiVersion && w.kind === manifest.kind && w.namespace === (manifest.metadata.namespace ?? 'default') && w.name === manifest.metadata.name,
  );
}
