// Checks of the workloads a plan places in governed namespaces against the namespace's LimitRange and
// ResourceQuota, as the API server would admit their pods (docs/validation.md, docs/governance.md).
import type { NamespaceQuotaProps } from '../api/guardrails';
import type { Problems } from '../errors';
import { admitted, type AdmittedResources, type Compute, COMPUTE, effectiveLimits, type EffectiveLimits, podAmounts, type WrittenResources } from '../kube/limit-range';
import type { Manifest } from '../kube/manifest';
import { quantityNanos } from '../kube/quantity';
import type { FleetPlan } from '../model';
import type { Guardrails } from '../resolve/guardrails';
import { add, type Amounts, formatAmount, largestTakers, NOTHING, type Resource } from './capacity';
import { autoscaledMax, isWorkload } from './capacity-pods';
import { formatCompute } from './guardrails';

interface Container {
  readonly name?: string;
  readonly resources?: WrittenResources;
}

/** A quota field on pods' compute, with what it totals. */
interface QuotaField {
  readonly field: 'requestsCpu' | 'requestsMemory' | 'limitsCpu' | 'limitsMemory' | 'pods';
  /** The ResourceQuota's name for it. */
  readonly hard: string;
  readonly of: 'requests' | 'limits';
  readonly resource: Resource;
  readonly verb: string;
}

const QUOTA_FIELDS: readonly QuotaField[] = [
  { field: 'requestsCpu', hard: 'requests.cpu', of: 'requests', resource: 'cpu', verb: 'request' },
  { field: 'requestsMemory', hard: 'requests.memory', of: 'requests', resource: 'memory', verb: 'request' },
  { field: 'limitsCpu', hard: 'limits.cpu', of: 'limits', resource: 'cpu', verb: 'be limited to' },
  { field: 'limitsMemory', hard: 'limits.memory', of: 'limits', resource: 'memory', verb: 'be limited to' },
  { field: 'pods', hard: 'pods', of: 'requests', resource: 'pods', verb: 'hold' },
];

/** Problems of one service found in several clusters, reported once with the clusters named. */
class ByCluster {
  private readonly found = new Map<string, { path: string; render: (clusters: string) => string; clusters: string[] }>();

  add(path: string, key: string, cluster: string, render: (clusters: string) => string): void {
    const id = `${path}\u0000${key}`;
    const entry = this.found.get(id) ?? { path, render, clusters: [] };
    if (!entry.clusters.includes(cluster)) entry.clusters.push(cluster);
    this.found.set(id, entry);
  }

  report(problems: Problems): void {
    for (const { path, render, clusters } of this.found.values()) {
      problems.add(path, render(`${clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters.map((c) => `"${c}"`).join(', ')}`));
    }
  }
}

/** Every workload, Service and total of the plan's governed namespaces that the API server would refuse. */
export function checkQuotas(guardrails: readonly Guardrails[], plan: FleetPlan, problems: Problems): void {
  const byCluster = new ByCluster();
  for (const g of guardrails) {
    const objects = plan.clusters.find((c) => c.cluster === g.cluster)?.objects ?? [];
    const manifests = objects.map((o) => o.manifest);
    const limits = g.limits ? effectiveLimits(g.limits) : undefined;
    const requested = new Map<string, Amounts>();
    const limited = new Map<string, Amounts>();
    for (const o of objects) {
      if (!o.servicePath || o.manifest.metadata.namespace !== g.namespace) continue;
      if (o.manifest.kind === 'Service' && o.manifest.apiVersion === 'v1' && g.quota) checkServiceType(o.servicePath, o.manifest, g, byCluster);
      if (!isWorkload(o.manifest)) continue;
      const pod = (o.manifest.spec as { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } } | undefined)?.template?.spec ?? {};
      const admit = (c: Container) => {
        const result = admitted(c.resources, limits);
        checkContainer(o.servicePath as string, c.name ?? '?', result, g, limits, byCluster);
        return result;
      };
      const containers = (pod.containers ?? []).map(admit);
      const inits = (pod.initContainers ?? []).map(admit);
      const replicas = BigInt(autoscaledMax(o.manifest, manifests) ?? (o.manifest.spec as { replicas?: number } | undefined)?.replicas ?? 1);
      const times = (amounts: Record<Compute, bigint>): Amounts => ({ pods: replicas, cpu: replicas * amounts.cpu, memory: replicas * amounts.memory });
      requested.set(o.servicePath, add(requested.get(o.servicePath) ?? NOTHING, times(podAmounts(containers.map((c) => c.requests), inits.map((c) => c.requests)))));
      limited.set(o.servicePath, add(limited.get(o.servicePath) ?? NOTHING, times(podAmounts(containers.map((c) => c.limits), inits.map((c) => c.limits)))));
    }
    if (g.quota) checkTotals(g, g.quota, requested, limited, problems);
  }
  byCluster.report(problems);
}

