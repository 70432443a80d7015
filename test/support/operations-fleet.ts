// Small fleets for the rules of operations (cluster status, degradation, migrations) and their report:
// clusters by name, services active in some and placeholders in others, planned with migrations.
import { ActivePlacement, type ClusterProps, type FleetPlan, type MigrationProps, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, ReplicaScheduling } from '../../lib';
import { planFleet } from '../../lib/core/plan';

/** A cluster with ranges of its own, numbered `i`. */
export const cluster = (name: string, i: number, extra: Partial<ClusterProps> = {}): ClusterProps => ({ name, serviceCidr: `10.${i}.0.0/16`, podCidr: `10.${100 + i}.0.0/16`, ...extra });

/** A maker of shop services whose pods request `requests`, active in some clusters and an EndpointSlice placeholder in others. */
export function shopService(requests: { cpu: string; memory: string }) {
  return (active: string[], placeholders: string[], extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions => ({
    image: 'shop/app:1',
    namespace: 'shop',
    ports: [{ port: 80, name: 'http' }],
    resources: { requests },
    placements: [
      new ActivePlacement({ clusters: active }),
      ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.ENDPOINT_SLICE })] : []),
    ],
    ...extra,
  });
}

/** Divided scheduling of `total` replicas. */
export const divided = (total: number): Partial<MultiClusterServiceOptions> => ({ scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: total } });

/** The fleet planned, services by name, migrations named `fleet/migration<i>`. */
export function planOf(clusters: ClusterProps[], services: Record<string, MultiClusterServiceOptions>, migrations: MigrationProps[] = []): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
    migrations: migrations.map((props, i) => ({ path: `fleet/migration${i}`, props })),
  });
}
