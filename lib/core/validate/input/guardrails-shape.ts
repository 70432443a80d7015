// What the guardrail fields of a FleetGovernance's props must hold at runtime (limits, quota, clusterOverrides).
import { amount, pods } from './cluster-shape';
import { boolean, type FieldShape, mapOf, object, type Shape } from './shape';

const containerAmounts: Shape = object({
  cpu: { shape: amount },
  memory: { shape: amount },
});

const limits: Shape = object({
  default: { shape: containerAmounts },
  defaultRequest: { shape: containerAmounts },
  max: { shape: containerAmounts },
});

const quota: Shape = object({
  requestsCpu: { shape: amount },
  requestsMemory: { shape: amount },
  limitsCpu: { shape: amount },
  limitsMemory: { shape: amount },
  pods: { shape: pods },
  allowLoadBalancers: { shape: boolean },
  allowNodePorts: { shape: boolean },
});

/** The GovernanceProps fields of the namespace guardrails. */
export const guardrailFields: Readonly<Record<string, FieldShape>> = {
  limits: { shape: limits },
  quota: { shape: quota },
  clusterOverrides: { shape: mapOf(object({ limits: { shape: limits }, quota: { shape: quota } })) },
};
