// NetworkPolicies a FleetGovernance writes for its namespaces (docs/governance.md, "Least-privilege traffic").

/**
 * NetworkPolicies for the governed namespaces, in every cluster that holds their services: per service with
 * declared `callers`, one admitting only them (local callers by pod and namespace selector, remote ones by the
 * calling clusters' pod CIDRs, or Globalnet CIDRs where Globalnet runs) on the service's ports.
 */
export interface NetworkPolicyGovernanceProps {
  /**
   * A default-deny ingress NetworkPolicy per namespace: pods of services without declared callers then admit
   * only their own namespace (in any cluster of the fleet), and nothing from outside the fleet's services
   * reaches the namespace unless a NetworkPolicy of your own admits it, but for the cluster's Prometheus (a
   * FleetMonitoring's, on the metrics ports) and the ingress controller named by the governance's `ingressFrom`.
   * @default false
   */
  readonly defaultDeny?: boolean;
}
