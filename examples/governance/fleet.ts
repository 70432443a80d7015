import type { ClusterProps } from '../../lib';

/**
 * Design document 002's hybrid fleet: `cluster-a` in a public cloud and `cluster-b` in a private one, where the
 * sensitive data stays and images come through the private registry. Both run Istio, each with its own trust
 * domain; one root CA signs both meshes' certificates and each federates the other's trust domain (the
 * document's pitfall: meshes with different roots fail the mutual TLS handshake). Each cluster's ingress nodes
 * sit behind the outer nginx (north-south); an ingress-nginx controller with an Istio sidecar runs on them.
 */
export const governanceClusters: ClusterProps[] = [
  {
    name: 'cluster-a',
    labels: { cloud: 'public', region: 'hangzhou' },
    zone: 'cn-hangzhou-b',
    serviceCidr: '10.96.0.0/16',
    podCidr: '10.244.0.0/16',
    mesh: { network: 'network-A', trustDomain: 'public.example.com', federatedTrustDomains: ['private.example.com'] },
    ingressNodes: 2,
    ingressAddresses: ['198.51.100.11', '198.51.100.12'],
  },
  {
    name: 'cluster-b',
    labels: { cloud: 'private', region: 'local' },
    zone: 'dc-1',
    serviceCidr: '10.112.0.0/16',
    podCidr: '10.128.0.0/16',
    mesh: { network: 'network-B', trustDomain: 'private.example.com', federatedTrustDomains: ['public.example.com'] },
    registry: 'registry.example.com',
    ingressNodes: 2,
    ingressAddresses: ['192.0.2.21', '192.0.2.22'],
  },
];
