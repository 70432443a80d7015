// What planReplicas must be given at runtime (ReplicaPlanInput).
import { boolean, INT32_MAX, integer, listOf, mapOf, object, string } from './shape';
import { preferenceShape } from './preference-shape';

const count = integer({ max: INT32_MAX });

export const replicaInputShape = object({
  totalReplicas: { shape: count, required: 'give the replicas to divide' },
  preferences: { shape: mapOf(preferenceShape), required: "give preferences by cluster name, such as { '*': { weight: 1 } }" },
  clusters: { shape: listOf(string()), required: 'give the names of the clusters available' },
  current: { shape: mapOf(count) },
  capacity: { shape: mapOf(count) },
  rebalance: { shape: boolean },
  key: { shape: string() },
});
