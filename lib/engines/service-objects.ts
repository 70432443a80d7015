// What the hub engines read from a plan: each service's objects per cluster, and its workload.
import type { Manifest } from '../core/kube/manifest';
import { namespaceManifest } from '../core/emit/objects';
import { type FleetPlan, OwnerKind, type PlannedObject, type ServiceSummary } from '../core/model';
import { LABELS } from '../core/resolved';

/** The kinds a service's workload can be. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);

/** One cluster's objects of one service. */
export interface ServiceInCluster {
  readonly cluster: string;
  readonly role: 'active' | 'placeholder';
  readonly objects: readonly Manifest[];
}

/** Which of a service's objects to read. */
export interface ServiceObjectsOptions {
  /** Include the dependencies the service writes (those it shares with another service may be written by that one). @default true */
  readonly dependencies?: boolean;
}

/** A service's objects in each of its clusters: active clusters first, then placeholders, each in fleet order. */
export function serviceByCluster(plan: FleetPlan, service: ServiceSummary, options: ServiceObjectsOptions = {}): ServiceInCluster[] {
  const wanted = (o: PlannedObject) => o.owner.kind === OwnerKind.SERVICE && o.owner.name === service.path && (options.dependencies !== false || !o.dependency);
  return [...service.active, ...service.placeholders.map((p) => p.cluster)].map((cluster) => ({
    cluster,
    role: service.active.includes(cluster) ? 'active' : 'placeholder',
    objects: (plan.clusters.find((c) => c.cluster === cluster)?.objects ?? []).filter(wanted).map((o) => o.manifest),
  }));
}

/**
 * The Namespaces the hub needs for objects in `namespaces` (the built-in `default` excepted), sorted; a
 * Namespace the plan declares with labels or annotations is taken from `plan` as it is.
 */
export function hubNamespaces(namespaces: Iterable<string>, plan?: FleetPlan): Manifest[] {
  const planned = new Map((plan ? plannedNamespaces(plan) : []).map(({ manifest }) => [manifest.metadata.name, manifest]));
  return [...new Set(namespaces)].filter((n) => n !== 'default').sort().map((n) => planned.get(n) ?? namespaceManifest(n));
}

/** Whether an object is the fleet's or a namespace's (governance, monitoring): no service's, and not a Namespace. */
export function isFleetObject(o: PlannedObject): boolean {
  return o.owner.kind !== OwnerKind.SERVICE && o.manifest.kind !== 'Namespace';
}

/** The namespaces of the plan's objects that belong to no service (governance, monitoring), sorted. */
export function fleetNamespaces(plan: FleetPlan): string[] {
  const found = new Set<string>();
  for (const c of plan.clusters) {
    for (const o of c.objects) if (isFleetObject(o) && o.manifest.metadata.namespace !== undefined) found.add(o.manifest.metadata.namespace);
  }
  return [...found].sort();
}

/** One Namespace of the plan and the clusters that receive it. */
export interface PlannedNamespace {
  readonly manifest: Manifest;
  readonly clusters: readonly string[];
}

/** Every Namespace of the plan (owned by a Namespace, not a service), sorted by name, with its clusters in fleet order. */
export function plannedNamespaces(plan: FleetPlan): PlannedNamespace[] {
  const found = new Map<string, { manifest: Manifest; clusters: string[] }>();
  for (const c of plan.clusters) {
    for (const o of c.objects.filter((x) => x.owner.kind === OwnerKind.NAMESPACE)) {
      const entry = found.get(o.owner.name) ?? { manifest: o.manifest, clusters: [] };
      entry.clusters.push(c.cluster);
      found.set(o.owner.name, entry);
    }
  }
  return [...found.keys()].sort().map((name) => found.get(name) as PlannedNamespace);
}

/** Whether a planned Namespace carries more than a bare one (declared labels or annotations). */
export function isDeclared(manifest: Manifest): boolean {
  return JSON.stringify(manifest) !== JSON.stringify(namespaceManifest(manifest.metadata.name));
}

/** The object without the role label: it tells active from placeholder, so hub templates shared across clusters leave it out. */
export function withoutRole(manifest: Manifest): Manifest {
  const labels = { ...manifest.metadata.labels };
  delete labels[LABELS.role];
  return { ...manifest, metadata: { ...manifest.metadata, labels } };
}

/** A workload's `spec.replicas`, undefined where an autoscaler owns them (the plan leaves the field out). */
export function workloadReplicas(workload: Manifest): number | undefined {
  return (workload.spec as { replicas?: number } | undefined)?.replicas;
}
