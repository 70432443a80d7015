// Fleet governance (issue 12): guardrails and traffic rules per namespace, emitted in every cluster that
// holds the namespace's services, from the same plan (docs/governance.md).
import type { MeshGovernanceProps } from './mesh-governance';
import type { NetworkPolicyGovernanceProps } from './network-policy-governance';

/** What a FleetGovernance applies, and where. */
export interface GovernanceProps {
  /** The namespaces it governs, in every cluster holding one of their services. @default - no default */
  readonly namespaces: string[];
  /** Istio security: STRICT mutual TLS and AuthorizationPolicies from the declared callers. @default - no Istio security objects */
  readonly mesh?: MeshGovernanceProps;
  /** NetworkPolicies from the declared callers, and default deny on request. @default - no NetworkPolicy */
  readonly networkPolicies?: NetworkPolicyGovernanceProps;
}
