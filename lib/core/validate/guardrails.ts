// Checks of the guardrails as given (docs/validation.md): override clusters that exist, namespaces that hold
// services, one LimitRange and one quota per namespace, and LimitRanges the API server accepts.
import type { GovernanceProps } from '../api/governance';
import type { Problems } from '../errors';
import { type Compute, COMPUTE, type ComputeAmounts, effectiveLimits } from '../kube/limit-range';
import { formatCpu, formatMemory } from '../kube/quantity';
import type { FleetPlan } from '../model';
import { clustersHolding, guardrailsIn } from '../resolve/guardrails';
import type { NamespaceLimitsProps } from '../api/guardrails';

interface GovernanceEntry {
  readonly path: string;
  readonly props: GovernanceProps;
}

/** A CPU or memory amount as a user writes it. */
export function formatCompute(resource: Compute, nanos: bigint): string {
  return resource === 'cpu' ? formatCpu(nanos) : formatMemory(nanos);
}

/**
 * Every guardrail problem that does not depend on the workloads. `wholeFleet` is false when the plan holds
 * some of the fleet's services only: a namespace without any of them may then hold others'.
 */
export function checkGuardrailProps(governance: readonly GovernanceEntry[], clusters: readonly string[], plan: FleetPlan, wholeFleet: boolean, problems: Problems): void {
  for (const g of governance) {
    for (const cluster of Object.keys(g.props.clusterOverrides ?? {})) {
      if (!clusters.includes(cluster)) {
        problems.add(g.path, `clusterOverrides["${cluster}"] names a cluster that is not in the ClusterSet (known: ${clusters.join(', ')}); use one of them or remove it`);
      }
    }
    if (wholeFleet) {
      for (const namespace of new Set(g.props.namespaces)) {
        if (clustersHolding(plan, namespace).length === 0) {
          problems.add(g.path, `governs namespace "${namespace}", where no service of the fleet runs, so nothing would be emitted for it; place a service in "${namespace}" or remove it from namespaces`);
        }
      }
    }
    checkLimitOrder(g, problems);
  }
  checkOneOwner(governance, 'limits', problems);
  checkOneOwner(governance, 'quota', problems);
}

/** Two FleetGovernances writing the same LimitRange (or quota) in one namespace would overwrite each other. */
function checkOneOwner(governance: readonly GovernanceEntry[], part: 'limits' | 'quota', problems: Problems): void {
  const first = new Map<string, string>();
  for (const g of governance) {
    const sets = g.props[part] !== undefined || Object.values(g.props.clusterOverrides ?? {}).some((o) => o?.[part] !== undefined);
    if (!sets) continue;
    for (const namespace of new Set(g.props.namespaces)) {
      const owner = first.get(namespace);
      if (owner === undefined) first.set(namespace, g.path);
      else problems.add(g.path, `sets ${part} for namespace "${namespace}", which ${owner} already does (one ${part === 'limits' ? 'LimitRange' : 'ResourceQuota'} per namespace); give them in one FleetGovernance`);
    }
  }
}

/** Where the API server refuses a LimitRange: a default request above the default limit, or that above the max (an unset default takes max). */
function limitOrderProblems(limits: NamespaceLimitsProps | undefined): string[] {
  const effective = effectiveLimits(limits);
  const problems: string[] = [];
  const above = (resource: Compute, lower: ComputeAmounts, lowerName: string, upper: ComputeAmounts, upperName: string) => {
    const low = lower[resource];
    const high = upper[resource];
    if (low !== undefined && high !== undefined && low > high) {
      problems.push(`${lowerName}.${resource} ${formatCompute(resource, low)} is more than ${upperName}.${resource} ${formatCompute(resource, high)}`);
    }
  };
  for (const r of COMPUTE) {
    above(r, effective.defaultRequest, 'limits.defaultRequest', effective.default, 'limits.default');
    above(r, effective.default, 'limits.default', effective.max, 'limits.max');
  }
  return problems;
}

function checkLimitOrder(g: GovernanceEntry, problems: Problems): void {
  const fix = 'the API server refuses such a LimitRange; lower the first or raise the second';
  const everywhere = limitOrderProblems(g.props.limits);
  for (const p of everywhere) problems.add(g.path, `${p}: ${fix}`);
  for (const [cluster, over] of Object.entries(g.props.clusterOverrides ?? {})) {
    if (!over?.limits) continue;
    for (const p of limitOrderProblems(guardrailsIn(g.props, cluster).limits)) {
      if (!everywhere.includes(p)) problems.add(g.path, `in cluster "${cluster}" (with clusterOverrides["${cluster}"].limits), ${p}: ${fix}`);
    }
  }
}
