// Migrations resolved against the fleet and applied to each service they move (docs/operations.md).
import { type Assignment, type MigrationSpec, type Move, MoveReason, type ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import type { Problems } from '../errors';
import { ClusterStatus } from '../api/cluster';
import { ActivePlacement } from '../api/placement';
import { MigrationPhase } from '../api/migration';
import { idleNetworking } from '../resolve/idle-networking';
import { describeSelector, selectorMatches, selectorProblem } from '../kube/selector-match';

/** A migration whose clusters and services were found. */
export interface ResolvedMigration {
  readonly path: string;
  readonly from: Cluster;
  readonly to: Cluster;
  readonly phase: MigrationPhase;
  /** The services it moves, by path. */
  readonly services: string[];
}

const keyOf = (s: ResolvedService) => `${s.model.namespace}/${s.model.name}`;
const runsIn = (s: ResolvedService, cluster: string) => s.assignments.some((a) => a.cluster.name === cluster && a.role === 'active' && a.replicas > 0);

/**
 * Finds each migration's clusters and services, reporting what cannot move: unknown or identical clusters,
 * a target that is not ready, a source that is down, a named service that does not run in the source or
 * is named ambiguously, a StatefulSet (its data does not move), a service two migrations move.
 * `services` are the services after cluster status was applied; unless `wholeFleet`, a name none of them
 * has belongs to a service planned apart (the Pulumi flavour plans one at a time).
 */
export function resolveMigrations(specs: readonly MigrationSpec[], fleet: readonly Cluster[], services: readonly ResolvedService[], problems: Problems, wholeFleet: boolean): ResolvedMigration[] {
  const movedBy = new Map<string, string>();
  const resolved: ResolvedMigration[] = [];
  for (const { path, props } of specs) {
    const report = (message: string) => problems.add(path, message);
    const names = fleet.map((c) => c.name).join(', ');
    const from = fleet.find((c) => c.name === props.from);
    const to = fleet.find((c) => c.name === props.to);
    if (!from) report(`from "${props.from}" is not a cluster of the fleet (clusters: ${names}); name the cluster the services leave`);
    if (!to) report(`to "${props.to}" is not a cluster of the fleet (clusters: ${names}); name the cluster the services move to`);
    if (!from || !to) continue;
    if (from.name === to.name) {
      report(`from and to are both "${from.name}"; a migration moves services to another cluster`);
      continue;
    }
    if (to.status !== ClusterStatus.READY) {
      report(`to "${to.name}" is ${to.status}, and only a READY cluster receives services; migrate to a ready cluster or set its status to READY`);
      continue;
    }
    if (from.status === ClusterStatus.UNAVAILABLE) {
      report(`from "${from.name}" is UNAVAILABLE, so its services already moved to their other clusters; remove the migration, or mark "${from.name}" CORDONED to move what it still runs`);
      continue;
    }
    const selector = props.serviceSelector;
    const problem = selector ? selectorProblem(selector) : undefined;
    if (problem) {
      report(`serviceSelector.${problem}`);
      continue;
    }
    const listed = props.services === undefined ? services.filter((s) => runsIn(s, from.name)) : named(props.services, services, from.name, wholeFleet, report);
    const chosen = selector ? listed.filter((s) => selectorMatches(selector, s.model.labels)) : listed;
    if (selector && wholeFleet && chosen.length === 0) {
      report(`serviceSelector ${describeSelector(selector)} matches no service running in "${from.name}"; fix the selector or remove the migration`);
    }
    for (const s of chosen) {
      if (s.model.headless) {
        report(`${keyOf(s)} is a StatefulSet: its volumes do not move with it, and its headless Service cannot become a placeholder in place; move its data by other means and leave it out of services`);
        continue;
      }
      const earlier = movedBy.get(s.model.path);
      if (earlier) {
        report(`${keyOf(s)} is already moved by ${earlier}; a service takes part in one migration at a time`);
        continue;
      }
      movedBy.set(s.model.path, path);
    }
    resolved.push({ path, from, to, phase: props.phase, services: chosen.filter((s) => movedBy.get(s.model.path) === path).map((s) => s.model.path) });
  }
  return resolved;
}

/** The services `names` designate (`name` or `namespace/name`), each running in `from`. */
function named(names: readonly string[], services: readonly ResolvedService[], from: string, wholeFleet: boolean, report: (message: string) => void): ResolvedService[] {
  const found: ResolvedService[] = [];
  for (const name of names) {
    const matches = services.filter((s) => (name.includes('/') ? keyOf(s) === name : s.model.name === name));
    if (matches.length === 0) {
      if (wholeFleet) report(`services names "${name}", which is no service of the fleet (services: ${services.map(keyOf).join(', ')}); use a service's name or namespace/name`);
    } else if (matches.length > 1) {
      report(`services names "${name}", which matches ${matches.map(keyOf).join(' and ')}; write it as namespace/name`);
    } else if (!runsIn(matches[0], from)) {
      report(`services names "${name}", which runs no replica in "${from}"; leave it out, or migrate from a cluster where it runs`);
    } else if (!found.includes(matches[0])) {
      found.push(matches[0]);
    }
  }
  return found;
}

/** A service's assignments at the migration's phase, and the move it makes. */
export function applyMigration(s: ResolvedService, assignments: readonly Assignment[], m: ResolvedMigration, fleet: readonly Cluster[]): { assignments: Assignment[]; move: Move } {
  const source = assignments.find((a) => a.cluster.name === m.from.name) as Assignment;
  const moved = source.replicas;
  const target = assignments.find((a) => a.cluster.name === m.to.name);
  const arriving: Assignment = target
    ? { cluster: target.cluster, placement: target.placement, role: 'active', replicas: (target.role === 'active' ? target.replicas : 0) + moved }
    : // The target takes the source's overrides, so what it exports is what the source exports; never its pinned addresses.
      { cluster: m.to, placement: new ActivePlacement({ clusters: [m.to.name], overrides: source.placement.props.overrides }), role: 'active', replicas: moved };
  const leaving: Assignment =
    m.phase === MigrationPhase.BOTH_ACTIVE
      ? source
      : m.phase === MigrationPhase.SWITCH
        ? { ...source, exported: false }
        : { cluster: source.cluster, placement: source.placement, role: 'placeholder', networking: idleNetworking(s.spec.options, assignments.map((a) => a.placement)), replicas: 0 };
  const byCluster = new Map(assignments.map((a) => [a.cluster.name, a]));
  byCluster.set(m.from.name, leaving);
  byCluster.set(m.to.name, arriving);
  return {
    assignments: fleet.flatMap((c) => byCluster.get(c.name) ?? []),
    move: { from: m.from.name, to: m.to.name, replicas: moved, reason: MoveReason.MIGRATION },
  };
}
