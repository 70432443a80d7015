// The planner as the public API offers it: static methods, since jsii exports no free functions.
import { applyWaveOf } from './emit/order';
import type { Manifest } from './kube/manifest';
import type { ApplyWave, FleetPlan, FleetSpec, PlanOptions } from './model';
import { planFleet } from './plan';

/** Plans a fleet without a backend: what the cdk8s and Pulumi flavours and every engine build on. */
export class FleetPlanner {
  /**
   * The objects of every cluster for a fleet and its services. Pure and deterministic: the same spec gives
   * the same plan, whatever order services were declared in. Throws a validation error with every problem
   * found (read them with `ClusterSetErrors.problemsOf`), before anything is built.
   */
  public static plan(spec: FleetSpec, options?: PlanOptions): FleetPlan {
    return planFleet(spec, options);
  }

  /** The wave an object is applied in: Namespaces first, then workloads and Services, then what refers to them. */
  public static applyWaveOf(manifest: Manifest): ApplyWave {
    return applyWaveOf(manifest);
  }

  private constructor() {}
}
