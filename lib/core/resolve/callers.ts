// Who calls whom: each service's declared `callers`, resolved to the services of the fleet (docs/governance.md).
import type { Problems } from '../errors';
import type { FleetPlan, ResolvedService } from '../model';
import { compare } from '../emit/order';
import { runsPods } from './cluster-scaling';
import { nearMiss } from '../validate/input/near-miss';

/** The callers each service declared, by the service's path; services that declare none are absent. */
export type CallGraph = ReadonlyMap<string, readonly ResolvedService[]>;

/** `namespace/name` of a service. */
export function serviceKey(s: ResolvedService): string {
  return `${s.model.namespace}/${s.model.name}`;
}

/**
 * Resolves every declared caller to a service of the fleet, sorted by namespace and name, reporting entries that
 * are malformed, name no service or repeat one. `wholeFleet` is false when `services` are some of the fleet's
 * only (the Pulumi flavour plans one at a time): a caller that is not among them is then not unknown.
 */
export function resolveCallers(services: readonly ResolvedService[], problems: Problems, wholeFleet: boolean): CallGraph {
  const byKey = new Map(services.map((s) => [serviceKey(s), s]));
  const graph = new Map<string, ResolvedService[]>();
  for (const s of services) {
    const declared = s.spec.options.callers;
    if (declared === undefined) continue;
    const { namespace } = s.model;
    const report = (message: string) => problems.add(s.model.path, message);
    const found = new Map<string, number>();
    declared.forEach((entry, i) => {
      const field = `callers[${i}] "${entry}"`;
      const parts = entry.split('/');
      if (parts.length > 2 || parts.some((p) => p === '')) {
        report(`${field} is not a service name or namespace/name; write "web" for a service of namespace "${namespace}", or "other/web" for one of namespace "other"`);
        return;
      }
      const key = parts.length === 2 ? entry : `${namespace}/${entry}`;
      const caller = byKey.get(key);
      if (!caller) {
        if (wholeFleet) report(`${field} is no service of the fleet${unknownHint(key, [...byKey.keys()])}; declare the caller as a MultiClusterService, or remove it from callers`);
        return;
      }
      const earlier = found.get(key);
      if (earlier !== undefined) {
        report(`${field} names ${key}, as callers[${earlier}] does; list each caller once`);
        return;
      }
      found.set(key, i);
    });
    graph.set(
      s.model.path,
      [...found.keys()].sort(compare).map((k) => byKey.get(k) as ResolvedService),
    );
  }
  return graph;
}

/** The nearest service, or the services of the namespace meant. */
function unknownHint(key: string, known: readonly string[]): string {
  const near = nearMiss(key, known);
  if (near) return ` (did you mean "${near}"?)`;
  const namespace = key.split('/')[0];
  const same = known.filter((k) => k.startsWith(`${namespace}/`));
  return same.length > 0 ? ` (services of namespace "${namespace}": ${same.map((k) => k.slice(namespace.length + 1)).join(', ')})` : ` (no service of the fleet is in namespace "${namespace}")`;
}

/** The clusters where a service runs pods: its active clusters with replicas. */
export function runningClusters(s: ResolvedService): string[] {
  return s.assignments.filter(runsPods).map((a) => a.cluster.name);
}

/** The clusters holding the service's workload and Service, active or placeholder. */
export function holdingClusters(s: ResolvedService): string[] {
  return s.assignments.map((a) => a.cluster.name);
}

/**
 * The callers a service declares, as `namespace/name`, sorted and once each (malformed entries, reported by
 * resolveCallers, left out); undefined when it declares none. Read from the declaration, not the services
 * planned with it, so the Pulumi flavour (one service at a time) reports the same graph.
 */
export function declaredCallers(s: ResolvedService): string[] | undefined {
  const declared = s.spec.options.callers;
  if (declared === undefined) return undefined;
  const keys = declared.filter((e) => /^[^/]+(\/[^/]+)?$/.test(e)).map((e) => (e.includes('/') ? e : `${s.model.namespace}/${e}`));
  return [...new Set(keys)].sort(compare);
}

/** The plan with each service's declared callers in its summary, as `namespace/name`. */
export function withCallGraph(plan: FleetPlan, services: readonly ResolvedService[]): FleetPlan {
  const byPath = new Map(services.map((s) => [s.model.path, declaredCallers(s)]));
  if (![...byPath.values()].some((c) => c !== undefined)) return plan;
  return {
    ...plan,
    services: plan.services.map((s) => {
      const callers = byPath.get(s.path);
      return callers ? { ...s, callers } : s;
    }),
  };
}
