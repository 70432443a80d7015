import fc from 'fast-check';
import type { FleetPlan } from '../../lib';
import { expectEveryRouteServed, planOrRefuse, type RandomFleet, randomFleetArb } from '../support/random-fleet';

/** Each cluster's planned objects, as the route model reads them. */
const objectsOf = (plan: FleetPlan) => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));

describe('every plain name routes', () => {
  test('over random fleets, every (cluster, service, port) reaches a running pod, or synth refuses', () => {
    let planned = 0;
    let refused = 0;
    let routes = 0;
    fc.assert(
      fc.property(randomFleetArb, (fleet: RandomFleet) => {
        const plan = planOrRefuse(fleet);
        if (!plan) {
          refused++;
          return;
        }
        planned++;
        routes += expectEveryRouteServed(fleet, plan, objectsOf(plan));
      }),
      { numRuns: Number(process.env.ROUTE_RUNS ?? 300) },
    );
    // The generator must mostly produce fleets the planner accepts, or the property proves little.
    console.log(`route property: ${planned} planned, ${refused} refused, ${routes} routes checked`);
    expect(planned).toBeGreaterThan(refused);
  });
});
