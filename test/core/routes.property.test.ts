import fc from 'fast-check';
import { ClusterSetValidationError, type FleetPlan, planFleet } from '../../lib';
import { foundRoutes, modelClusters, promisedRoutes, type RandomFleet, randomFleetArb } from '../support/random-fleet';
import { RouteModel } from '../support/route-model';

function planOrRefusal(fleet: RandomFleet): FleetPlan | readonly string[] {
  try {
    return planFleet({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs });
  } catch (error) {
    if (error instanceof ClusterSetValidationError) return error.problems;
    throw error;
  }
}

function modelOf(fleet: RandomFleet, plan: FleetPlan): RouteModel {
  const objects = Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));
  return new RouteModel(modelClusters(fleet.clusters), objects, fleet.globalnetIPs);
}

describe('every plain name routes', () => {
  test('over random fleets, every (cluster, service, port) reaches a running pod, or synth refuses', () => {
    let planned = 0;
    let refused = 0;
    let routes = 0;
    fc.assert(
      fc.property(randomFleetArb, (fleet) => {
        const plan = planOrRefusal(fleet);
        if (!('clusters' in plan)) {
          refused++;
          return;
        }
        planned++;
        const model = modelOf(fleet, plan);
        routes += model.routes().length;
        // A Service that never reached its cluster would have no route to fail: every promised one must be there.
        expect(foundRoutes(model.routes())).toEqual(expect.arrayContaining(promisedRoutes(fleet, plan)));
        const failures = model.failures().flatMap((o) => o.failures);
        expect(failures).toEqual([]);
      }),
      { numRuns: Number(process.env.ROUTE_RUNS ?? 300) },
    );
    // The generator must mostly produce fleets the planner accepts, or the property proves little.
    console.log(`route property: ${planned} planned, ${refused} refused, ${routes} routes checked`);
    expect(planned).toBeGreaterThan(refused);
  });
});
