// What a FleetGovernance's props must hold at runtime (GovernanceProps); each part of governance adds its fields here.
import { guardrailFields } from './guardrails-shape';
import { listOf, object, type Shape, string } from './shape';
import { admissionShape } from './admission-shape';

export const governanceShape: Shape = object({
  namespaces: { shape: listOf(string({ nonEmpty: true })), required: 'give the namespaces it governs, such as ["shop"]' },
  admission: { shape: admissionShape },
  ...guardrailFields,
});
