// The route property with declared callers and governance (issue 12 §1, §4) on random fleets: the route model reads
// the emitted NetworkPolicies, PeerAuthentications and AuthorizationPolicies, and the call graph must hold.
import fc from 'fast-check';
import type { FleetPlan } from '../../lib';
import { type CallCounts, expectCallGraphHonoured, type GovernedFleet, governedFleetArb, planGoverned } from '../support/governed-fleet';
import { modelClusters, planOrUndefined } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';

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

/** The governed fleet with a FleetMonitoring, or undefined when the planner refuses it. */
function planMonitored(fleet: GovernedFleet): FleetPlan | undefined {
  return planOrUndefined({
      path: 'fleet',
      clusters: fleet.clusters,
      services: fleet.specs,
      governance: fleet.governance.map((props, i) => ({ path: `fleet/governance${i}`, props })),
      monitoring: [{ path: 'fleet/monitoring', props: { environment: 'test', remoteWrite: { url: 'https://metrics.example.com/api/v1/write' } } }],
    });
}

describe('monitoring under governance over random fleets', () => {
  test('each cluster’s Prometheus scrapes every metrics port of the pods the plan runs there, whatever the traffic rules', () => {
    let scrapes = 0;
    let guarded = 0;
    fc.assert(
      fc.property(governedFleetArb, (fleet) => {
        const plan = planMonitored(fleet);
        if (!plan) return;
        const objects = objectsOf(plan);
        const model = new RouteModel(modelClusters(fleet.clusters), objects);
        for (const cluster of plan.clusters) {
          const expected = plan.services
            .filter((s) => (s.replicas[cluster.cluster] ?? 0) > 0)
            .flatMap((s) => (fleet.specs.find((x) => x.path === s.path)?.options.ports ?? []).filter((p) => p.name === 'metrics').map((p) => `${s.namespace}/${s.name}:${p.port}`));
          const outcomes = model.scrapes(cluster.cluster);
          expect(outcomes.map((o) => `${o.route.namespace}/${o.route.service}:${o.route.port}`).sort()).toEqual(expected.sort());
          expect(outcomes.filter((o) => !o.ok).map((o) => `${cluster.cluster}: ${o.failures.join('; ')}`)).toEqual([]);
          scrapes += outcomes.length;
          guarded += outcomes.filter((o) => objects[cluster.cluster].some((x) => x.kind === 'NetworkPolicy' && x.metadata.namespace === o.route.namespace && x.metadata.name === `${o.route.service}-metrics`)).length;
        }
      }),
      { numRuns: Number(process.env.ROUTE_RUNS ?? 200) },
    );
    console.log(`monitoring property: ${scrapes} scrapes admitted, ${guarded} of them through a -metrics NetworkPolicy`);
    expect(scrapes).toBeGreaterThan(0);
    expect(guarded).toBeGreaterThan(0);
  });
});
