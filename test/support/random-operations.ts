// Random fleets with operations on them: cluster statuses (cordoned, unavailable) and a migration between
// two clusters, planned at each of its phases.
import fc from 'fast-check';
import { ClusterStatus, type FleetPlan, type MigrationSpec, MigrationPhase, type PlanOptions, WorkloadKind } from '../../lib';
import { planOrUndefined, type RandomFleet, randomFleetArb } from './random-fleet';

export interface OperatedFleet extends RandomFleet {
  /** The migration, without its phase, when the fleet has one. */
  readonly migration?: { readonly from: string; readonly to: string; readonly services?: string[] };
}

const statusArb = fc.constantFrom(...Array<ClusterStatus>(5).fill(ClusterStatus.READY), ClusterStatus.CORDONED, ClusterStatus.UNAVAILABLE);

/** Operations to put on a random fleet: each cluster's status (mostly ready), and maybe a migration between two of its clusters. */
export const operationsArb = fc.record({
  statuses: fc.array(statusArb, { minLength: 5, maxLength: 5 }),
  migration: fc.option(fc.record({ from: fc.nat(4), to: fc.nat(4), some: fc.boolean() }), { freq: 2 }),
});

export type Operations = typeof operationsArb extends fc.Arbitrary<infer T> ? T : never;

/** A random fleet, each cluster with a random status (mostly ready), and maybe a migration between two of its clusters. */
export const operatedFleetArb: fc.Arbitrary<OperatedFleet> = fc.tuple(randomFleetArb, operationsArb).map(([fleet, ops]) => withOperations(fleet, ops));

/** `fleet` with the statuses and the migration of `ops`: a migration goes from a cluster still running to a ready one. */
export function withOperations<F extends RandomFleet>(fleet: F, ops: Operations): F & OperatedFleet {
  const { statuses, migration: m } = ops;
  const n = fleet.clusters.length;
  const [fromIndex, toIndex] = m ? [m.from % n, (m.from + 1 + (m.to % (n - 1))) % n] : [-1, -1];
  // A migration goes to a ready cluster, from one that still runs (refusals of the others are unit tests).
  const statusOf = (i: number) => (i === toIndex ? ClusterStatus.READY : i === fromIndex && statuses[i] === ClusterStatus.UNAVAILABLE ? ClusterStatus.CORDONED : statuses[i]);
  const clusters = fleet.clusters.map((c, i) => (statusOf(i) === ClusterStatus.READY ? c : { ...c, status: statusOf(i) }));
  if (!m) return { ...fleet, clusters };
  const from = clusters[fromIndex].name;
  const to = clusters[toIndex].name;
  // A migration moves Deployments: a StatefulSet's data does not move with it (the planner refuses it).
  const movable = fleet.specs.filter((s) => s.options.workload !== WorkloadKind.STATEFUL_SET).map((s) => s.name);
  return { ...fleet, clusters, migration: { from, to, ...(m.some ? { services: movable.slice(0, 1) } : {}) } };
}

/** The fleet planned at `phase` of its migration (none: without it), or undefined when the planner refuses it. */
export function planOperated(fleet: OperatedFleet, phase?: MigrationPhase, options: PlanOptions = {}): FleetPlan | undefined {
  return planOrUndefined({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs, migrations: migrationsOf(fleet, phase) }, options);
}

/** The fleet's migration at `phase`, as the planner takes it; none without a phase. */
export function migrationsOf(fleet: OperatedFleet, phase?: MigrationPhase): MigrationSpec[] {
  return fleet.migration && phase ? [{ path: 'fleet/migration', props: { ...fleet.migration, phase } }] : [];
}

/** The phases in the order a migration goes through them. */
export const PHASES: readonly MigrationPhase[] = [MigrationPhase.BOTH_ACTIVE, MigrationPhase.SWITCH, MigrationPhase.DRAIN];

/**
 * Routes that need not work: from a cluster that is down, to a StatefulSet, which stays active there at 0
 * replicas without export (its headless Service cannot become a placeholder's in place; docs/operations.md).
 */
export function excusedRoutes(fleet: RandomFleet, plan: FleetPlan): (route: { readonly cluster: string; readonly namespace: string; readonly service: string }) => boolean {
  const down = new Set(fleet.clusters.filter((c) => c.status === ClusterStatus.UNAVAILABLE).map((c) => c.name));
  return (route) => down.has(route.cluster) && (plan.services.find((s) => s.name === route.service && s.namespace === route.namespace)?.withdrawn ?? []).includes(route.cluster);
}
