// The plan report (issue 11 §5): what people read of a plan, per cluster and per phase. Golden reports of
// three fleets, then the rules a snapshot cannot say: every number comes from the plan, columns stay aligned,
// wide fleets fit the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterStatus, type FleetPlan, MigrationPhase, MoveReason, PlanReport, ReplicaScheduling } from '../../../lib';
import { cluster, divided, planOf, shopService } from '../../support/operations-fleet';
import { problemsOf } from '../../support/fleet';

const service = shopService({ cpu: '500m', memory: '512Mi' });

/** The lines of the section (after the header) whose first line is or starts with `title`, up to the next empty line. */
function section(report: string, title: string): string[] {
  const lines = report.split('\n');
  const header = lines.indexOf('');
  const start = lines.findIndex((l, i) => i > header && (l === title || l.startsWith(`${title} `) || l.startsWith(`${title}:`)));
  if (start < 0) throw new Error(`no section "${title}" in:\n${report}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The cells of the row of a table (in `lines`) whose first cell is `name`. */
function row(lines: string[], name: string): string[] {
  const found = lines.find((l) => l.startsWith(`${name} `));
  if (!found) throw new Error(`no row "${name}" in:\n${lines.join('\n')}`);
  return found.slice(name.length).trim().split(/ {2,}/);
}

/** A plain fleet: every cluster ready, allocatable declared on two of them, a divided and a duplicated service. */
const plainFleet = () =>
  planOf([cluster('prodc', 1, { allocatable: { pods: 20, cpu: '8', memory: '16Gi' } }), cluster('localproda', 2, { allocatable: { pods: 4 } }), cluster('edge', 3)], {
    orders: service(['prodc', 'localproda'], ['edge'], divided(6)),
    reports: service(['prodc'], ['localproda', 'edge'], { replicas: 2, resources: { requests: { cpu: '250m', memory: '1Gi' } } }),
  });

/** a down, c cordoned, d short of CPU: orders fails over, reports fails over and is degraded in d. */
const operatedFleet = () =>
  planOf([cluster('a', 1, { status: ClusterStatus.UNAVAILABLE }), cluster('b', 2, { allocatable: { pods: 40, cpu: '16', memory: '64Gi' } }), cluster('c', 3, { status: ClusterStatus.CORDONED }), cluster('d', 4, { allocatable: { cpu: '3' } })], {
    orders: service(['a', 'b', 'c'], ['d'], { ...divided(6), degrade: { priority: 100, floorPercent: 100 } }),
    reports: service(['a', 'd'], [], { ...divided(8), degrade: { priority: 10, floorPercent: 50 } }),
  });

/** Every service of a moves to b, planned at DRAIN; c keeps a placeholder of orders and runs reports too. */
const drainFleet = () =>
  planOf(
    [cluster('a', 1), cluster('b', 2, { allocatable: { pods: 10 } }), cluster('c', 3)],
    { orders: service(['a'], ['c'], { replicas: 3 }), reports: service(['a', 'c'], ['b'], { replicas: 2 }) },
    [{ from: 'a', to: 'b', phase: MigrationPhase.DRAIN }],
  );

describe('golden reports', () => {
  test('a plain fleet still shows usage against allocatable and replicas per cluster', () => {
    const report = PlanReport.text(plainFleet(), { title: 'fleet' });
    expect(report).toMatchSnapshot();
    // orders: 3 + 3 pods of 500m / 512Mi, reports: 2 of 250m / 1Gi, in prodc.
    expect(row(section(report, 'Clusters'), 'prodc')).toEqual(['READY', '5/20 25%', '2/8 25%', '3584Mi/16Gi 21%', '2', '0', '0']);
    expect(row(section(report, 'Clusters'), 'localproda')).toEqual(['READY', '3/4 75%', '1500m', '1536Mi', '1', '0', '1']);
    expect(row(section(report, 'Replicas per cluster'), 'shop/orders')).toEqual(['3', '3', 'ph', '6']);
    expect(report).toContain('Moves: none');
    expect(report).toContain('Degraded: none');
    expect(report).toContain('Migrations: none');
  });

  test('a fleet with a cluster down, one cordoned and a degraded service shows each move and what degradation took', () => {
    const report = PlanReport.text(operatedFleet(), { title: 'fleet' });
    expect(report).toMatchSnapshot();
    expect(report).toContain('Clusters: 4 (READY: b, d; CORDONED: c; UNAVAILABLE: a)');
    expect(row(section(report, 'Replicas per cluster'), 'shop/reports')).toEqual(['4->ph m', '.', '.', '4->6 md', '8->6']);
    expect(row(section(report, 'Moves'), 'shop/reports')).toEqual(['a', 'd', '4', MoveReason.FAILOVER]);
    expect(row(section(report, 'Degraded'), 'shop/reports')).toEqual(['d', '8', '6', '2']);
    expect(row(section(report, 'Clusters'), 'd')).toEqual(['READY', '6', '3/3 100%', '3Gi', '1', '0', '1']);
    // docs/operations.md ("See it") shows the last sections of this report.
    const doc = readFileSync(join(__dirname, '../../../docs/operations.md'), 'utf8');
    const excerpt = /the last sections read:\n\n```\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(excerpt && report.endsWith(excerpt)).toBe(true);
  });

  test('a migration at DRAIN shows its phase among the three and the replicas at both earlier phases', () => {
    const report = PlanReport.text(drainFleet(), { title: 'fleet' });
    expect(report).toMatchSnapshot();
    expect(report).toContain('Migration fleet/migration0: a -> b at DRAIN, phase 3 of 3 (BOTH_ACTIVE > SWITCH > [DRAIN])');
    const both = section(report, 'Earlier phase 1 of 3, BOTH_ACTIVE');
    const sw = section(report, 'Earlier phase 2 of 3, SWITCH');
    expect(row(both, 'shop/orders')).toEqual(['3', '3', 'ph', '6']);
    expect(row(sw, 'shop/orders')).toEqual(['3 w', '3', 'ph', '6']);
    expect(row(section(report, 'Replicas per cluster at DRAIN'), 'shop/orders')).toEqual(['3->ph m', '0->3 m', 'ph', '3']);
    expect(report.indexOf('Earlier phase 1')).toBeLessThan(report.indexOf('Earlier phase 2'));
  });

  test('leaves the earlier phases out when asked', () => {
    expect(PlanReport.text(drainFleet(), { earlierPhases: false })).not.toContain('Earlier phase');
  });
});

