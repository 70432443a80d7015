// How planned objects are ordered: apply waves between kinds, plain string order within.
import { ApplyWave } from '../model';

/** RBAC objects a service's account needs, applied with the workload rather than after it. */
const RBAC_WITH_WORKLOADS: ReadonlySet<string> = new Set(['Role', 'RoleBinding']);

/** The wave of any object, planned or added by hand: Namespaces, then core and apps objects (and Roles, NetworkPolicies), then the rest. */
export function applyWaveOf(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): ApplyWave {
  if (object.kind === 'Namespace') return ApplyWave.NAMESPACES;
  if (object.apiVersion === 'v1' || object.apiVersion === 'apps/v1') return ApplyWave.WORKLOADS;
  if (object.apiVersion === 'rbac.authorization.k8s.io/v1' && RBAC_WITH_WORKLOADS.has(String(object.kind))) return ApplyWave.WORKLOADS;
  // A NetworkPolicy is in place before the pods it guards can receive traffic.
  if (object.apiVersion === 'networking.k8s.io/v1' && object.kind === 'NetworkPolicy') return ApplyWave.WORKLOADS;
  return ApplyWave.NETWORKING;
}

/** Code-unit string order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
