// `clusterset plan`'s services × clusters: for each service, every cluster it is placed in with its role,
// replicas, how a placeholder reaches the active clusters, and the exported Service's address.
import type { ResolvedAddress, ServiceSummary } from '../../core/model';
import { roleOf } from '../../core/report/cluster-load';
import type { FleetDocument } from '../../core/report/plan-document';
import { CellAlign, layoutTable } from '../../core/report/text-table';
import { wrapWords } from '../../core/report/wrap';
import { clip } from '../clip';

const COLUMNS = [
  { header: 'SERVICE', align: CellAlign.LEFT },
  { header: 'CLUSTER', align: CellAlign.LEFT },
  { header: 'ROLE', align: CellAlign.LEFT },
  { header: 'REPLICAS', align: CellAlign.RIGHT },
  { header: 'NETWORKING', align: CellAlign.LEFT },
  { header: 'ADDRESS', align: CellAlign.LEFT },
];

function address(a: ResolvedAddress | undefined): string {
  if (!a || (a.clusterIP === undefined && a.globalnetIP === undefined)) return '-';
  if (a.globalnetIP === undefined) return String(a.clusterIP);
  return a.clusterIP === undefined ? `globalnet ${a.globalnetIP}` : `${a.clusterIP} (globalnet ${a.globalnetIP})`;
}

/** The rows of one service: its clusters in fleet order, the service named on the first only. */
function rowsOf(service: ServiceSummary, clusters: readonly string[]): string[][] {
  const name = clip(`${service.namespace}/${service.name}`, 40);
  return clusters.flatMap((cluster) => {
    const role = roleOf(service, cluster);
    if (role === undefined) return [];
    const networking = service.placeholders.find((p) => p.cluster === cluster)?.networking;
    return [[name, clip(cluster, 24), role, role === 'placeholder' ? '-' : String(service.replicas[cluster] ?? 0), clip(networking ?? '-', 24), clip(address(service.addresses[cluster]), 40)]];
  }).map((row, i) => (i === 0 ? row : ['', ...row.slice(1)]));
}

/** Every service by namespace and name, each with its clusters. */
export function serviceLines(fleet: FleetDocument, width: number): string[] {
  if (fleet.services.length === 0) return ['Services by cluster', 'no services'];
  const clusters = fleet.clusters.map((c) => c.cluster.name);
  const services = [...fleet.services].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`, 'en'));
  return [
    'Services by cluster',
    ...layoutTable({ columns: COLUMNS, rows: services.flatMap((s) => rowsOf(s, clusters)), keep: 1 }, width),
    ...wrapWords(
      'ROLE: active runs replicas and exports, withdrawn runs them without export, placeholder holds the name; ' +
        'NETWORKING: how a placeholder reaches the active clusters; ADDRESS: the exported Service\'s pinned or allocated IP',
      width,
    ),
  ];
}
