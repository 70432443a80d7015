// What `autoscaling` and `disruptionBudget` must hold at runtime (AutoscalingProps, DisruptionBudgetProps).
// Raw metrics and behavior are autoscaling/v2 JSON, checked field by field so a misspelt field is not
// sent to Kubernetes; ranges and combinations are checked later (validate/autoscaling.ts).
import { describeValue } from './describe';
import { quantityProblem } from '../../kube/quantity';
import { either, INT32_MAX, integer, isPlainObject, json, listOf, object, oneOf, type Shape, string } from './shape';

const count = integer({ max: INT32_MAX });

/** A JSON object given as is to Kubernetes (a MetricSpec, a behavior). */
const jsonObject: Shape = (value, field, report) => {
  if (!isPlainObject(value)) {
    report(`${field} must be an object of plain JSON, got ${describeValue(value)}`);
    return false;
  }
  return json(value, field, report);
};

/**
 * A whole number from `min` to `max`, as the API server validates these fields of an autoscaler (the
 * service's own numbers are range-checked later, with messages of their own; these are raw JSON).
 */
function whole(min: number, max: number = INT32_MAX): Shape {
  return (value, field, report) => {
    if (!integer({ max: INT32_MAX })(value, field, report)) return false;
    if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return true;
    report(`${field} ${String(value)} must be a whole number from ${min} to ${max}`);
    return false;
  };
}

/** A quantity string ("500m", "1k"), as the API server parses it. */
export const quantityText: Shape = (value, field, report) => {
  if (!string({ nonEmpty: true })(value, field, report)) return false;
  const problem = quantityProblem(value as string);
  if (problem) report(`${field} ${JSON.stringify(value)} ${problem}`);
  return problem === undefined;
};

/** A Kubernetes quantity, which JSON carries as a string ("500m") or a number (100). */
const quantity = either(
  'a quantity such as "500m" or 100',
  { accepts: (v) => typeof v === 'string', shape: quantityText },
  { accepts: (v) => typeof v === 'number' && Number.isFinite(v), shape: integer() },
);

/** autoscaling/v2 MetricTarget. */
const target = object({
  type: { shape: oneOf(['Utilization', 'Value', 'AverageValue']), required: 'give the target type: Utilization, Value or AverageValue' },
  value: { shape: quantity },
  averageValue: { shape: quantity },
  averageUtilization: { shape: whole(1) },
});

/** autoscaling/v2 MetricIdentifier. */
const metric = object({
  name: { shape: string({ nonEmpty: true }), required: 'give the metric name' },
  selector: { shape: jsonObject },
});

const required = <T extends Shape>(shape: T, what: string) => ({ shape, required: what });

/** autoscaling/v2 MetricSpec: the type and its source; which source goes with which type is checked later. */
const metricSpec = object({
  type: required(oneOf(['Resource', 'Pods', 'Object', 'External', 'ContainerResource']), 'give the metric type, such as Pods'),
  resource: { shape: object({ name: required(string({ nonEmpty: true }), 'give the resource, cpu or memory'), target: required(target, 'give the target') }) },
  pods: { shape: object({ metric: required(metric, 'give the metric'), target: required(target, 'give the target') }) },
  object: {
    shape: object({
      describedObject: required(object({ apiVersion: { shape: string() }, kind: required(string({ nonEmpty: true }), 'give its kind'), name: required(string({ nonEmpty: true }), 'give its name') }), 'give the object the metric describes'),
      metric: required(metric, 'give the metric'),
      target: required(target, 'give the target'),
    }),
  },
  external: { shape: object({ metric: required(metric, 'give the metric'), target: required(target, 'give the target') }) },
  containerResource: {
    shape: object({ name: required(string({ nonEmpty: true }), 'give the resource, cpu or memory'), container: required(string({ nonEmpty: true }), 'give the container name'), target: required(target, 'give the target') }),
  },
});

/** autoscaling/v2 HPAScalingRules. */
const scalingRules = object({
  stabilizationWindowSeconds: { shape: whole(0, 3600) },
  selectPolicy: { shape: oneOf(['Max', 'Min', 'Disabled']) },
  policies: {
    shape: listOf(
      object({
        type: required(oneOf(['Pods', 'Percent']), 'give the policy type, Pods or Percent'),
        value: required(whole(1), 'give the pods or percent the policy allows'),
        periodSeconds: required(whole(1, 1800), 'give the period the policy holds for, in seconds'),
      }),
    ),
  },
  tolerance: { shape: quantity },
});

export const autoscalingShape = object({
  minReplicas: { shape: count, required: 'give the fewest replicas, such as minReplicas: 2' },
  maxReplicas: { shape: count, required: 'give the most replicas, such as maxReplicas: 10' },
  cpuUtilization: { shape: integer() },
  memoryUtilization: { shape: integer() },
  metrics: { shape: listOf(metricSpec) },
  behavior: { shape: object({ scaleUp: { shape: scalingRules }, scaleDown: { shape: scalingRules } }) },
});

export const disruptionBudgetShape = object({
  maxUnavailable: { shape: count },
  maxUnavailablePercent: { shape: integer() },
  minAvailable: { shape: count },
  minAvailablePercent: { shape: integer() },
});