/** The API server's admission of one container: quota'd resources it must have, LimitRange max, a defaulted limit below its request. */
function checkContainer(service: string, name: string, resources: AdmittedResources, g: Guardrails, limits: EffectiveLimits | undefined, byCluster: ByCluster): void {
  const where = (clusters: string) => `in namespace "${g.namespace}" of ${clusters}`;
  for (const r of COMPUTE) {
    for (const of of ['requests', 'limits'] as const) {
      const field = QUOTA_FIELDS.find((q) => q.of === of && q.resource === r)?.field;
      const hard = field === undefined ? undefined : g.quota?.[field];
      if (hard !== undefined && resources[of][r] === undefined) {
        const fallback = of === 'requests' ? 'defaultRequest' : 'default';
        byCluster.add(service, `missing ${of} ${r} ${name} ${g.namespace} ${g.path}`, g.cluster, (clusters) =>
          `container "${name}" sets no ${r} ${of === 'requests' ? 'request' : 'limit'} ${where(clusters)}, where the quota of ${g.path} counts ${of}.${r} and no LimitRange gives a default: ` +
          `the API server would refuse its pods; set resources.${of}.${r} on the service, or limits.${fallback}.${r} on ${g.path}`);
      }
      const max = limits?.max[r];
      const value = resources[of][r];
      if (max !== undefined && value !== undefined && value > max) {
        const text = formatCompute(r, value);
        byCluster.add(service, `max ${of} ${r} ${name} ${g.namespace} ${g.path} ${text} ${formatCompute(r, max)}`, g.cluster, (clusters) =>
          `container "${name}" ${of === 'requests' ? 'requests' : 'is limited to'} ${r} ${text} ${where(clusters)}, more than the LimitRange max.${r} ${formatCompute(r, max)} of ${g.path}: ` +
          `the API server would refuse its pods; lower resources.${of}.${r} on the service, or raise limits.max.${r}`);
      }
    }
    const request = resources.requests[r];
    const limit = resources.limits[r];
    if (resources.defaultedLimits.has(r) && request !== undefined && limit !== undefined && request > limit) {
      byCluster.add(service, `defaulted limit ${r} ${name} ${g.namespace} ${g.path} ${request} ${limit}`, g.cluster, (clusters) =>
        `container "${name}" requests ${r} ${formatCompute(r, request)} ${where(clusters)}, more than the limit ${formatCompute(r, limit)} the LimitRange of ${g.path} gives it (limits.default.${r}): ` +
        `the API server would refuse its pods; set resources.limits.${r} on the service, or raise limits.default.${r}`);
    }
  }
}

/** A Service of a type the quota leaves no room for. */
function checkServiceType(service: string, manifest: Manifest, g: Guardrails, byCluster: ByCluster): void {
  const spec = manifest.spec as { type?: string; allocateLoadBalancerNodePorts?: boolean } | undefined;
  const type = spec?.type;
  const loadBalancer = type === 'LoadBalancer' && !g.quota?.allowLoadBalancers;
  const nodePorts = (type === 'NodePort' || (type === 'LoadBalancer' && spec?.allocateLoadBalancerNodePorts !== false)) && !g.quota?.allowNodePorts;
  for (const [refused, hard, allow] of [[loadBalancer, 'services.loadbalancers', 'allowLoadBalancers'], [nodePorts, 'services.nodeports', 'allowNodePorts']] as const) {
    if (!refused) continue;
    byCluster.add(service, `type ${hard} ${manifest.metadata.name} ${g.namespace} ${g.path}`, g.cluster, (clusters) =>
      `its Service "${manifest.metadata.name}" is of type ${type} in namespace "${g.namespace}" of ${clusters}, where the quota of ${g.path} allows none (${hard} 0): ` +
      `the API server would refuse it; set quota.allowLoadBalancers or quota.allowNodePorts as needed (${allow}), or keep the Service a ClusterIP`);
  }
}

/** The namespace's totals in its cluster against each quota field set. */
function checkTotals(g: Guardrails, quota: NamespaceQuotaProps, requested: ReadonlyMap<string, Amounts>, limited: ReadonlyMap<string, Amounts>, problems: Problems): void {
  for (const q of QUOTA_FIELDS) {
    const given = quota[q.field];
    if (given === undefined) continue;
    const hard = q.resource === 'pods' ? BigInt(given as number) : quantityNanos(String(given));
    if (hard === undefined) continue;
    const takers = q.of === 'requests' ? requested : limited;
    const total = [...takers.values()].reduce((sum, a) => sum + a[q.resource], 0n);
    if (total <= hard) continue;
    problems.add(
      g.path,
      `namespace "${g.namespace}" in cluster "${g.cluster}" would ${q.verb} ${formatAmount(q.resource, total)} in all (${q.hard}), more than its quota ${q.field} ` +
        `${formatAmount(q.resource, hard)} (${formatAmount(q.resource, total - hard)} over); the most: ${largestTakers(q.resource, takers).join(', ')}; ` +
        `lower those services' replicas or ${q.resource === 'pods' ? 'place some elsewhere' : q.of}, or raise quota.${q.field} (for this cluster only: clusterOverrides["${g.cluster}"].quota.${q.field})`,
    );
  }
}