/** A plan made by hand: a (cordoned) and b, one divided service that moved 1 replica from a to b and gave up 1 in b. */
function handPlan(): FleetPlan {
  return {
    clusters: [
      { cluster: 'a', objects: [] },
      { cluster: 'b', objects: [] },
    ],
    services: [
      {
        path: 'fleet/web',
        name: 'web',
        namespace: 'shop',
        clustersetHost: 'web.shop.svc.clusterset.local',
        active: ['a', 'b'],
        placeholders: [],
        replicas: { a: 2, b: 3 },
        scheduling: ReplicaScheduling.DIVIDED,
        addresses: {},
      },
    ],
    usage: [
      { cluster: 'a', pods: 2, cpu: '1', memory: '1Gi' },
      { cluster: 'b', pods: 3, cpu: '1500m', memory: '1536Mi', allocatable: { pods: 4, cpu: '2', memory: '2Gi' } },
    ],
    operations: {
      clusters: [
        { cluster: 'a', status: ClusterStatus.CORDONED },
        { cluster: 'b', status: ClusterStatus.READY },
      ],
      migrations: [],
      services: [
        {
          path: 'fleet/web',
          name: 'web',
          namespace: 'shop',
          planned: { a: 3, b: 2 },
          beforeDegrade: { a: 2, b: 4 },
          replicas: { a: 2, b: 3 },
          degraded: { b: 1 },
          moves: [{ from: 'a', to: 'b', replicas: 1, reason: MoveReason.FAILOVER }],
        },
      ],
    },
  };
}

describe('every number comes from the plan', () => {
  const base = PlanReport.text(handPlan());

  test('renders the hand-made plan as it is', () => {
    expect(row(section(base, 'Clusters'), 'b')).toEqual(['READY', '3/4 75%', '1500m/2 75%', '1536Mi/2Gi 75%', '1', '0', '0']);
    expect(row(section(base, 'Replicas per cluster'), 'shop/web')).toEqual(['3->2 m', '2->3 md', '5']);
    expect(row(section(base, 'Moves'), 'shop/web')).toEqual(['a', 'b', '1', 'failover']);
    expect(row(section(base, 'Degraded'), 'shop/web')).toEqual(['b', '4', '3', '1']);
    expect(base).toContain('Services: 1, 5 replicas as planned with every cluster ready, 5 in this plan');
  });

  test('a replica count changed in the plan changes its cell, the totals and nothing else', () => {
    const plan = handPlan();
    const changed: FleetPlan = { ...plan, services: [{ ...plan.services[0], replicas: { a: 2, b: 7 } }] };
    const report = PlanReport.text(changed);
    expect(row(section(report, 'Replicas per cluster'), 'shop/web')).toEqual(['3->2 m', '2->7 md', '5->9']);
    expect(report).toContain('5 replicas as planned with every cluster ready, 9 in this plan');
    const differing = report.split('\n').filter((line, i) => line !== base.split('\n')[i]);
    expect(differing).toHaveLength(2);
  });

  test('usage, allocatable, moves, degradation and status changed in the plan change the text', () => {
    const plan = handPlan();
    const ops = plan.operations as NonNullable<FleetPlan['operations']>;
    const variants: Array<[FleetPlan, string, string[]]> = [
      [{ ...plan, usage: [plan.usage?.[0], { ...plan.usage?.[1], pods: 1 }] as FleetPlan['usage'] }, 'Clusters', ['b', 'READY', '1/4 25%']],
      [{ ...plan, usage: [plan.usage?.[0], { ...plan.usage?.[1], allocatable: { cpu: '3' } }] as FleetPlan['usage'] }, 'Clusters', ['b', 'READY', '3', '1500m/3 50%', '1536Mi']],
      [{ ...plan, operations: { ...ops, services: [{ ...ops.services[0], moves: [{ from: 'a', to: 'b', replicas: 5, reason: MoveReason.PROMOTION }] }] } }, 'Moves', ['shop/web', 'a', 'b', '5', 'promotion']],
      [{ ...plan, operations: { ...ops, services: [{ ...ops.services[0], degraded: { b: 6 } }] } }, 'Degraded', ['shop/web', 'b', '4', '3', '6']],
      [{ ...plan, operations: { ...ops, clusters: [ops.clusters[0], { cluster: 'b', status: ClusterStatus.UNAVAILABLE }] } }, 'Clusters', ['b', 'UNAVAILABLE']],
    ];
    for (const [variant, title, cells] of variants) {
      const lines = section(PlanReport.text(variant), title);
      expect(row(lines, cells[0]).slice(0, cells.length - 1)).toEqual(cells.slice(1));
    }
  });

  test('the same plan gives the same text, whatever order the services were declared in', () => {
    const services = { orders: service(['a', 'b', 'c'], ['d'], divided(6)), reports: service(['a', 'd'], [], divided(8)) };
    const clusters = [cluster('a', 1, { status: ClusterStatus.UNAVAILABLE }), cluster('b', 2), cluster('c', 3), cluster('d', 4)];
    const reversed = Object.fromEntries(Object.entries(services).reverse());
    expect(PlanReport.text(planOf(clusters, reversed))).toBe(PlanReport.text(planOf(clusters, services)));
  });
});

