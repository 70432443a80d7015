// Fleet governance (issue 12): guardrails and traffic rules per namespace, emitted in every cluster that
// holds the namespace's services, from the same plan (docs/governance.md).
import type { AdmissionProps } from './admission';
import type { GovernanceClusterOverrides, NamespaceLimitsProps, NamespaceQuotaProps } from './guardrails';
import type { IngressSourceProps } from './ingress-source';
import type { MeshGovernanceProps } from './mesh-governance';
import type { NetworkPolicyGovernanceProps } from './network-policy-governance';

/** What a FleetGovernance applies, and where. */
export interface GovernanceProps {
  /** The namespaces it governs, in every cluster holding one of their services. @default - no default */
  readonly namespaces: string[];
  /** Gatekeeper constraints for the governed namespaces. @default - no admission policies */
  readonly admission?: AdmissionProps;
  /** A LimitRange in each governed namespace, in every cluster holding one of its services. @default - no LimitRange */
  readonly limits?: NamespaceLimitsProps;
  /**
   * A ResourceQuota in each governed namespace, in every cluster holding one of its services; the plan
   * checks that the services placed there fit it. @default - no ResourceQuota
   */
  readonly quota?: NamespaceQuotaProps;
  /** Per cluster name, what differs there from `limits` and `quota`. @default - the same everywhere */
  readonly clusterOverrides?: { [cluster: string]: GovernanceClusterOverrides };
  /** Istio security: STRICT mutual TLS and AuthorizationPolicies from the declared callers. @default - no Istio security objects */
  readonly mesh?: MeshGovernanceProps;
  /** NetworkPolicies from the declared callers, and default deny on request. @default - no NetworkPolicy */
  readonly networkPolicies?: NetworkPolicyGovernanceProps;
  /**
   * Where north-south traffic comes from: the ingress controller behind the clusters' ingress nodes. A service
   * whose pods these rules guard (NetworkPolicies under default deny or from declared callers; Istio mutual TLS
   * only) and that a cluster fronts through its ingress nodes gets, there, what admits exactly this source on its
   * HTTP ports (a NetworkPolicy `<service>-ingress`; a rule of its AuthorizationPolicy). Without it the plan
   * refuses such a service, rather than cut its north-south traffic or open it to everyone.
   * @default - no ingress source: no guarded service may be fronted by ingress nodes
   */
  readonly ingressFrom?: IngressSourceProps;
}
