// Fleet governance (issue 12): guardrails and traffic rules per namespace, emitted in every cluster that
// holds the namespace's services, from the same plan (docs/governance.md).
import type { AdmissionProps } from './admission';

/** What a FleetGovernance applies, and where. */
export interface GovernanceProps {
  /** The namespaces it governs, in every cluster holding one of their services. @default - no default */
  readonly namespaces: string[];
  /** Gatekeeper constraints for the governed namespaces. @default - no admission policies */
  readonly admission?: AdmissionProps;
}