describe('layout', () => {
  const longNamespace = 'payments-settlement-and-reconciliation';
  const longName = 'ledger-export-nightly-batch-aggregator';
  const long = { ...service(['prod-eu-central-1', 'b'], ['c'], divided(5)), namespace: longNamespace };

  /** The cells of a table line (separated by two spaces or more), each with where it starts and ends. */
  const cellsOf = (line: string) => [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

  test('columns stay aligned with long service and cluster names', () => {
    const plan = planOf([cluster('prod-eu-central-1', 1, { status: ClusterStatus.UNAVAILABLE }), cluster('b', 2, { allocatable: { pods: 100, memory: '512Gi' } }), cluster('c', 3)], {
      [longName]: long,
      x: service(['b'], ['c']),
    });
    const report = PlanReport.text(plan);
    // Names (and statuses, clusters, reasons) keep to the left of their column, counts to the right.
    const leftColumns: Record<string, number[]> = { Clusters: [0, 1], 'Replicas per cluster': [0], Moves: [0, 1, 2, 4] };
    for (const [title, left] of Object.entries(leftColumns)) {
      const legend = /^( |PODS, CPU|cells:)/;
      const table = section(report, title)
        .slice(1)
        .filter((l) => !legend.test(l));
      const [header, ...lines] = table.map(cellsOf);
      expect(lines.length).toBeGreaterThan(0);
      for (const cells of lines) {
        expect(cells).toHaveLength(header.length);
        cells.forEach((c, i) => expect(left.includes(i) ? c.start : c.end).toBe(left.includes(i) ? header[i].start : header[i].end));
      }
    }
    // At 100 columns the 77-character name leaves room for one cluster per block; on a wider page the row is whole.
    expect(row(section(report, 'Replicas per cluster'), `${longNamespace}/${longName}`)).toEqual(['3->ph m']);
    expect(row(section(PlanReport.text(plan, { width: 160 }), 'Replicas per cluster'), `${longNamespace}/${longName}`)).toEqual(['3->ph m', '2->5 m', 'ph', '5']);
  });

  test('a fleet wider than the page is split into blocks of clusters that each fit and repeat the service names', () => {
    const names = [...Array(12).keys()].map((i) => `cluster-number-${i}`);
    const plan = planOf(
      names.map((n, i) => cluster(n, i + 1)),
      { [longName]: { ...service(names, [], divided(24)), namespace: longNamespace } },
    );
    const report = PlanReport.text(plan);
    for (const line of report.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    const replicas = section(report, 'Replicas per cluster');
    const blocks = report
      .split('\n')
      .slice(report.split('\n').indexOf(replicas[0]))
      .filter((l) => l.startsWith('SERVICE '));
    expect(blocks.length).toBeGreaterThan(1);
    // Every cluster heads exactly one column, and every block names the service again.
    const headers = blocks.flatMap((b) => b.split(/ +/).slice(1));
    expect(headers.filter((h) => h !== 'TOTAL')).toEqual(names);
    expect(report.split('\n').filter((l) => l.startsWith(`${longNamespace}/${longName} `))).toHaveLength(blocks.length);
    expect(PlanReport.text(plan, { width: 200 }).split('\n').filter((l) => l.startsWith('SERVICE ') && l.includes('cluster-number-0'))).toHaveLength(1);
  });

  test('refuses a page narrower than 40 characters, naming the value and the fix', () => {
    expect(problemsOf(() => PlanReport.text(handPlan(), { width: 12 }))).toEqual([
      'PlanReport.text: options.width must be a whole number of at least 40 characters, got 12; give a wider page, or leave it out for 100',
    ]);
  });
});
