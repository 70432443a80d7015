// Issue 12's acceptance program's fleet: two meshed clusters and the shop services it leaves to `/* ... */`,
// with the governance and monitoring props as written there (the acceptance test spells them out inline too).
import { ActivePlacement, type ClusterProps, type GovernanceProps, MeshMtls, type MonitoringProps, type MultiClusterServiceOptions, Networking, PlaceholderPlacement } from '../../lib';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

/** A shop service with limits, probes and its team, active in east and an Istio placeholder in west. */
export const issue12Service = (name: string, extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions => ({
  namespace: 'shop',
  image: `registry.example.com/shop/${name}:1.0.0`,
  labels: { team: 'shop' },
  ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  replicas: 2,
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  podTemplate: { spec: { containers: [{ name, readinessProbe: probe, livenessProbe: probe }] } },
  placements: [new ActivePlacement({ clusters: ['east'] }), new PlaceholderPlacement({ clusters: ['west'], networking: Networking.ISTIO })],
  ...extra,
});

export const ISSUE_12_CLUSTERS: ClusterProps[] = [
  { name: 'east', zone: 'zone-a', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', registry: 'registry.example.com', mesh: { network: 'net-east', mtls: MeshMtls.STRICT, trustDomain: 'example.com' } },
  { name: 'west', zone: 'zone-b', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', registry: 'registry.example.com', mesh: { network: 'net-west', mtls: MeshMtls.STRICT, trustDomain: 'example.com' } },
];

export const ISSUE_12_GUARDRAILS: GovernanceProps = {
  namespaces: ['shop'],
  limits: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } },
  quota: { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 50 },
  admission: { disallowHostPath: true, allowedRegistries: true, requireLimits: true, requireProbes: true, requiredLabels: ['team'] },
  mesh: { strictMtls: true, authorizeCallers: true },
  networkPolicies: { defaultDeny: true },
};

export const ISSUE_12_MONITORING: MonitoringProps = { environment: 'prod', remoteWrite: { url: 'http://metrics.example.com/api/v1/write', dropReplicaLabel: true } };
