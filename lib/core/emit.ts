// Turns resolved services into each cluster's objects, in apply order.
import type { ActiveSource } from '../networking/wiring';
import { addressKey, type ResolvedAddress } from './addresses';
import type { Cluster } from './cluster';
import type { Problems } from './errors';
import { describeManifest, type Manifest } from './manifest';
import { namespaceManifest, type Role, serviceExportManifest, serviceManifest } from './objects';
import { imageFor, mergeSorted } from './overrides';
import { ActivePlacement, PlaceholderPlacement } from './placement';
import { ApplyWave, applyWaveOf, compare } from './order';
import type { FleetPlan, PlannedObject, ServiceSummary } from './plan';
import { type Assignment, networkingOf, type ResolvedService } from './resolved-service';
import { WorkloadKind } from './service';
import { workloadManifest } from './workload';

const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Every cluster's objects (Namespaces first, then by wave, services in sorted order) and a summary per service. */
export function buildPlan(clusters: readonly Cluster[], services: readonly ResolvedService[], addresses: Map<string, ResolvedAddress>): FleetPlan {
  const objects = new Map<string, PlannedObject[]>(clusters.map((c) => [c.name, []]));
  const namespaces = new Map<string, Set<string>>(clusters.map((c) => [c.name, new Set()]));
  const summaries: ServiceSummary[] = [];
  for (const s of services) {
    const key = `${s.model.namespace}/${s.model.name}`;
    const active = s.assignments.filter((a) => a.placement instanceof ActivePlacement);
    const sources: ActiveSource[] = active.map((a) => ({ cluster: a.cluster }));
    for (const a of s.assignments) {
      namespaces.get(a.cluster.name)?.add(s.model.namespace);
      const emitted = emitAssignment(s, a, sources, (cluster) => addresses.get(addressKey(cluster, key)));
      objects.get(a.cluster.name)?.push(...emitted.map((manifest) => ({ manifest, wave: applyWaveOf(manifest), servicePath: s.model.path })));
    }
    summaries.push({
      path: s.model.path,
      name: s.model.name,
      namespace: s.model.namespace,
      clustersetHost: s.model.clustersetHost,
      active: active.map((a) => a.cluster.name),
      placeholders: s.assignments
        .filter((a) => a.placement instanceof PlaceholderPlacement)
        .map((a) => ({ cluster: a.cluster.name, networking: String(networkingOf(a)) })),
      addresses: Object.fromEntries(active.flatMap((a) => {
        const found = addresses.get(addressKey(a.cluster.name, key));
        return found ? [[a.cluster.name, found]] : [];
      })),
    });
  }
  return {
    clusters: clusters.map((c) => {
      const nsObjects = [...(namespaces.get(c.name) ?? [])]
        .filter((ns) => !BUILT_IN_NAMESPACES.has(ns))
        .sort(compare)
        .map((ns) => ({ manifest: namespaceManifest(ns), wave: ApplyWave.NAMESPACES }));
      // Array.prototype.sort is stable: within a wave, objects keep service order.
      const rest = [...(objects.get(c.name) ?? [])].sort((a, b) => a.wave - b.wave);
      return { cluster: c.name, objects: [...nsObjects, ...rest] };
    }),
    services: summaries,
  };
}

function emitAssignment(
  s: ResolvedService,
  a: Assignment,
  sources: readonly ActiveSource[],
  addressOf: (cluster: string) => ResolvedAddress | undefined,
): Manifest[] {
  const { options } = s.spec;
  const overrides = a.placement.props.overrides;
  const role: Role = a.placement.role;
  const workload = workloadManifest(s.model, {
    kind: options.workload ?? WorkloadKind.DEPLOYMENT,
    role,
    image: imageFor(options.image, a.cluster.registry, overrides?.image),
    replicas: role === 'active' ? (overrides?.replicas ?? options.replicas ?? 1) : 0,
    labels: mergeSorted(overrides?.labels),
    annotations: mergeSorted(options.annotations, overrides?.annotations),
    env: mergeSorted(options.env, overrides?.env),
    command: options.command,
    args: options.args,
    resources: options.resources,
  });
  if (a.placement instanceof PlaceholderPlacement) {
    const wiring = a.placement.props.networking.wiring;
    const withAddresses = sources.map((src) => {
      const need = wiring.addressNeeded(a.cluster, src.cluster);
      const found = addressOf(src.cluster.name);
      return { ...src, address: need === 'globalnet' ? found?.globalnetIP : need === 'clusterIP' ? found?.clusterIP : undefined };
    });
    return [workload, ...wiring.objects({ service: s.model, cluster: a.cluster, sources: withAddresses })];
  }
  const emitted = [workload, serviceManifest(s.model, { role, withSelector: true, clusterIP: addressOf(a.cluster.name)?.clusterIP })];
  if (a.cluster.mcs) emitted.push(serviceExportManifest(s.model, a.cluster.mcs.apiVersion));
  return emitted;
}

/** Two services could still emit one name (service "a" from cluster "b-c" and service "a-b" from "c"); refuse rather than overwrite. */
export function checkUniqueObjects(plan: FleetPlan, problems: Problems): void {
  for (const c of plan.clusters) {
    const seen = new Map<string, string | undefined>();
    for (const o of c.objects) {
      const id = `${o.manifest.apiVersion.split('/')[0]}|${describeManifest(o.manifest)}`;
      if (seen.has(id)) {
        problems.add(
          o.servicePath ?? c.cluster,
          `emits ${describeManifest(o.manifest)} in cluster "${c.cluster}", which ${seen.get(id) ?? 'another object'} emits too; rename one of the services`,
        );
      } else seen.set(id, o.servicePath);
    }
  }
}
