// Operations as plan inputs: cluster status, migrations and degradation turn the plan with every cluster
// ready into the one to apply, and say what changed (docs/operations.md).
import { type Move, type MigrationSpec, MoveReason, type OperationsSummary, type ResolvedService, type ServiceOperations } from '../model';
import { ReplicaScheduling } from '../api/scheduling';
import type { Cluster } from '../resolved';
import { Problems } from '../errors';
import { MigrationPhase } from '../api/migration';
import { checkRoles } from '../validate/checks';
import { addressRequests, resolveAddresses } from '../resolve/addresses';
import { FleetLedger } from '../validate/fleet-ledger';
import { checkSliceAddressesRoutable } from '../validate/routes';
import { ClusterStatus } from '../api/cluster';
import type { Allocatable, Amounts } from '../validate/capacity';
import { applyStatus } from './status';
import { applyMigration, type ResolvedMigration, resolveMigrations } from './migrations';
import { promote } from './promotion';
import { degrade, type Degradable } from './degrade';
import { UsageBook } from './usage-book';

/** What operations work from. */
export interface OperationsInput {
  /** The services as planned with every cluster ready, sorted by namespace/name. */
  readonly services: readonly ResolvedService[];
  readonly fleet: readonly Cluster[];
  readonly migrations: readonly MigrationSpec[];
  /** What each cluster declares it can hold. */
  readonly allocatable: ReadonlyMap<string, Allocatable>;
  /** What a cluster already holds outside these services. */
  readonly base: (cluster: string) => Amounts;
  /** False when `services` are some of the fleet's only: names of other services are not unknown. @default true */
  readonly wholeFleet?: boolean;
}

/** The services to build, and what changed, when anything did. */
export interface Operated {
  readonly services: ResolvedService[];
  /** Services that found no cluster to run in (already reported): their placeholders have nothing to reach. */
  readonly unplaced: ReadonlySet<string>;
  readonly summary?: OperationsSummary;
}

/**
 * Applies, in order: each cluster's status to each service (failover), the migrations at their phases,
 * promotions of a ready placeholder for services left with no ready active cluster (services in
 * namespace/name order, each taking room before the next), then degradation where a cluster holds more
 * than it declares. Reports what cannot be done; the fleet's capacity check runs afterwards on what is built.
 */
