// `clusterset plan`'s table of clusters: status, the objects each receives, what the services request there
// against its allocatable, and how many services are active, withdrawn or a placeholder there.
import { ClusterStatus } from '../../core/api/cluster';
import type { FleetDocument } from '../../core/report/plan-document';
import { CellAlign, layoutTable } from '../../core/report/text-table';
import { usageCell } from '../../core/report/usage-cell';
import { wrapWords } from '../../core/report/wrap';
import { clip } from './clip';

const COLUMNS = [
  { header: 'CLUSTER', align: CellAlign.LEFT },
  { header: 'STATUS', align: CellAlign.LEFT },
  { header: 'OBJECTS', align: CellAlign.RIGHT },
  { header: 'PODS', align: CellAlign.RIGHT },
  { header: 'CPU', align: CellAlign.RIGHT },
  { header: 'MEMORY', align: CellAlign.RIGHT },
  { header: 'ACTIVE', align: CellAlign.RIGHT },
  { header: 'WITHDRAWN', align: CellAlign.RIGHT },
  { header: 'PLACEHOLDERS', align: CellAlign.RIGHT },
];

/** The status the plan gives a cluster: the operations summary's, else the declared one, else READY. */
export function statusOf(fleet: FleetDocument, cluster: string): string {
  const planned = fleet.operations?.clusters.find((c) => c.cluster === cluster)?.status;
  return planned ?? fleet.clusters.find((c) => c.cluster.name === cluster)?.cluster.status ?? ClusterStatus.READY;
}

/** One row per cluster, in fleet order, and a legend wrapped to `width`. */
export function clusterLines(fleet: FleetDocument, width: number): string[] {
  const usage = new Map((fleet.usage ?? []).map((u) => [u.cluster, u]));
  const rows = fleet.clusters.map(({ cluster, objects }) => {
    const name = cluster.name;
    const used = usage.get(name);
    const limit = used?.allocatable;
    const count = (matches: (s: FleetDocument['services'][number]) => boolean) => String(fleet.services.filter(matches).length);
    const withdrawn = (s: FleetDocument['services'][number]) => (s.withdrawn ?? []).includes(name);
    return [
      clip(name, 32),
      statusOf(fleet, name),
      String(objects.length),
      used ? usageCell(String(used.pods), limit?.pods === undefined ? undefined : String(limit.pods)) : '-',
      used ? usageCell(used.cpu, limit?.cpu) : '-',
      used ? usageCell(used.memory, limit?.memory) : '-',
      count((s) => s.active.includes(name) && !withdrawn(s)),
      count(withdrawn),
      count((s) => s.placeholders.some((p) => p.cluster === name)),
    ];
  });
  return [
    'Clusters',
    ...layoutTable({ columns: COLUMNS, rows, keep: 1 }, width),
    ...wrapWords(
      'OBJECTS: what the cluster receives; PODS, CPU, MEMORY: what the services request there / allocatable (whole percent), - when not computed; ' +
        'ACTIVE: services running and exported there; WITHDRAWN: running, not exported; PLACEHOLDERS: services whose name only is there',
      width,
    ),
  ];
}
