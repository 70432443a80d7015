// The route property with declared callers and governance (issue 12 §1, §4) on random fleets: the route model reads
// the emitted NetworkPolicies, PeerAuthentications and AuthorizationPolicies, and the call graph must hold.
import fc from 'fast-check';
import type { FleetPlan } from '../../lib';
import { type CallCounts, expectCallGraphHonoured, governedFleetArb, planGoverned } from '../support/governed-fleet';

const objectsOf = (plan: FleetPlan) => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));

describe('the call graph over random fleets', () => {
  test('declared calls resolve and are admitted, undeclared calls to guarded services are refused, other routes still reach pods', () => {
    let planned = 0;
    let refusedFleets = 0;
    const counts: CallCounts = { declared: 0, refused: 0, routes: 0 };
    fc.assert(
      fc.property(governedFleetArb, (fleet) => {
        const plan = planGoverned(fleet);
        if (!plan) {
          refusedFleets++;
          return;
        }
        planned++;
        expectCallGraphHonoured(fleet, plan, objectsOf(plan), counts);
      }),
      { numRuns: Number(process.env.ROUTE_RUNS ?? 300) },
    );
    console.log(`call graph property: ${planned} planned, ${refusedFleets} refused; ${counts.declared} declared calls admitted, ${counts.refused} undeclared calls refused, ${counts.routes} routes checked`);
    // Mesh rules refuse, by design, the random wirings that cannot originate mutual TLS (EXTERNAL_NAME, no sidecar):
    // fewer fleets plan than in the plain route property, but enough for the property to prove something.
    expect(planned).toBeGreaterThan((planned + refusedFleets) * 0.4);
    expect(counts.declared).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });
});
