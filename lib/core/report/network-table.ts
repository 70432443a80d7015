// The fleet's network plan as text (issue 12 §6): each cluster's ranges, which pairs overlap and need
// Globalnet, the static addresses of the exported Services, and what the plan's NetworkPolicies admit.
import type { ClusterProps } from '../api/cluster';
import { ClusterSetValidationError } from '../errors';
import type { FleetPlan, ServiceSummary } from '../model';
import { admitted, admitting, plannedPolicies, type PlannedPolicy } from './network-policies';
import { type ClusterRange, clusterRanges, overlapsBetween, RangeKind } from './network-ranges';
import { CellAlign, layoutTable } from './text-table';
import { wrapWords } from './wrap';

/** How to render a network table. */
export interface NetworkTableOptions {
  /** The table's first line, such as the fleet's construct path. @default 'clusterset network' */
  readonly title?: string;
  /** The page width in characters: wider tables are split into blocks of columns, long lines wrapped. A whole number, 40 or more. @default 100 */
  readonly width?: number;
}

const DEFAULT_TITLE = 'clusterset network';
const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const left = (header: string) => ({ header, align: CellAlign.LEFT });

/** Renders the network side of a plan as plain text: ranges, pairs, addresses and admissions. */
export class NetworkTable {
  /**
   * The network table of `plan` over `clusters` (the fleet's clusters as declared): one row per cluster with
   * its service, pod and Globalnet ranges; one row per pair of clusters with the ranges that overlap, the
   * services they share (one runs it, the other runs or calls it), and whether the pair needs Globalnet and
   * has it; the pinned or allocated address of each exported Service per cluster; and, when the plan holds
   * NetworkPolicies, which of them admit each cluster's pods in the other and what each admits. The same
   * plan gives the same text.
   */
  public static text(plan: FleetPlan, clusters: ClusterProps[], options?: NetworkTableOptions): string {
    const width = options?.width ?? DEFAULT_WIDTH;
    if (!Number.isInteger(width) || width < MIN_WIDTH) {
      throw new ClusterSetValidationError([
        `NetworkTable.text: options.width must be a whole number of at least ${MIN_WIDTH} characters, got ${JSON.stringify(width)}; give a wider page, or leave it out for ${DEFAULT_WIDTH}`,
      ]);
    }
    const ranges = clusterRanges(clusters);
    const policies = plannedPolicies(plan);
    const sections = [
      [options?.title ?? DEFAULT_TITLE],
      rangeSection(clusters, ranges, width),
      pairSection(plan, clusters, ranges, policies, width),
      addressSection(plan, clusters, width),
      ...(policies.length > 0 ? [policySection(policies, ranges, width)] : []),
    ];
    return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
  }

  private constructor() {}
}

function rangeSection(clusters: readonly ClusterProps[], ranges: readonly ClusterRange[], width: number): string[] {
  const of = (cluster: string, kind: RangeKind) => ranges.find((r) => r.cluster === cluster && r.kind === kind)?.text ?? '-';
  const rows = clusters.map((c) => [c.name, of(c.name, RangeKind.SERVICE), of(c.name, RangeKind.POD), of(c.name, RangeKind.GLOBALNET)]);
  return ['Ranges', ...layoutTable({ columns: ['CLUSTER', 'SERVICE CIDR', 'POD CIDR', 'GLOBALNET CIDR'].map(left), rows, keep: 1 }, width)];
}

/** Services whose traffic flows between the two clusters: one runs it, the other runs it or holds its name. */
function shared(plan: FleetPlan, a: string, b: string): ServiceSummary[] {
  const runs = (s: ServiceSummary, c: string) => s.active.includes(c);
  const holds = (s: ServiceSummary, c: string) => runs(s, c) || s.placeholders.some((p) => p.cluster === c);
  return plan.services.filter((s) => (runs(s, a) && holds(s, b)) || (runs(s, b) && holds(s, a)));
}

function pairSection(plan: FleetPlan, clusters: readonly ClusterProps[], ranges: readonly ClusterRange[], policies: readonly PlannedPolicy[], width: number): string[] {
  const names = clusters.map((c) => c.name);
  const globalnetOn = (c: string) => ranges.some((r) => r.cluster === c && r.kind === RangeKind.GLOBALNET);
  const rows = names.flatMap((a, i) =>
    names.slice(i + 1).map((b) => {
      const overlaps = overlapsBetween(ranges, a, b);
      const services = shared(plan, a, b);
      const both = globalnetOn(a) && globalnetOn(b);
      const needed = overlaps.length > 0 && services.length > 0;
      const globalnet = needed ? (both ? 'needed, on' : 'needed, MISSING') : both ? 'on' : '-';
      const row = [a, b, overlaps.length > 0 ? overlaps.join(',') : '-', String(services.length), globalnet];
      if (policies.length === 0) return row;
      const cell = (from: string, to: string) => admitting(policies, ranges, from, to, both).join(',') || '-';
      return [...row, cell(a, b), cell(b, a)];
    }),
  );
  const headers = ['A', 'B', 'OVERLAP', 'SHARED', 'GLOBALNET', ...(policies.length > 0 ? ['A->B ADMITTED BY', 'B->A ADMITTED BY'] : [])];
  const columns = headers.map((h) => (h === 'SHARED' ? { header: h, align: CellAlign.RIGHT } : left(h)));
  const legend =
    'OVERLAP: which of A\'s ranges overlap which of B\'s (A/B); SHARED: services one of them runs and the other runs or calls; ' +
    'GLOBALNET: needed where an overlapping pair shares a service, on where both declare a globalnetCidr' +
    (policies.length > 0 ? "; ADMITTED BY: the destination's NetworkPolicies that admit the source's pods (their Globalnet range where Globalnet is on)" : '');
  return ['Cluster pairs', ...(rows.length > 0 ? layoutTable({ columns, rows, keep: 2 }, width) : ['(one cluster: no pairs)']), ...wrapWords(legend, width)];
}

function addressSection(plan: FleetPlan, clusters: readonly ClusterProps[], width: number): string[] {
  const order = clusters.map((c) => c.name);
  const rows = plan.services.flatMap((s) =>
    Object.entries(s.addresses)
      .filter(([, a]) => a.clusterIP !== undefined || a.globalnetIP !== undefined)
      .sort(([x], [y]) => order.indexOf(x) - order.indexOf(y))
      .map(([cluster, a]) => [`${s.namespace}/${s.name}`, cluster, a.clusterIP ?? '-', a.globalnetIP ?? '-']),
  );
  return [
    'Static addresses (pinned or allocated from the static band)',
    ...(rows.length > 0 ? layoutTable({ columns: ['SERVICE', 'CLUSTER', 'CLUSTER IP', 'GLOBALNET IP'].map(left), rows, keep: 2 }, width) : ['(none: addresses are read from the clusters)']),
  ];
}

function policySection(policies: readonly PlannedPolicy[], ranges: readonly ClusterRange[], width: number): string[] {
  return ['NetworkPolicies', ...policies.flatMap((p) => wrapWords(`${p.cluster} ${p.name}: pods ${p.pods} admit ${admitted(p, ranges)}`, width - 2, '    ').map((l) => `  ${l}`))];
}
