// `clusterset plan`'s table of clusters: status, the objects each receives, what the services request there
// against its allocatable, and how many services are active, withdrawn or a placeholder there.
import { ClusterStatus } from '../../core/api/cluster';
import { LOAD_COLUMNS, loadCells, ROLE_LEGEND } from '../../core/report/cluster-load';
import type { FleetDocument } from '../../core/report/plan-document';
import { CellAlign, layoutTable } from '../../core/report/text-table';
import { wrapWords } from '../../core/report/wrap';
import { clip } from '../clip';

const COLUMNS = [
  { header: 'CLUSTER', align: CellAlign.LEFT },
  { header: 'STATUS', align: CellAlign.LEFT },
  { header: 'OBJECTS', align: CellAlign.RIGHT },
  ...LOAD_COLUMNS,
];

/** The status the plan gives a cluster: the operations summary's, else the declared one, else READY. */
export function statusOf(fleet: FleetDocument, cluster: string): string {
  const planned = fleet.operations?.clusters.find((c) => c.cluster === cluster)?.status;
  return planned ?? fleet.clusters.find((c) => c.cluster.name === cluster)?.cluster.status ?? ClusterStatus.READY;
}

/** One row per cluster, in fleet order, and a legend wrapped to `width`. */
export function clusterLines(fleet: FleetDocument, width: number): string[] {
  const usage = new Map((fleet.usage ?? []).map((u) => [u.cluster, u]));
  const rows = fleet.clusters.map(({ cluster: { name }, objects }) => [clip(name, 32), statusOf(fleet, name), String(objects.length), ...loadCells(name, fleet.services, usage.get(name))]);
  return [
    'Clusters',
    ...layoutTable({ columns: COLUMNS, rows, keep: 1 }, width),
    ...wrapWords(
      `OBJECTS: what the cluster receives; PODS, CPU, MEMORY: what the services request there / allocatable (whole percent), - when not computed; ${ROLE_LEGEND}`,
      width,
    ),
  ];
}
