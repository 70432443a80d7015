import { type ClusterProps, ClusterStatus } from '../../lib';

/**
 * Design document 001's hard day: cluster `a` has failed, `c` is cordoned for maintenance and its services
 * are moving to `b`, which has room for 40 pods and 16 CPUs of the fleet's services, not for all of them.
 * An outer nginx fronts each cluster's ingress nodes (north-south/ in the output weighs them).
 */
export const migrationClusters: ClusterProps[] = [
  { name: 'a', labels: { zone: 'east' }, serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', status: ClusterStatus.UNAVAILABLE, ingressNodes: 2 },
  {
    name: 'b',
    labels: { zone: 'west' },
    serviceCidr: '10.112.0.0/16',
    podCidr: '10.128.0.0/16',
    allocatable: { pods: 40, cpu: '16', memory: '64Gi' },
    ingressNodes: 3,
    ingressAddresses: ['192.0.2.11', '192.0.2.12', '192.0.2.13'],
  },
  { name: 'c', labels: { zone: 'east' }, serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16', status: ClusterStatus.CORDONED, ingressNodes: 2, ingressAddresses: ['198.51.100.21', '198.51.100.22'] },
];
