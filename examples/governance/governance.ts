// The governance of design document 002 and the monitoring identity of document 001, as props: the cdk8s
// example (app.ts) and the Pulumi flavour's test of it take the same ones.
import type { GovernanceProps, MonitoringProps } from '../../lib';
import { GOVERNED_NAMESPACE } from './services';

/** The governed namespace's guardrails, admission rules and traffic rules. */
export const governanceGuardrails: GovernanceProps = {
  namespaces: [GOVERNED_NAMESPACE],
  // The document's LimitRange and ResourceQuota: the private cloud's fixed hardware.
  limits: { default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '200m', memory: '256Mi' } },
  quota: { requestsCpu: '2', requestsMemory: '2Gi', limitsCpu: '4', limitsMemory: '4Gi', pods: 20 },
  // The public cloud scales out: the namespace may use more there.
  clusterOverrides: { 'cluster-a': { quota: { requestsCpu: '8', requestsMemory: '8Gi', limitsCpu: '16', limitsMemory: '16Gi', pods: 50 } } },
  admission: { disallowHostPath: true, allowedRegistries: true, requireLimits: true, requireProbes: true, requiredLabels: ['team'] },
  mesh: { strictMtls: true, authorizeCallers: true },
  networkPolicies: { defaultDeny: true },
  // ingress-nginx on the ingress nodes, with an Istio sidecar so the STRICT pods accept its calls.
  ingressFrom: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, serviceAccount: 'ingress-nginx' },
};

/** Document 001's monitoring identity: a Prometheus per cluster shipping to Thanos. */
export const governanceMonitoring: MonitoringProps = {
  environment: 'prod',
  // Thanos Receive deduplicates the replicas by prometheus_replica at query time: keep it.
  remoteWrite: { url: 'http://thanos-receive.monitoring.example.com:19291/api/v1/receive', dropReplicaLabel: false },
};
