// The report's table of clusters: status, what the plan's services take there against the cluster's
// allocatable, and how many services run, run without export, or hold a placeholder there.
import type { FleetPlan, ServiceSummary } from '../model';
import { clusterStatuses } from './cluster-status';
import { CellAlign, layoutTable } from './text-table';
import { usageCell } from './usage-cell';
import { wrapWords } from './wrap';

const COLUMNS = [
  { header: 'CLUSTER', align: CellAlign.LEFT },
  { header: 'STATUS', align: CellAlign.LEFT },
  { header: 'PODS', align: CellAlign.RIGHT },
  { header: 'CPU', align: CellAlign.RIGHT },
  { header: 'MEMORY', align: CellAlign.RIGHT },
  { header: 'ACTIVE', align: CellAlign.RIGHT },
  { header: 'WITHDRAWN', align: CellAlign.RIGHT },
  { header: 'PLACEHOLDERS', align: CellAlign.RIGHT },
];

/** The clusters section: one row per cluster in fleet order. */
export function clusterSection(plan: FleetPlan, width: number): string[] {
  const usage = new Map((plan.usage ?? []).map((u) => [u.cluster, u]));
  const rows = clusterStatuses(plan).map(({ cluster, status }) => {
    const used = usage.get(cluster);
    const limit = used?.allocatable;
    const count = (matches: (s: ServiceSummary) => boolean) => String(plan.services.filter(matches).length);
    const withdrawn = (s: ServiceSummary) => (s.withdrawn ?? []).includes(cluster);
    return [
      cluster,
      status,
      used ? usageCell(String(used.pods), limit?.pods === undefined ? undefined : String(limit.pods)) : '-',
      used ? usageCell(used.cpu, limit?.cpu) : '-',
      used ? usageCell(used.memory, limit?.memory) : '-',
      count((s) => s.active.includes(cluster) && !withdrawn(s)),
      count(withdrawn),
      count((s) => s.placeholders.some((p) => p.cluster === cluster)),
    ];
  });
  return [
    'Clusters',
    ...layoutTable({ columns: COLUMNS, rows, keep: 1 }, width),
    ...wrapWords(
      'PODS, CPU, MEMORY: what the services request there / allocatable (whole percent); ACTIVE: services running and exported there; ' +
        'WITHDRAWN: running, not exported; PLACEHOLDERS: services whose name only is there',
      width,
    ),
  ];
}
