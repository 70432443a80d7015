// Operations keep the product's promise: with clusters cordoned or down, and at every phase of a
// migration, every plain name routes, and each phase applies in place over the one before.
import fc from 'fast-check';
import { ClusterStatus, type FleetPlan, type Manifest } from '../../lib';
import { applyRefusals, objectId } from '../support/apply-model';
import { expectEveryRouteServed } from '../support/random-fleet';
import { excusedRoutes, type OperatedFleet, operatedFleetArb, PHASES, planOperated } from '../support/random-operations';
import { replacementsBetween } from '../../lib/core/kube/immutable';

const objectsOf = (plan: FleetPlan): Record<string, Manifest[]> => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest)]));

const down = (fleet: OperatedFleet) => new Set(fleet.clusters.filter((c) => c.status === ClusterStatus.UNAVAILABLE).map((c) => c.name));


/** Every object `kubectl apply` would refuse over `before`, as `cluster|Kind ns/name|field`. */
function refusals(before: FleetPlan, after: FleetPlan): string[] {
  const found: string[] = [];
  for (const cluster of after.clusters) {
    const previous = new Map(objectsOf(before)[cluster.cluster]?.map((o) => [objectId(o), o]));
    for (const { manifest } of cluster.objects) {
      const old = previous.get(objectId(manifest));
      for (const r of old ? applyRefusals(old, manifest) : []) found.push(`${cluster.cluster}|${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}|${r.field}`);
    }
  }
  return found.sort();
}

describe('operations keep every route', () => {
  test('with random clusters cordoned or down, every route of the plan reaches a running pod, and nothing runs where a cluster is down', () => {
    const counts = { planned: 0, refused: 0, operated: 0, moves: 0, routes: 0, replacements: 0 };
    fc.assert(
      fc.property(operatedFleetArb, (fleet) => {
        const plan = planOperated({ ...fleet, migration: undefined });
        if (!plan) {
          counts.refused++;
          return;
        }
        counts.planned++;
        if (plan.operations) counts.operated++;
        counts.moves += plan.operations?.services.reduce((n, s) => n + s.moves.length, 0) ?? 0;
        counts.routes += expectEveryRouteServed(fleet, plan, objectsOf(plan), excusedRoutes(fleet, plan));
        // A cluster going down, and coming back, applies in place (or the plan names the delete).
        const ready = planOperated({ ...fleet, clusters: fleet.clusters.map(({ status: _status, ...c }) => c), migration: undefined });
        if (ready) {
          for (const [from, to] of [[ready, plan], [plan, ready]]) {
            const found = refusals(from, to);
            counts.replacements += found.length;
            expect(replacementsBetween(objectsOf(from), objectsOf(to)).map((r) => `${r.cluster}|${r.object}|${r.field}`).sort()).toEqual(found);
          }
        }
        for (const c of plan.clusters.filter((x) => down(fleet).has(x.cluster))) {
          const running = c.objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.manifest.kind) && (o.manifest.spec as { replicas?: number }).replicas !== 0);
          expect(running.map((o) => o.manifest.metadata.name)).toEqual([]);
          expect(c.objects.filter((o) => o.manifest.kind === 'ServiceExport')).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.OPERATIONS_RUNS ?? 250) },
    );
    console.log(`operations property: ${counts.planned} planned (${counts.operated} with operations, ${counts.moves} moves), ${counts.refused} refused, ${counts.routes} routes checked, ${counts.replacements} replacements named going down and back`);
    // Statuses refuse more fleets than the route property's (a service left with nowhere to run); measured 117-159 of 250 planned.
    expect(counts.planned).toBeGreaterThan(counts.refused / 2);
    expect(counts.moves).toBeGreaterThan(0);
  });

  test('every phase of a random migration routes, and applies in place over the phase before (or the plan names the delete)', () => {
    const counts = { migrations: 0, phases: 0, refusedFirst: 0, replacements: 0 };
    fc.assert(
      fc.property(operatedFleetArb.filter((f) => f.migration !== undefined), (fleet) => {
        const before = planOperated(fleet);
        if (!before) return;
        const phases = PHASES.map((phase) => planOperated(fleet, phase));
        if (!phases[0]) {
          counts.refusedFirst++;
          return;
        }
        counts.migrations++;
        // A migration the first phase accepts is accepted at every phase: the target's load is the same in each.
        expect(phases.map((p) => p !== undefined)).toEqual([true, true, true]);
        let previous = before;
        for (const plan of phases as FleetPlan[]) {
          counts.phases++;
          expectEveryRouteServed(fleet, plan, objectsOf(plan), excusedRoutes(fleet, plan));
          const listed = replacementsBetween(objectsOf(previous), objectsOf(plan)).map((r) => `${r.cluster}|${r.object}|${r.field}`).sort();
          const found = refusals(previous, plan);
          counts.replacements += found.length;
          expect(listed).toEqual(found);
          previous = plan;
        }
      }),
      { numRuns: Number(process.env.MIGRATION_RUNS ?? 200) },
    );
    console.log(`migration property: ${counts.migrations} migrations over ${counts.phases} phases, ${counts.refusedFirst} refused at the first phase, ${counts.replacements} replacements named`);
    expect(counts.migrations).toBeGreaterThan(20);
  });
});
