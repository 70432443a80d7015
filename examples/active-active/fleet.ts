import type { ClusterProps } from '../../lib';

/**
 * Three clusters: two in the public cloud in Hangzhou and one private cloud with its own registry
 * mirror. `prodc` is the big one; `hangzhou-1` can take at most 4 replicas of a service. The outer nginx
 * fronts the two public clusters' ingress nodes (three in prodc, two in hangzhou-1), so HTTP services get
 * north-south weights (`dist/active-active/north-south/`); the private cloud is not behind it.
 */
export const activeActiveClusters: ClusterProps[] = [
  {
    name: 'prodc',
    labels: { region: 'hangzhou', cloud: 'public' },
    serviceCidr: '10.96.0.0/16',
    podCidr: '10.244.0.0/16',
    mesh: { network: 'net-a' },
    ingressNodes: 3,
    ingressAddresses: ['10.1.0.11:80', '10.1.0.12:80', '10.1.0.13:80'],
  },
  {
    name: 'hangzhou-1',
    labels: { region: 'hangzhou', cloud: 'public' },
    serviceCidr: '10.160.0.0/16',
    podCidr: '10.176.0.0/16',
    mesh: { network: 'net-c' },
    capacity: 4,
    ingressNodes: 2,
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
