import type { ClusterProps, NamespaceProps } from '../../lib';

/** Three clusters in one Istio mesh: two in the public cloud, one private cloud with a registry mirror. */
export const shopClusters: ClusterProps[] = [
  { name: 'hangzhou-1', labels: { cloud: 'public' }, serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a' } },
  { name: 'hangzhou-2', labels: { cloud: 'public' }, serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', mesh: { network: 'net-b' } },
  { name: 'private-1', labels: { cloud: 'private' }, serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16', mesh: { network: 'net-c' }, registry: 'registry.example.com' },
];

/** The shop's namespace enforces the restricted Pod Security profile and takes Istio sidecars. */
export const shopNamespaces: NamespaceProps[] = [
  { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'istio-injection': 'enabled', team: 'shop' } },
];
