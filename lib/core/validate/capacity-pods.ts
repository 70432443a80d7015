// The pods a workload manifest runs and what each requests: Kubernetes' effective requests, the larger of
// the sum over the containers and the largest init container.
import type { Manifest } from '../kube/manifest';
import { amountsOf, podAmounts } from '../kube/limit-range';

/** The kinds whose pods run replicas of a template. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

interface Container {
  readonly resources?: { readonly requests?: Readonly<Record<string, unknown>> };
}

interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
}

/** What one pod requests, in billionths of a core and of a byte. */
export interface PodRequests {
  readonly cpu: bigint;
  readonly memory: bigint;
}

export function isWorkload(manifest: Manifest): boolean {
  return manifest.apiVersion.startsWith('apps/') && WORKLOADS.has(manifest.kind);
}

/** The pod spec of a workload's template. */
export function podOf(manifest: Manifest): PodSpec {
  return ((manifest.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? {});
}

/** The effective requests of a pod: per resource, max(largest init container, sum of containers); 0 when unset. */
export function requestsOf(pod: PodSpec): PodRequests {
  const requests = (containers: readonly Container[] | undefined) => (containers ?? []).map((c) => amountsOf(c.resources?.requests));
  return podAmounts(requests(pod.containers), requests(pod.initContainers));
}

/** The maxReplicas of the autoscaler among `manifests` that targets `workload`, if any. */
export function autoscaledMax(workload: Manifest, manifests: readonly Manifest[]): number | undefined {
  const namespace = workload.metadata.namespace ?? 'default';
  for (const m of manifests) {
    if (m.kind !== 'HorizontalPodAutoscaler' || !m.apiVersion.startsWith('autoscaling/') || (m.metadata.namespace ?? 'default') !== namespace) continue;
    const spec = m.spec as { maxReplicas?: number; scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } | undefined;
    const target = spec?.scaleTargetRef;
    if (target?.kind === workload.kind && target.name === workload.metadata.name && (target.apiVersion ?? 'apps/v1') === workload.apiVersion) return spec?.maxReplicas;
  }
  return undefined;
}
