import { ActivePlacement, type IDeliveredAddresses, type MultiClusterServiceOptions, Networking, PlaceholderPlacement } from '../../lib';

/**
 * Two apps over the hybrid fleet, as plain options that the cdk8s app (app.ts) and the Pulumi program (pulumi.ts) share:
 * - `app-a` runs in `prodc`; `localproda` keeps a placeholder (0 replicas, images from the private
 *   registry) whose Istio VirtualService sends `app-a.ns.svc` to `app-a.ns.svc.clusterset.local`.
 * - `app-b` runs in the private cloud and calls `app-a` by its plain name; `prodc` reaches `app-b`
 *   through an EndpointSlice pointing at its ClusterIP in `localproda`.
 */
export const hybridServices: Readonly<Record<string, MultiClusterServiceOptions>> = {
  'app-a': {
    namespace: 'ns',
    image: 'team/app-a:1.4.2',
    replicas: 3,
    ports: [
      { name: 'http', port: 7070 },
      { name: 'http-alt', port: 8080 },
    ],
    placements: [
      new ActivePlacement({ clusters: ['prodc'] }),
      new PlaceholderPlacement({
        clusters: ['localproda'],
        networking: Networking.ISTIO,
        overrides: { image: { registry: 'registry.example.com' } },
      }),
    ],
  },
  'app-b': {
    namespace: 'ns',
    image: 'team/app-b:2.0.0',
    replicas: 2,
    ports: [{ name: 'http', port: 9090 }],
    env: { APP_A_URL: 'http://app-a.ns.svc:7070' },
    placements: [
      new ActivePlacement({ clusterLabelSelector: { matchLabels: { cloud: 'private' } } }),
      new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.ENDPOINT_SLICE }),
    ],
  },
};

/**
 * The services as a delivery engine can carry them. An engine that drops ClusterIPs (Karmada removes
 * spec.clusterIP from the Services it propagates) leaves no EndpointSlice able to point at app-b's address in localproda: prodc aliases app-b's
 * clusterset name instead (docs/delivery.md).
 */
export function hybridServicesFor(delivery: IDeliveredAddresses): Readonly<Record<string, MultiClusterServiceOptions>> {
  if (delivery.keepsClusterIPs) return hybridServices;
  const appB = hybridServices['app-b'];
  return {
    ...hybridServices,
    'app-b': { ...appB, placements: [appB.placements[0], new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.EXTERNAL_NAME })] },
  };
}
