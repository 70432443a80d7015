// The LimitRange and ResourceQuota of each governed namespace in each cluster holding its services,
// owned by the Namespace, under names that do not change from one synth to the next.
import type { ContainerAmounts, NamespaceLimitsProps, NamespaceQuotaProps } from '../api/guardrails';
import type { Manifest } from '../kube/manifest';
import { LABELS } from '../resolved';
import { OwnerKind } from '../model';
import type { Guardrails } from '../resolve/guardrails';
import type { FleetObject } from './fleet-objects';

/** The name of the LimitRange clusterset writes in a governed namespace. */
export const LIMIT_RANGE_NAME = 'clusterset-limits';
/** The name of the ResourceQuota clusterset writes in a governed namespace. */
export const RESOURCE_QUOTA_NAME = 'clusterset-quota';

function metadata(name: string, namespace: string) {
  return { name, namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } };
}

function resourceList(amounts: ContainerAmounts | undefined): Record<string, string> | undefined {
  const entries = Object.entries(amounts ?? {}).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

/** The LimitRange for `limits`, or undefined when it sets no amount. */
export function limitRangeManifest(namespace: string, limits: NamespaceLimitsProps): Manifest | undefined {
  const item = Object.fromEntries(
    (['default', 'defaultRequest', 'max'] as const).flatMap((key) => {
      const list = resourceList(limits[key]);
      return list ? [[key, list]] : [];
    }),
  );
  if (Object.keys(item).length === 0) return undefined;
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: metadata(LIMIT_RANGE_NAME, namespace), spec: { limits: [{ type: 'Container', ...item }] } };
}

/** The ResourceQuota for `quota`: the amounts given, and no LoadBalancer or NodePort Service unless allowed. */
export function resourceQuotaManifest(namespace: string, quota: NamespaceQuotaProps): Manifest {
  const hard: Record<string, string> = {
    ...(quota.limitsCpu !== undefined ? { 'limits.cpu': quota.limitsCpu } : {}),
    ...(quota.limitsMemory !== undefined ? { 'limits.memory': quota.limitsMemory } : {}),
    ...(quota.pods !== undefined ? { pods: String(quota.pods) } : {}),
    ...(quota.requestsCpu !== undefined ? { 'requests.cpu': quota.requestsCpu } : {}),
    ...(quota.requestsMemory !== undefined ? { 'requests.memory': quota.requestsMemory } : {}),
    ...(quota.allowLoadBalancers ? {} : { 'services.loadbalancers': '0' }),
    ...(quota.allowNodePorts ? {} : { 'services.nodeports': '0' }),
  };
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: metadata(RESOURCE_QUOTA_NAME, namespace), spec: { hard } };
}

/** The objects of each namespace's guardrails (in the order given: by cluster, then namespace), LimitRange first. */
export function guardrailObjects(guardrails: readonly Guardrails[]): FleetObject[] {
  return guardrails.flatMap((g) => {
    const owner = { kind: OwnerKind.NAMESPACE, name: g.namespace };
    const limitRange = g.limits ? limitRangeManifest(g.namespace, g.limits) : undefined;
    const quota = g.quota ? resourceQuotaManifest(g.namespace, g.quota) : undefined;
    const hasHard = quota && Object.keys((quota.spec as { hard: object }).hard).length > 0;
    return [...(limitRange ? [{ cluster: g.cluster, manifest: limitRange, owner }] : []), ...(quota && hasHard ? [{ cluster: g.cluster, manifest: quota, owner }] : [])];
  });
}
