// What both tables of clusters show after a cluster's name and status (the synth report's and `clusterset
// plan`'s): what the services request there against its allocatable, and how many services are active,
// withdrawn or a placeholder there.
import type { ClusterUsage, ServiceSummary } from '../model';
import { CellAlign, type TextColumn } from './text-table';
import { usageCell } from './usage-cell';

/** The columns of loadCells, in its order. */
export const LOAD_COLUMNS: readonly TextColumn[] = [
  { header: 'PODS', align: CellAlign.RIGHT },
  { header: 'CPU', align: CellAlign.RIGHT },
  { header: 'MEMORY', align: CellAlign.RIGHT },
  { header: 'ACTIVE', align: CellAlign.RIGHT },
  { header: 'WITHDRAWN', align: CellAlign.RIGHT },
  { header: 'PLACEHOLDERS', align: CellAlign.RIGHT },
];

/** The legend of LOAD_COLUMNS' counts of services. */
export const ROLE_LEGEND = 'ACTIVE: services running and exported there; WITHDRAWN: running, not exported; PLACEHOLDERS: services whose name only is there';

/** A service's role in one cluster, or undefined where it is not placed. */
export function roleOf(service: ServiceSummary, cluster: string): 'active' | 'withdrawn' | 'placeholder' | undefined {
  if (service.active.includes(cluster)) return (service.withdrawn ?? []).includes(cluster) ? 'withdrawn' : 'active';
  return service.placeholders.some((p) => p.cluster === cluster) ? 'placeholder' : undefined;
}

/** The cells of LOAD_COLUMNS for `cluster`: usage against allocatable (`-` where not computed), then services by role. */
export function loadCells(cluster: string, services: readonly ServiceSummary[], used: ClusterUsage | undefined): string[] {
  const limit = used?.allocatable;
  const count = (role: ReturnType<typeof roleOf>) => String(services.filter((s) => roleOf(s, cluster) === role).length);
  return [
    used ? usageCell(String(used.pods), limit?.pods === undefined ? undefined : String(limit.pods)) : '-',
    used ? usageCell(used.cpu, limit?.cpu) : '-',
    used ? usageCell(used.memory, limit?.memory) : '-',
    count('active'),
    count('withdrawn'),
    count('placeholder'),
  ];
}
