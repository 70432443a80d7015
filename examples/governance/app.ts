import type { AppProps } from 'cdk8s';
import { ClusterSet, ClusterSetApp, Delivery, FleetGovernance, FleetMonitoring, type IDeliveryEngine, MultiClusterService } from '../../lib';
import { governanceClusters } from './fleet';
import { governanceGuardrails, governanceMonitoring } from './governance';
import { governanceServices } from './services';

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
  new FleetGovernance(fleet, 'guardrails', governanceGuardrails);
  new FleetMonitoring(fleet, 'monitoring', governanceMonitoring);
  return { app, fleet };
}
