// The report's opening lines: the clusters by status, the services and their replicas, and each migration
// with its phase among the three.
import { ClusterStatus } from '../api/cluster';
import { MigrationPhase } from '../api/migration';
import type { FleetPlan } from '../model';
import { clusterStatuses } from './cluster-status';
import { wrapWords } from './wrap';

const total = (replicas: Record<string, number>) => Object.values(replicas).reduce((a, b) => a + b, 0);

/** The title, then one line (wrapped to `width`) each for clusters, services and every migration. */
export function headerLines(plan: FleetPlan, title: string, width: number): string[] {
  const statuses = clusterStatuses(plan);
  const groups = Object.values(ClusterStatus)
    .map((status) => ({ status, names: statuses.filter((c) => c.status === status).map((c) => c.cluster) }))
    .filter((g) => g.names.length > 0)
    .map((g) => `${g.status}: ${g.names.join(', ')}`);
  const planned = plan.services.reduce((n, s) => n + total(plan.operations?.services.find((o) => o.path === s.path)?.planned ?? s.replicas), 0);
  const now = plan.services.reduce((n, s) => n + total(s.replicas), 0);
  const migrations = plan.operations?.migrations ?? [];
  const phases = Object.values(MigrationPhase);
  const lines = [
    `Clusters: ${statuses.length} (${groups.join('; ')})`,
    `Services: ${plan.services.length}, ${planned} replicas as planned with every cluster ready, ${now} in this plan`,
    ...(migrations.length === 0
      ? ['Migrations: none']
      : migrations.map(
          (m) =>
            `Migration ${m.path}: ${m.from} -> ${m.to} at ${m.phase}, phase ${phases.indexOf(m.phase) + 1} of ${phases.length} ` +
            `(${phases.map((p) => (p === m.phase ? `[${p}]` : p)).join(' > ')}); moves ${m.services.length > 0 ? m.services.join(', ') : 'no service'}`,
        )),
  ];
  return [title, '='.repeat(Math.min(title.length, width)), ...lines.flatMap((line) => wrapWords(line, width))];
}
