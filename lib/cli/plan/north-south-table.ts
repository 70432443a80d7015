// `clusterset plan`'s north-south section: how the outer load balancer weighs each HTTP service's ingress nodes.
import type { FleetDocument } from '../../core/report/plan-document';
import { CellAlign, layoutTable } from '../../core/report/text-table';
import { wrapWords } from '../../core/report/wrap';
import { clip } from '../clip';

const COLUMNS = [
  { header: 'SERVICE', align: CellAlign.LEFT },
  { header: 'CLUSTER', align: CellAlign.LEFT },
  { header: 'PODS', align: CellAlign.RIGHT },
  { header: 'INGRESS NODE', align: CellAlign.LEFT },
  { header: 'WEIGHT', align: CellAlign.RIGHT },
];

/** Nothing when the fleet has no north-south tables, else a row per ingress node of each fronted cluster, and who runs unfronted. */
export function northSouthLines(fleet: FleetDocument, width: number): string[] {
  const tables = fleet.northSouth ?? [];
  if (tables.length === 0) return [];
  // One row per node, the service and cluster named once: a list of nodes in one cell would outgrow the page.
  const rows = tables.flatMap((t) =>
    t.entries.flatMap((e, i) =>
      e.nodes.map((n, j) => [i === 0 && j === 0 ? clip(`${t.namespace}/${t.name}`, 40) : '', j === 0 ? clip(e.cluster, 24) : '', j === 0 ? String(e.pods) : '', clip(n.address, 40), String(n.weight)]),
    ),
  );
  const unfronted = tables.filter((t) => t.unfronted.length > 0).map((t) => `${t.namespace}/${t.name} runs unfronted in ${t.unfronted.join(', ')}`);
  return ['North-south (outer load balancer)', ...layoutTable({ columns: COLUMNS, rows, keep: 1 }, width), ...unfronted.flatMap((line) => wrapWords(line, width))];
}
