import { App } from 'cdk8s';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  type FleetPlan,
  type Manifest,
  Migration,
  type MigrationProps,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  type IPlaceholderWiring,
} from '../../lib';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';

/** The two clusters of the design, fresh for each test. */
export function twoClusters(): ClusterProps[] {
  return hybridClusters.map((c) => ({ ...c }));
}

/** app-a of the example (and the acceptance program): active in prodc, placeholder in localproda with the given networking. */
export function appA(networking: Networking = Networking.ISTIO, extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return {
    ...hybridServices['app-a'],
    placements: [
      new ActivePlacement({ clusters: ['prodc'] }),
      new PlaceholderPlacement({ clusters: ['localproda'], networking, overrides: { image: { registry: 'registry.example.com' } } }),
    ],
    ...extra,
  };
}

/** Plans services given as name -> options over `clusters`, straight through the core. */
export function plan(services: Record<string, MultiClusterServiceOptions>, clusters: ClusterProps[] = twoClusters()): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
  });
}

/** The manifests planned for one cluster. */
export function objectsIn(fleetPlan: FleetPlan, cluster: string): Manifest[] {
  const found = fleetPlan.clusters.find((c) => c.cluster === cluster);
  if (!found) throw new Error(`no cluster ${cluster} in plan`);
  return found.objects.map((o) => o.manifest);
}

/** The one object of a kind (and name, when given) in a list; fails the test when absent. */
export function find(objects: readonly Manifest[], kind: string, name?: string): any {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** The problems a plan reports, or [] when it succeeds. */
export function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
    return [];
  } catch (error) {
    if (error instanceof ClusterSetValidationError) return error.problems;
    throw error;
  }
}

/** Synthesizes a cdk8s fleet in memory and returns each cluster's objects as cdk8s renders them. */
export function synthFleet(
  services: Record<string, MultiClusterServiceOptions>,
  clusters: ClusterProps[] = twoClusters(),
  migrations: MigrationProps[] = [],
): Record<string, Array<Record<string, any>>> {
  // Rendered in memory (chart.toJson): no output folder is ever written.
  const app = new App();
  const fleet = new ClusterSet(app, 'fleet', { clusters });
  for (const [name, options] of Object.entries(services)) new MultiClusterService(fleet, name, options);
  migrations.forEach((props, i) => new Migration(fleet, `migration${i}`, props));
  return Object.fromEntries(clusters.map((c) => [c.name, fleet.chart(c.name).toJson() as Array<Record<string, any>>]));
}

/** A wiring of one's own that also exports the placeholder's Service, headless: what a user could write. */
export const exportingWiring: IPlaceholderWiring = {
  name: 'HEADLESS_EXPORT',
  addressNeeded: () => undefined,
  problems: () => [],
  objects: ({ service }) => {
    const meta = { name: service.name, namespace: service.namespace };
    const headless: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { clusterIP: 'None', ports: service.ports.map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' })) } };
    return [headless, { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: meta }];
  },
};
