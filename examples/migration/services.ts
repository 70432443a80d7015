import { ActivePlacement, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, ReplicaScheduling } from '../../lib';

/** Runs in the east clusters (a, c); west (b) holds a placeholder, ready to take over. */
const eastWithWestStandby = () => [
  new ActivePlacement({ clusterLabelSelector: { matchLabels: { zone: 'east' } } }),
  new PlaceholderPlacement({ clusters: ['b'], networking: Networking.ENDPOINT_SLICE }),
];

const http = [{ name: 'http', port: 80, targetPort: 8080 }];

/** A core service that must keep every replica, one that may halve, and one in between. */
export const migrationServices: Record<string, MultiClusterServiceOptions> = {
  orders: {
    namespace: 'shop',
    image: 'registry.example.com/shop/orders:2.4.1',
    ports: http,
    replicas: 6,
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } },
    placements: eastWithWestStandby(),
    degrade: { priority: 100, floorPercent: 100 },
  },
  catalog: {
    namespace: 'shop',
    image: 'registry.example.com/shop/catalog:1.9.0',
    ports: http,
    replicas: 4,
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '512Mi' } },
    placements: eastWithWestStandby(),
    degrade: { priority: 50, floorPercent: 75 },
  },
  reports: {
    namespace: 'shop',
    image: 'registry.example.com/shop/reports:0.7.3',
    ports: http,
    scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 8 },
    resources: { requests: { cpu: '1500m', memory: '2Gi' }, limits: { memory: '2Gi' } },
    placements: eastWithWestStandby(),
    degrade: { priority: 10, floorPercent: 50 },
  },
};
