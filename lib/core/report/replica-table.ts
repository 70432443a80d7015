// The report's tables of replicas per service and cluster: in this plan against the plan with every cluster
// ready (what moved, what was degraded), and at each earlier migration phase.
import type { FleetPlan, PhasePlan, ServiceSummary } from '../model';
import { CellAlign, type TextColumn, layoutTable } from './text-table';
import { wrapWords } from './wrap';

/** What one service row shows: replicas per cluster before and now, and the cells to mark. */
interface ReplicaRow {
  readonly service: string;
  /** Replicas per active cluster as planned with every cluster ready (the same as `now` when nothing changed). */
  readonly planned: Record<string, number>;
  readonly now: Record<string, number>;
  readonly placeholders: ReadonlySet<string>;
  readonly withdrawn: ReadonlySet<string>;
  readonly moved: ReadonlySet<string>;
  readonly degraded: ReadonlySet<string>;
}

const serviceName = (s: { readonly namespace: string; readonly name: string }) => `${s.namespace}/${s.name}`;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
/** `n`, or `before->n` when they differ. */
const change = (before: number, now: number) => (before === now ? `${now}` : `${before}->${now}`);

function columnsOf(clusters: string[]): TextColumn[] {
  return [
    { header: 'SERVICE', align: CellAlign.LEFT },
    ...clusters.map((header) => ({ header, align: CellAlign.RIGHT })),
    { header: 'TOTAL', align: CellAlign.RIGHT },
  ];
}

/** One cell: replicas (planned->now when they differ), `ph` for a placeholder, `.` where the service is not; then its marks. */
function cell(row: ReplicaRow, cluster: string): string {
  const planned = row.planned[cluster];
  const now = row.now[cluster];
  const placeholder = row.placeholders.has(cluster);
  let text: string;
  if (planned === undefined && now === undefined) text = placeholder ? 'ph' : '.';
  else if (now === undefined) text = `${planned}->${placeholder ? 'ph' : 0}`;
  else text = change(planned ?? 0, now);
  const marks = [row.moved.has(cluster) ? 'm' : '', row.degraded.has(cluster) ? 'd' : '', row.withdrawn.has(cluster) ? 'w' : ''].join('');
  return marks.length > 0 ? `${text} ${marks}` : text;
}

function rowOf(summary: ServiceSummary, plan: FleetPlan): ReplicaRow {
  const ops = plan.operations?.services.find((o) => o.path === summary.path);
  return {
    service: serviceName(summary),
    planned: ops?.planned ?? summary.replicas,
    now: summary.replicas,
    placeholders: new Set(summary.placeholders.map((p) => p.cluster)),
    withdrawn: new Set(summary.withdrawn ?? []),
    moved: new Set((ops?.moves ?? []).flatMap((m) => [m.from, m.to])),
    degraded: new Set(Object.entries(ops?.degraded ?? {}).flatMap(([cluster, taken]) => (taken > 0 ? [cluster] : []))),
  };
}

/** The table of `rows`, with a last row of sums per cluster (named `footer`) when there are several. */
function tableLines(rows: ReplicaRow[], clusters: string[], footer: string, width: number): string[] {
  const total = (r: Record<string, number>) => sum(clusters.map((c) => r[c] ?? 0));
  const cells = rows.map((row) => [row.service, ...clusters.map((c) => cell(row, c)), change(total(row.planned), total(row.now))]);
  const all = [
    footer,
    ...clusters.map((c) => change(sum(rows.map((r) => r.planned[c] ?? 0)), sum(rows.map((r) => r.now[c] ?? 0)))),
    change(sum(rows.map((r) => total(r.planned))), sum(rows.map((r) => total(r.now)))),
  ];
  return layoutTable({ columns: columnsOf(clusters), rows: rows.length > 1 ? [...cells, all] : cells, keep: 1 }, width);
}

/** The replicas of every service in this plan, against the plan with every cluster ready. */
export function replicaSection(plan: FleetPlan, title: string, width: number): string[] {
  const clusters = plan.clusters.map((c) => c.cluster);
  if (plan.services.length === 0) return [title, 'no services'];
  return [
    title,
    ...tableLines(
      plan.services.map((s) => rowOf(s, plan)),
      clusters,
      '(all services)',
      width,
    ),
    ...wrapWords(
      'cells: replicas as planned with every cluster ready -> in this plan (one number when the same); ' +
        'm moved, d degraded, w running without export, ph placeholder, . not placed',
      width,
    ),
  ];
}

/** The replicas, at one earlier phase, of the services the plan's migrations move. */
export function phaseSection(phase: PhasePlan, plan: FleetPlan, title: string, width: number): string[] {
  const moving = new Set((plan.operations?.migrations ?? []).flatMap((m) => m.services));
  const services = phase.services.filter((s) => moving.size === 0 || moving.has(serviceName(s)));
  const rows = services.map((s) => ({
    service: serviceName(s),
    planned: s.replicas,
    now: s.replicas,
    placeholders: new Set(s.placeholders.map((p) => p.cluster)),
    withdrawn: new Set(s.withdrawn ?? []),
    moved: new Set<string>(),
    degraded: new Set<string>(),
  }));
  return [title, ...(rows.length > 0 ? tableLines(rows, phase.clusters.map((c) => c.cluster), '(these services)', width) : ['no services'])];
}
