// The guardrails of one governed namespace in one cluster: the fleet-wide limits and quota with the
// cluster's overrides merged over them, field by field.
import type { GovernanceProps } from '../api/governance';
import type { ContainerAmounts, NamespaceLimitsProps, NamespaceQuotaProps } from '../api/guardrails';
import type { FleetPlan } from '../model';
import { OwnerKind } from '../model';
import { compare } from '../emit/order';

/** The guardrails a FleetGovernance sets for one namespace in one cluster. */
export interface Guardrails {
  /** Construct path of the FleetGovernance, for errors. */
  readonly path: string;
  readonly namespace: string;
  readonly cluster: string;
  /** The merged LimitRange fields; undefined when none is set for this cluster. */
  readonly limits?: NamespaceLimitsProps;
  /** The merged ResourceQuota fields; undefined when no quota is set for this cluster. */
  readonly quota?: NamespaceQuotaProps;
}

/** `over`'s defined fields over `base`'s; undefined when neither is given. */
function merged<T extends object>(base: T | undefined, over: T | undefined): T | undefined {
  if (base === undefined && over === undefined) return undefined;
  const defined = (o: T | undefined) => Object.entries(o ?? {}).filter(([, v]) => v !== undefined);
  return Object.fromEntries([...defined(base), ...defined(over)]) as T;
}

function mergedLimits(base: NamespaceLimitsProps | undefined, over: NamespaceLimitsProps | undefined): NamespaceLimitsProps | undefined {
  if (base === undefined && over === undefined) return undefined;
  const part = (key: keyof NamespaceLimitsProps): ContainerAmounts | undefined => merged(base?.[key], over?.[key]);
  return merged<NamespaceLimitsProps>({ default: part('default'), defaultRequest: part('defaultRequest'), max: part('max') }, undefined);
}

/** The limits and quota `props` set in `cluster`. */
export function guardrailsIn(props: GovernanceProps, cluster: string): Pick<Guardrails, 'limits' | 'quota'> {
  const over = props.clusterOverrides?.[cluster];
  const limits = mergedLimits(props.limits, over?.limits);
  const quota = merged(props.quota, over?.quota);
  return { ...(limits ? { limits } : {}), ...(quota ? { quota } : {}) };
}

/** Each cluster holding an object of a service in `namespace`, in fleet order. */
export function clustersHolding(plan: FleetPlan, namespace: string): string[] {
  return plan.clusters
    .filter((c) => c.objects.some((o) => o.owner.kind === OwnerKind.SERVICE && o.manifest.metadata.namespace === namespace))
    .map((c) => c.cluster);
}

/** The guardrails of every governance, governed namespace and cluster holding its services: by cluster, then namespace. */
export function resolveGuardrails(governance: ReadonlyArray<{ readonly path: string; readonly props: GovernanceProps }>, plan: FleetPlan): Guardrails[] {
  const result: Guardrails[] = [];
  for (const g of governance) {
    for (const namespace of new Set(g.props.namespaces)) {
      for (const cluster of clustersHolding(plan, namespace)) {
        const set = guardrailsIn(g.props, cluster);
        if (set.limits || set.quota) result.push({ path: g.path, namespace, cluster, ...set });
      }
    }
  }
  const order = plan.clusters.map((c) => c.cluster);
  return result.sort((a, b) => order.indexOf(a.cluster) - order.indexOf(b.cluster) || compare(a.namespace, b.namespace) || compare(a.path, b.path));
}
