// What the hub engines read from a plan: each service's objects per cluster, and its workload.
import type { Manifest } from '../core/kube/manifest';
import { namespaceManifest } from '../core/emit/objects';
import type { FleetPlan, ServiceSummary } from '../core/model';
import { LABELS } from '../core/resolved';

/** The kinds a service's workload can be. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);

/** One cluster's objects of one service. */
export interface ServiceInCluster {
  readonly cluster: string;
  readonly role: 'active' | 'placeholder';
  readonly objects: readonly Manifest[];
}

/** A service's objects in each of its clusters: active clusters first, then placeholders, each in fleet order. */
export function serviceByCluster(plan: FleetPlan, service: ServiceSummary): ServiceInCluster[] {
  return [...service.active, ...service.placeholders.map((p) => p.cluster)].map((cluster) => ({
    cluster,
    role: service.active.includes(cluster) ? 'active' : 'placeholder',
    objects: (plan.clusters.find((c) => c.cluster === cluster)?.objects ?? []).filter((o) => o.servicePath === service.path).map((o) => o.manifest),
  }));
}

/** The Namespaces the hub needs for objects in `namespaces` (the built-in `default` excepted), sorted. */
export function hubNamespaces(namespaces: Iterable<string>): Manifest[] {
  return [...new Set(namespaces)].filter((n) => n !== 'default').sort().map(namespaceManifest);
}

/** The object without the role label: it tells active from placeholder, so hub templates shared across clusters leave it out. */
export function withoutRole(manifest: Manifest): Manifest {
  const labels = { ...manifest.metadata.labels };
  delete labels[LABELS.role];
  return { ...manifest, metadata: { ...manifest.metadata, labels } };
}
