import type { Construct } from 'constructs';
import { ActivePlacement, type ClusterSet, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';

/**
 * Two apps over the hybrid fleet:
 * - `app-a` runs in `prodc`; `localproda` keeps a placeholder (0 replicas, images from the private
 *   registry) whose Istio VirtualService sends `app-a.ns.svc` to `app-a.ns.svc.clusterset.local`.
 * - `app-b` runs in `localproda` and calls `app-a` by its plain name; `prodc` reaches `app-b` through
 *   an EndpointSlice pointing at its ClusterIP in `localproda`.
 */
export function addHybridServices(fleet: ClusterSet): Construct[] {
  const appA = new MultiClusterService(fleet, 'app-a', {
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
  });
  const appB = new MultiClusterService(fleet, 'app-b', {
    namespace: 'ns',
    image: 'team/app-b:2.0.0',
    replicas: 2,
    ports: [{ name: 'http', port: 9090 }],
    env: { APP_A_URL: 'http://app-a.ns.svc:7070' },
    placements: [
      new ActivePlacement({ clusterLabelSelector: { matchLabels: { cloud: 'private' } } }),
      new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.ENDPOINT_SLICE }),
    ],
  });
  return [appA, appB];
}
