// The report's lists of what operations changed: replicas that moved between clusters, and replicas that
// degradation took where a cluster was short.
import type { FleetPlan } from '../model';
import { CellAlign, layoutTable } from './text-table';

const name = (s: { readonly namespace: string; readonly name: string }) => `${s.namespace}/${s.name}`;

/** Every move of every service, in the plan's service order. */
export function moveSection(plan: FleetPlan, width: number): string[] {
  const rows = (plan.operations?.services ?? []).flatMap((s) => s.moves.map((m) => [name(s), m.from, m.to, String(m.replicas), m.reason]));
  if (rows.length === 0) return ['Moves: none'];
  const columns = [
    { header: 'SERVICE', align: CellAlign.LEFT },
    { header: 'FROM', align: CellAlign.LEFT },
    { header: 'TO', align: CellAlign.LEFT },
    { header: 'REPLICAS', align: CellAlign.RIGHT },
    { header: 'REASON', align: CellAlign.LEFT },
  ];
  return ['Moves', ...layoutTable({ columns, rows, keep: 1 }, width)];
}

/** Every cluster where degradation took replicas of a service: before degradation, now, and what it took. */
export function degradedSection(plan: FleetPlan, width: number): string[] {
  const clusters = plan.clusters.map((c) => c.cluster);
  const rows = (plan.operations?.services ?? []).flatMap((s) =>
    clusters
      .filter((c) => (s.degraded[c] ?? 0) > 0)
      .map((c) => [name(s), c, String(s.beforeDegrade[c] ?? 0), String(s.replicas[c] ?? 0), String(s.degraded[c])]),
  );
  if (rows.length === 0) return ['Degraded: none'];
  const columns = [
    { header: 'SERVICE', align: CellAlign.LEFT },
    { header: 'CLUSTER', align: CellAlign.LEFT },
    { header: 'BEFORE', align: CellAlign.RIGHT },
    { header: 'NOW', align: CellAlign.RIGHT },
    { header: 'GIVEN UP', align: CellAlign.RIGHT },
  ];
  return ['Degraded (replicas given up where a cluster was short)', ...layoutTable({ columns, rows, keep: 1 }, width)];
}
