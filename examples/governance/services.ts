import { ActivePlacement, type MultiClusterServiceOptions, Networking, PlaceholderPlacement } from '../../lib';

/** The namespace design document 002 governs (its objects live in `default`; a namespace of its own keeps them apart). */
export const GOVERNED_NAMESPACE = 'hello';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

/** What every service of the namespace has, as the governance requires: the team label, limits, both probes, an account of its own. */
function governed(name: string, options: Omit<MultiClusterServiceOptions, 'image' | 'ports'>): MultiClusterServiceOptions {
  return {
    namespace: GOVERNED_NAMESPACE,
    image: `team/${name}:1.0.0`,
    labels: { team: 'hello' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      // Istio reads a bare `metrics` as a protocol to sniff; `http-metrics` says HTTP.
      { name: 'http-metrics', port: 9090 },
    ],
    resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    // Its own account: its mesh identity, which the AuthorizationPolicies name.
    podTemplate: { spec: { serviceAccountName: name, containers: [{ name, readinessProbe: probe, livenessProbe: probe }] } },
    dependencies: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, automountServiceAccountToken: false }],
    ...options,
  };
}

/**
 * The document's apps:
 * - `hello-world`, the web front (its Argo CD Application), in both clouds behind the ingress nodes;
 * - `my-service`, the back end holding the sensitive data, in the private cloud only; the public cloud reaches it
 *   through an Istio placeholder (the document's ServiceEntry), and only `hello-world` may call it;
 * - `report`, a reporting job in the public cloud that nobody calls and that may not call `my-service`.
 */
export const governanceServices: Readonly<Record<string, MultiClusterServiceOptions>> = {
  'hello-world': governed('hello-world', {
    replicas: 2,
    env: { MY_SERVICE_URL: `http://my-service.${GOVERNED_NAMESPACE}.svc` },
    placements: [new ActivePlacement({ clusters: ['cluster-a', 'cluster-b'] })],
  }),
  'my-service': governed('my-service', {
    replicas: 2,
    callers: ['hello-world'],
    placements: [new ActivePlacement({ clusters: ['cluster-b'] }), new PlaceholderPlacement({ clusters: ['cluster-a'], networking: Networking.ISTIO })],
  }),
  report: governed('report', {
    replicas: 1,
    callers: [],
    placements: [new ActivePlacement({ clusters: ['cluster-a'] })],
  }),
};
