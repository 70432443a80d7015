// The routes a change breaks: the route model (lib/cli/route-model.ts, the test suite's own) run on both
// outputs of one fleet, every request that reaches a pod before and no longer does after.
import { routeModelOf } from '../fleet-model';
import type { LoadedFleet } from '../output';
import type { Route, RouteModel } from '../route-model';

/** A request from one cluster that succeeds before the change and fails after it. */
export interface BrokenRoute {
  /** The calling cluster. */
  readonly cluster: string;
  /** The calling pod's namespace. */
  readonly client: string;
  /** The calling workload (a declared caller), when the route is judged for one. */
  readonly from?: string;
  /** `namespace/name` of the Service called. */
  readonly service: string;
  readonly port: number;
  readonly protocol: string;
  /** `cluster/Kind/name:port` reached before. */
  readonly reachedBefore: readonly string[];
  /** Why it fails after, as the route model says. */
  readonly failures: readonly string[];
}

/**
 * Every route that works in `before` and fails in `after`. Routes are every (cluster, client namespace,
 * clusterset Service, port) of `before`, from each namespace of the fleet's services and from each declared
 * caller's workload. A route whose Service is gone from the calling cluster counts as broken only while some
 * cluster of the fleet still has that Service: removing a service from the whole fleet removes its routes on
 * purpose, but clients left in a cluster that lost the name are broken.
 */
export function brokenRoutes(before: LoadedFleet, after: LoadedFleet): BrokenRoute[] {
  const was = routeModelOf(before, namespacesOf(before));
  const is = routeModelOf(after, namespacesOf(after));
  const stillServed = new Set(
    Object.values(after.objects).flatMap((objects) => objects.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`)),
  );
  const broken: BrokenRoute[] = [];
  for (const route of routesOf(before, was)) {
    const service = `${route.namespace}/${route.service}`;
    if (!(route.cluster in after.objects) || !stillServed.has(service)) continue;
    const old = was.check(route);
    if (!old.ok) continue;
    const now = is.check(route);
    if (now.ok) continue;
    broken.push({
      cluster: route.cluster,
      client: route.client,
      ...(route.from !== undefined ? { from: route.from } : {}),
      service,
      port: route.port,
      protocol: route.protocol,
      reachedBefore: [...old.reached].sort(),
      failures: [...new Set(now.failures.length > 0 ? now.failures : ['reaches no pod'])].sort(),
    });
  }
  return broken.sort((a, b) => compare(routeKey(a), routeKey(b)));
}

function namespacesOf(fleet: LoadedFleet): string[] {
  return [...new Set(fleet.document.services.map((s) => s.namespace))].sort();
}

/** The model's routes, plus each declared caller's route from its own workload where that workload runs. */
function routesOf(fleet: LoadedFleet, model: RouteModel): Route[] {
  const routes = model.routes();
  const workloads = (cluster: string) =>
    new Set((fleet.objects[cluster] ?? []).filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet').map((o) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`));
  const callers = new Map(fleet.document.services.map((s) => [`${s.namespace}/${s.name}`, s.callers ?? []]));
  const extra: Route[] = [];
  for (const route of routes.filter((r) => r.client === r.namespace)) {
    const running = workloads(route.cluster);
    for (const caller of callers.get(`${route.namespace}/${route.service}`) ?? []) {
      if (!running.has(caller)) continue;
      const [client, from] = caller.split('/');
      extra.push({ ...route, client, from });
    }
  }
  const seen = new Set<string>();
  return [...routes, ...extra].filter((r) => {
    const key = routeKey({ ...r, service: `${r.namespace}/${r.service}` });
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** `cluster|client/from>ns/name:port/protocol`, the order routes are listed in. */
function routeKey(r: { cluster: string; client: string; from?: string; service: string; port: number; protocol: string }): string {
  return `${r.cluster}|${r.client}${r.from ? `/${r.from}` : ''}>${r.service}:${r.port}/${r.protocol}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
