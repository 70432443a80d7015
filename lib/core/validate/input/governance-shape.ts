// What a FleetGovernance's props must hold at runtime (GovernanceProps); each part of governance adds its fields here.
import { guardrailFields } from './guardrails-shape';
import { boolean, listOf, object, type Shape, string, stringMap } from './shape';
import { admissionShape } from './admission-shape';

const mesh = object({
  strictMtls: { shape: boolean },
  authorizeCallers: { shape: boolean },
});

const ingressFrom = object({
  namespace: { shape: string({ nonEmpty: true }) },
  podLabels: { shape: stringMap },
  cidrs: { shape: listOf(string({ nonEmpty: true })) },
  serviceAccount: { shape: string({ nonEmpty: true }) },
});

const networkPolicies = object({
  defaultDeny: { shape: boolean },
});

export const governanceShape: Shape = object({
  namespaces: { shape: listOf(string({ nonEmpty: true })), required: 'give the namespaces it governs, such as ["shop"]' },
  admission: { shape: admissionShape },
  mesh: { shape: mesh },
  networkPolicies: { shape: networkPolicies },
  ingressFrom: { shape: ingressFrom },
  ...guardrailFields,
});
