// How much of a divided workload one cluster wants (ClusterPreference), for scheduling and planReplicas.
import { integer, INT32_MAX, object } from './shape';

const count = integer({ max: INT32_MAX });

export const preferenceShape = object({
  weight: { shape: count },
  minReplicas: { shape: count },
  maxReplicas: { shape: count },
});