export function operate(input: OperationsInput, problems: Problems): Operated {
  const { fleet } = input;
  // Services with problems of their own (a replica count that is no number) are not operated on: the plan fails anyway.
  if (problems.any) return { services: [...input.services], unplaced: new Set() };
  const anyStatus = fleet.some((c) => c.status !== ClusterStatus.READY);
  if (!anyStatus && input.migrations.length === 0 && input.allocatable.size === 0) return { services: [...input.services], unplaced: new Set() };
  const moves = new Map<string, Move[]>();
  const homeless: Array<{ readonly path: string; readonly replicas: number; readonly from: string[] }> = [];
  let services = input.services.map((s) => {
    const outcome = applyStatus(s);
    moves.set(s.model.path, [...outcome.moves]);
    if (outcome.homeless > 0) homeless.push({ path: s.model.path, replicas: outcome.homeless, from: outcome.homelessFrom });
    return { ...s, assignments: outcome.assignments };
  });
  const migrations = resolveMigrations(input.migrations, fleet, services, problems, input.wholeFleet !== false);
  const leaving = new Map<string, Set<string>>();
  services = services.map((s) => {
    const m = migrations.find((x) => x.services.includes(s.model.path));
    if (!m) return s;
    const { assignments, move } = applyMigration(s, s.assignments, m, fleet);
    if (m.phase !== MigrationPhase.DRAIN) checkDrainable(s, m, fleet, problems);
    moves.get(s.model.path)?.push(move);
    leaving.set(s.model.path, new Set([m.from.name]));
    return { ...s, assignments };
  });
  const book = new UsageBook(input.allocatable, input.base, services);
  const unplaced = new Set<string>();
  for (const h of homeless) {
    const i = services.findIndex((s) => s.model.path === h.path);
    // A migration may have given the service a ready active cluster: a divided service's lost share goes there.
    const readyActive = services[i].assignments.find((a) => a.cluster.status === ClusterStatus.READY && a.role === 'active' && a.replicas > 0);
    if (readyActive) {
      if (services[i].spec.options.scheduling?.type !== ReplicaScheduling.DIVIDED) continue;
      const grown = { ...services[i], assignments: services[i].assignments.map((a) => (a === readyActive ? { ...a, replicas: a.replicas + h.replicas } : a)) };
      book.replace(services[i], grown);
      services[i] = grown;
      moves.get(h.path)?.push(...h.from.slice(0, 1).map((from) => ({ from, to: readyActive.cluster.name, replicas: h.replicas, reason: MoveReason.FAILOVER })));
      continue;
    }
    const promoted = promote(services[i], h.replicas, h.from, book);
    if ('problem' in promoted) {
      problems.add(h.path, promoted.problem);
      unplaced.add(h.path);
    } else {
      services[i] = promoted.service;
      moves.get(h.path)?.push(...promoted.moves);
    }
  }
  const beforeDegrade = new Map(services.map((s) => [s.model.path, replicasOf(s)]));
  const degradable: Degradable[] = services.map((service, i) => ({
    service,
    plannedTotal: Object.values(replicasOf(input.services[i])).reduce((a, b) => a + b, 0),
    leaving: leaving.get(service.model.path) ?? new Set(),
  }));
  const taken = book.weighs ? degrade(degradable, fleet, book) : new Map<string, Map<string, number>>();
  services = degradable.map((d) => d.service);
  const touched = services.flatMap((s, i): ServiceOperations[] => {
    const planned = replicasOf(input.services[i]);
    const replicas = replicasOf(s);
    const own = moves.get(s.model.path) ?? [];
    const degraded = Object.fromEntries(taken.get(s.model.path) ?? []);
    if (own.length === 0 && Object.keys(degraded).length === 0 && sameReplicas(planned, replicas) && !s.assignments.some((a) => a.exported === false)) return [];
    return [{ path: s.model.path, name: s.model.name, namespace: s.model.namespace, planned, beforeDegrade: beforeDegrade.get(s.model.path) ?? {}, replicas, degraded, moves: own }];
  });
  if (!anyStatus && migrations.length === 0 && touched.length === 0) return { services, unplaced };
  return {
    services,
    unplaced,
    summary: {
      clusters: fleet.map((c) => ({ cluster: c.name, status: c.status })),
      migrations: migrations.map((m) => ({
        path: m.path,
        from: m.from.name,
        to: m.to.name,
        phase: m.phase,
        services: services.filter((s) => m.services.includes(s.model.path)).map((s) => `${s.model.namespace}/${s.model.name}`),
      })),
      services: touched,
    },
  };
}

/** Replicas of each active cluster, in fleet order. */
function replicasOf(s: ResolvedService): Record<string, number> {
  return Object.fromEntries(s.assignments.filter((a) => a.role === 'active').map((a) => [a.cluster.name, a.replicas]));
}

function sameReplicas(a: Record<string, number>, b: Record<string, number>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A phase before the drain is refused when the drain could not follow: the source would become a
 * placeholder that reaches nothing (a target without MCS, a wiring that cannot work there).
 */
function checkDrainable(s: ResolvedService, m: ResolvedMigration, fleet: readonly Cluster[], problems: Problems): void {
  const drained = { ...s, assignments: applyMigration(s, s.assignments, { ...m, phase: MigrationPhase.DRAIN }, fleet).assignments };
  const scratch = new Problems();
  checkRoles(drained.model, drained.assignments, scratch);
  checkSliceAddressesRoutable(drained.model, drained.assignments, fleet, scratch);
  // The addresses the drained placeholder needs (a Globalnet IP only a pin makes known), on a ledger of its own.
  resolveAddresses(addressRequests([drained]), new FleetLedger(), scratch, { allocate: false });
  for (const message of scratch.messages) {
    problems.add(m.path, `${s.model.namespace}/${s.model.name} could not go on to MigrationPhase.DRAIN: ${message.slice(s.model.path.length + 2)}`);
  }
}
