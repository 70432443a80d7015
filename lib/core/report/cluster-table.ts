// The report's table of clusters: status, what the plan's services take there against the cluster's
// allocatable, and how many services run, run without export, or hold a placeholder there.
import type { FleetPlan } from '../model';
import { LOAD_COLUMNS, loadCells, ROLE_LEGEND } from './cluster-load';
import { clusterStatuses } from './cluster-status';
import { CellAlign, layoutTable } from './text-table';
import { wrapWords } from './wrap';

const COLUMNS = [{ header: 'CLUSTER', align: CellAlign.LEFT }, { header: 'STATUS', align: CellAlign.LEFT }, ...LOAD_COLUMNS];

/** The clusters section: one row per cluster in fleet order. */
export function clusterSection(plan: FleetPlan, width: number): string[] {
  const usage = new Map((plan.usage ?? []).map((u) => [u.cluster, u]));
  const rows = clusterStatuses(plan).map(({ cluster, status }) => [cluster, status, ...loadCells(cluster, plan.services, usage.get(cluster))]);
  return [
    'Clusters',
    ...layoutTable({ columns: COLUMNS, rows, keep: 1 }, width),
    ...wrapWords(
      `PODS, CPU, MEMORY: what the services request there / allocatable (whole percent); ${ROLE_LEGEND}`,
      width,
    ),
  ];
}
