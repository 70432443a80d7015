import type { AppProps } from 'cdk8s';
import { ClusterSet, ClusterSetApp, Delivery, FleetGovernance, FleetMonitoring, type IDeliveryEngine, MultiClusterService } from '../../lib';
import { governanceClusters } from './fleet';
import { GOVERNED_NAMESPACE, governanceServices } from './services';

/**
 * Design document 002's governance as code, with document 001's monitoring identity: the hybrid fleet's
 * namespace gets the document's LimitRange and ResourceQuota (more room in the elastic public cloud), Gatekeeper
 * constraints (no hostPath, as the document asks, and the rest of the library's usual set), STRICT mutual TLS and
 * AuthorizationPolicies from the declared callers across both trust domains, default-deny NetworkPolicies, and a
 * Prometheus per cluster shipping to Thanos. What reaches the pods from outside the fleet's services is named:
 * the cluster's Prometheus (by FleetMonitoring) and the ingress controller (`ingressFrom`).
 */
export function governanceApp(props: AppProps = {}, delivery: IDeliveryEngine = Delivery.direct()): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: governanceClusters, delivery });
  for (const [id, options] of Object.entries(governanceServices)) new MultiClusterService(fleet, id, options);
  new FleetGovernance(fleet, 'guardrails', {
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
  });
  new FleetMonitoring(fleet, 'monitoring', {
    environment: 'prod',
    // Thanos Receive deduplicates the replicas by prometheus_replica at query time: keep it.
    remoteWrite: { url: 'http://thanos-receive.monitoring.example.com:19291/api/v1/receive', dropReplicaLabel: false },
  });
  return { app, fleet };
}
