// What a MultiClusterService's options must hold at runtime (MultiClusterServiceOptions).
import { ReplicaScheduling } from '../../api/scheduling';
import { PodSecurityLevel } from '../../api/pod-security';
import { podTemplateShape, volumeClaimTemplateShape } from './pod-template-shape';
import { WorkloadKind } from '../../api/service';
import { overridesShape, resourcesShape } from './overrides-shape';
import { dependencyShape, externalDependencyShape } from './dependencies-shape';
import { networkingShape, placementShape } from './placement-shape';
import { preferenceShape } from './preference-shape';
import { autoscalingShape, disruptionBudgetShape } from './autoscaling-shape';
import { degradeShape } from './operations-shape';
import { boolean, type FieldShape, integer, INT32_MAX, listOf, mapOf, object, oneOf, type Shape, string, stringMap } from './shape';

const count = integer({ max: INT32_MAX });

const port = object({
  name: { shape: string(), required: 'every port is named, so EndpointSlices and meshes can match it' },
  port: { shape: integer(), required: 'give the port clients call, 1 to 65535' },
  targetPort: { shape: integer() },
  protocol: { shape: oneOf(['TCP', 'UDP', 'SCTP']) },
  appProtocol: { shape: string() },
});

const scheduling = object({
  type: { shape: oneOf(Object.values(ReplicaScheduling)) },
  totalReplicas: { shape: count },
  preferences: { shape: mapOf(preferenceShape) },
  current: { shape: mapOf(count) },
  rebalance: { shape: boolean },
  placeholderNetworking: { shape: networkingShape },
});

/** The fields of MultiClusterServiceOptions. */
export const SERVICE_FIELDS: Readonly<Record<string, FieldShape>> = {
  name: { shape: string() },
  namespace: { shape: string() },
  image: { shape: string(), required: 'give the container image, such as registry.example.com/team/app:1.0' },
  replicas: { shape: count },
  ports: { shape: listOf(port), required: 'give the service at least one port, such as [{ name: "http", port: 8080 }]' },
  placements: { shape: listOf(placementShape), required: 'give at least one new ActivePlacement({ clusters: [...] })' },
  workload: { shape: oneOf(Object.values(WorkloadKind)) },
  env: { shape: stringMap },
  labels: { shape: stringMap },
  annotations: { shape: stringMap },
  command: { shape: listOf(string()) },
  args: { shape: listOf(string()) },
  resources: { shape: resourcesShape },
  scheduling: { shape: scheduling },
  clusterOverrides: { shape: mapOf(overridesShape) },
  podTemplate: { shape: podTemplateShape },
  volumeClaimTemplates: { shape: listOf(volumeClaimTemplateShape) },
  podSecurity: { shape: oneOf(Object.values(PodSecurityLevel)) },
  dependencies: { shape: listOf(dependencyShape) },
  externalDependencies: { shape: listOf(externalDependencyShape) },
  allowPlaintextSecrets: { shape: boolean },
  autoscaling: { shape: autoscalingShape },
  disruptionBudget: { shape: disruptionBudgetShape },
  degrade: { shape: degradeShape },
  callers: { shape: listOf(string({ nonEmpty: true })) },
};

/** A service's options, with any extra fields a flavour adds (the cdk8s and Pulumi `clusterSet`). */
export function serviceShape(extra: Readonly<Record<string, FieldShape>> = {}): Shape {
  return object({ ...SERVICE_FIELDS, ...extra });
}
