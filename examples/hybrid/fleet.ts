import type { ClusterProps } from '../../lib';

/**
 * The hybrid fleet of the design: `prodc` in a public cloud (Hangzhou) and `localproda` in a private
 * cloud that pulls images through its own registry. Both run Istio and Submariner Lighthouse.
 */
export const hybridClusters: ClusterProps[] = [
  {
    name: 'prodc',
    labels: { region: 'hangzhou', cloud: 'public' },
    serviceCidr: '10.96.0.0/16',
    podCidr: '10.244.0.0/16',
    mesh: { network: 'net-a' },
  },
  {
    name: 'localproda',
    labels: { region: 'local', cloud: 'private' },
    serviceCidr: '10.112.0.0/16',
    podCidr: '10.128.0.0/16',
    mesh: { network: 'net-b' },
    registry: 'registry.example.com',
  },
];
