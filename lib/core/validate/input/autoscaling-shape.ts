// What `autoscaling` and `disruptionBudget` must hold at runtime (AutoscalingProps, DisruptionBudgetProps).
// Ranges and combinations are checked later (validate/autoscaling.ts), with their own messages.
import { describeValue } from './describe';
import { INT32_MAX, integer, isPlainObject, json, listOf, object, type Shape } from './shape';

const count = integer({ max: INT32_MAX });

/** A JSON object given as is to Kubernetes (a MetricSpec, a behavior). */
const jsonObject: Shape = (value, field, report) => {
  if (!isPlainObject(value)) {
    report(`${field} must be an object of plain JSON, got ${describeValue(value)}`);
    return false;
  }
  return json(value, field, report);
};

export const autoscalingShape = object({
  minReplicas: { shape: count, required: 'give the fewest replicas, such as minReplicas: 2' },
  maxReplicas: { shape: count, required: 'give the most replicas, such as maxReplicas: 10' },
  cpuUtilization: { shape: integer() },
  memoryUtilization: { shape: integer() },
  metrics: { shape: listOf(jsonObject) },
  behavior: { shape: jsonObject },
});

export const disruptionBudgetShape = object({
  maxUnavailable: { shape: count },
  maxUnavailablePercent: { shape: integer() },
  minAvailable: { shape: count },
  minAvailablePercent: { shape: integer() },
});
