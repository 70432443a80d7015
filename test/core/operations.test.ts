// Operations as plan inputs (issue 11 §2, §3): cluster status, promotion, degradation and migration phases,
// each rule on a fleet small enough to read.
import {
  type ClusterProps,
  ClusterStatus,
  type FleetPlan,
  LabelSelectorOperator,
  type MigrationProps,
  MigrationPhase,
  type MultiClusterServiceOptions,
  MoveReason,
  WorkloadKind,
} from '../../lib';
import { cluster, divided, planOf, shopService } from '../support/operations-fleet';
import { find, problemsOf } from '../support/fleet';

/** Clusters a, b, c, d with the given statuses and allocatables. */
function fleet(extra: Record<string, Partial<ClusterProps>> = {}): ClusterProps[] {
  return ['a', 'b', 'c', 'd'].map((name, i) => cluster(name, i + 1, extra[name]));
}

const service = shopService({ cpu: '1', memory: '1Gi' });

const objects = (p: FleetPlan, c: string) => p.clusters.find((x) => x.cluster === c)?.objects.map((o) => o.manifest) ?? [];
const summary = (p: FleetPlan, name = 'app') => p.services.find((s) => s.name === name);
const sliceAddresses = (p: FleetPlan, c: string) =>
  objects(p, c)
    .filter((o) => o.kind === 'EndpointSlice')
    .flatMap((o) => ((o as { endpoints?: Array<{ addresses: string[] }> }).endpoints ?? []).flatMap((e) => e.addresses));
/** The object of that kind and name, or undefined. */
const maybe = (list: readonly { kind: string; metadata: { name: string } }[], kind: string, name: string) => list.find((o) => o.kind === kind && o.metadata.name === name);

describe('a cluster goes down', () => {
  it('gives a divided service’s share to its ready active clusters, with the same division', () => {
    const p = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE } }), { app: service(['a', 'b', 'c'], ['d'], divided(6)) });
    expect(summary(p)?.replicas).toEqual({ b: 3, c: 3 });
    expect(summary(p)?.placeholders.map((x) => x.cluster)).toEqual(['a', 'd']);
    const ops = p.operations?.services.find((s) => s.name === 'app');
    expect(ops?.planned).toEqual({ a: 2, b: 2, c: 2 });
    expect(ops?.moves).toEqual([
      { from: 'a', to: 'b', replicas: 1, reason: MoveReason.FAILOVER },
      { from: 'a', to: 'c', replicas: 1, reason: MoveReason.FAILOVER },
    ]);
    expect(p.operations?.clusters.map((c) => c.status)).toEqual([ClusterStatus.UNAVAILABLE, ClusterStatus.READY, ClusterStatus.READY, ClusterStatus.READY]);
  });

  it('keeps a cordoned cluster at exactly its share and gives it nothing that moved', () => {
    const p = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE }, b: { status: ClusterStatus.CORDONED } }), { app: service(['a', 'b', 'c'], [], divided(6)) });
    expect(summary(p)?.replicas).toEqual({ b: 2, c: 4 });
  });

  it('keeps a duplicated service running in its other active clusters, as planned', () => {
    const p = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE } }), { app: service(['a', 'b'], ['c'], { replicas: 3 }) });
    expect(summary(p)?.replicas).toEqual({ b: 3 });
    expect(p.operations?.services[0].moves).toEqual([]);
  });

  it('turns its own output into placeholders: nothing runs or exports there, and nothing of it is deleted', () => {
    const p = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE } }), { app: service(['a', 'b'], [], { replicas: 3 }) });
    const inA = objects(p, 'a');
    expect(find(inA, 'Deployment', 'app').spec.replicas).toBe(0);
    expect(find(inA, 'Service', 'app').metadata.labels['clusterset.dev/role']).toBe('placeholder');
    expect(inA.filter((o) => o.kind === 'ServiceExport')).toEqual([]);
    // Its clients (when it returns) reach the running cluster.
    expect(inA.filter((o) => o.kind === 'EndpointSlice')).toEqual([]);
    expect(find(inA, 'Service', 'app').spec.type).toBe('ExternalName');
  });

  it('re-points every placeholder elsewhere at the clusters still running', () => {
    const ready = planOf(fleet(), { app: service(['a', 'b'], ['c'], divided(4)) });
    const down = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE } }), { app: service(['a', 'b'], ['c'], divided(4)) });
    const addressOf = (p: FleetPlan, c: string) => find(objects(p, c), 'Service', 'app').spec.clusterIP;
    expect(sliceAddresses(ready, 'c').sort()).toEqual([addressOf(ready, 'a'), addressOf(ready, 'b')].sort());
    expect(sliceAddresses(down, 'c')).toEqual([addressOf(down, 'b')]);
  });

  it('promotes the first ready placeholder cluster with room when no ready active cluster is left', () => {
    const clusters = fleet({ a: { status: ClusterStatus.UNAVAILABLE }, b: { status: ClusterStatus.CORDONED }, c: { allocatable: { pods: 2 } } });
    // b is cordoned (receives nothing), c has room for 2 pods only, d takes the 3.
    const p = planOf(clusters, { app: service(['a'], ['b', 'c', 'd'], { replicas: 3 }) });
    expect(summary(p)?.active).toEqual(['d']);
    expect(summary(p)?.replicas).toEqual({ d: 3 });
    expect(p.operations?.services[0].moves).toEqual([{ from: 'a', to: 'd', replicas: 3, reason: MoveReason.PROMOTION }]);
    expect(sliceAddresses(p, 'c')).toEqual([find(objects(p, 'd'), 'Service', 'app').spec.clusterIP]);
    expect(maybe(objects(p, 'd'), 'ServiceExport', 'app')).toBeDefined();
  });

  it('refuses, naming the service, when no ready placeholder cluster has room', () => {
    const clusters = fleet({ a: { status: ClusterStatus.UNAVAILABLE }, c: { allocatable: { pods: 2 } } });
    expect(problemsOf(() => planOf(clusters, { app: service(['a'], ['c'], { replicas: 3 }) }))).toEqual([
      'fleet/app: has no ready active cluster left ("a" UNAVAILABLE) for its 3 replica(s), and no ready placeholder cluster has room for them ' +
        '("c" would be 1 pods over its allocatable); raise an allocatable, lower requests, or set a cluster back to READY',
    ]);
  });

  it('keeps a StatefulSet active at 0 replicas without export where its cluster is down (its headless Service cannot turn into a placeholder in place)', () => {
    const p = planOf(fleet({ a: { status: ClusterStatus.UNAVAILABLE } }), { app: service(['a', 'b'], [], { replicas: 2, workload: WorkloadKind.STATEFUL_SET }) });
    expect(find(objects(p, 'a'), 'StatefulSet', 'app').spec.replicas).toBe(0);
    expect(find(objects(p, 'a'), 'Service', 'app').spec.clusterIP).toBe('None');
    expect(maybe(objects(p, 'a'), 'ServiceExport', 'app')).toBeUndefined();
    expect(summary(p)?.withdrawn).toEqual(['a']);
  });

  it('leaves the plan, and its summary, as they were when every cluster is ready', () => {
    const p = planOf(fleet(), { app: service(['a', 'b'], ['c'], divided(4)) });
    expect(p.operations).toBeUndefined();
    expect(summary(p)?.withdrawn).toBeUndefined();
  });
});

describe('degradation', () => {
  const clusters = fleet({ a: { status: ClusterStatus.UNAVAILABLE }, b: { allocatable: { cpu: '10' } } });
  const core = (extra: Partial<MultiClusterServiceOptions> = {}) => service(['a', 'b'], [], { ...divided(8), degrade: { priority: 100, floorPercent: 100 }, ...extra });
  const reports = (floorPercent: number) => service(['a', 'b'], [], { ...divided(8), degrade: { priority: 10, floorPercent } });

  it('reduces lower priorities first, down to their floor, and reports replicas before and after', () => {
    // With a down, b would hold 8 + 8 CPU of 10: reports (priority 10) gives up 6, down to 2, above its floor of 25% of 8.
    const p = planOf(clusters, { core: core(), reports: reports(25) });
    expect(summary(p, 'core')?.replicas).toEqual({ b: 8 });
    expect(summary(p, 'reports')?.replicas).toEqual({ b: 2 });
    const ops = p.operations?.services.find((s) => s.name === 'reports');
    expect(ops?.beforeDegrade).toEqual({ b: 8 });
    expect(ops?.degraded).toEqual({ b: 6 });
    expect(p.usage?.find((u) => u.cluster === 'b')?.cpu).toBe('10');
  });

  it('stops at the floor, and the plan is refused with the shortfall when that is not enough', () => {
    const problems = problemsOf(() => planOf(clusters, { core: core(), reports: reports(50) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^fleet\/(core|reports): cluster "b" would hold 12 CPU of the fleet's services, more than its allocatable.cpu 10 CPU \(2 CPU over\)/);
  });

  it('never reduces a service without a degrade policy', () => {
    const problems = problemsOf(() => planOf(clusters, { core: core(), other: service(['a', 'b'], [], divided(8)) }));
    expect(problems.join('\n')).toMatch(/would hold 16 CPU .* \(6 CPU over\)/);
  });
});

describe('a migration', () => {
  const clusters = fleet({ b: { allocatable: { pods: 10 } } });
  const app = () => service(['a'], ['c'], { replicas: 3 });
  const at = (phase: MigrationPhase, services: Record<string, MultiClusterServiceOptions> = { app: app() }) => planOf(clusters, services, [{ from: 'a', to: 'b', phase }]);
  const exportsIn = (p: FleetPlan) => ['a', 'b', 'c', 'd'].filter((c) => maybe(objects(p, c), 'ServiceExport', 'app'));
  const addressOf = (p: FleetPlan, c: string) => find(objects(p, c), 'Service', 'app').spec.clusterIP;

  it('runs the target beside the source in BOTH_ACTIVE: both export, placeholders reach both', () => {
    const p = at(MigrationPhase.BOTH_ACTIVE);
    expect(summary(p)?.replicas).toEqual({ a: 3, b: 3 });
    expect(exportsIn(p)).toEqual(['a', 'b']);
    expect(sliceAddresses(p, 'c').sort()).toEqual([addressOf(p, 'a'), addressOf(p, 'b')].sort());
    expect(p.operations?.migrations).toEqual([{ path: 'fleet/migration0', from: 'a', to: 'b', phase: MigrationPhase.BOTH_ACTIVE, services: ['shop/app'] }]);
  });

  it('points everything at the target in SWITCH, while the source still runs without export', () => {
    const p = at(MigrationPhase.SWITCH);
    expect(summary(p)?.replicas).toEqual({ a: 3, b: 3 });
    expect(summary(p)?.withdrawn).toEqual(['a']);
    expect(exportsIn(p)).toEqual(['b']);
    expect(sliceAddresses(p, 'c')).toEqual([addressOf(p, 'b')]);
    expect(find(objects(p, 'a'), 'Service', 'app').spec.selector).toBeDefined();
  });

  it('turns the source into a placeholder pointing at the target in DRAIN', () => {
    const p = at(MigrationPhase.DRAIN);
    expect(summary(p)?.active).toEqual(['b']);
    expect(summary(p)?.placeholders.map((x) => x.cluster)).toEqual(['a', 'c']);
    expect(find(objects(p, 'a'), 'Deployment', 'app').spec.replicas).toBe(0);
    expect(exportsIn(p)).toEqual(['b']);
  });

  it('carries the fleet at each earlier phase, as those phases plan it, for engines that render the way there', () => {
    const drain = at(MigrationPhase.DRAIN);
    expect(drain.earlierPhases?.map((p) => p.phase)).toEqual([MigrationPhase.BOTH_ACTIVE, MigrationPhase.SWITCH]);
    expect(drain.earlierPhases?.map((p) => p.clusters)).toEqual([at(MigrationPhase.BOTH_ACTIVE).clusters, at(MigrationPhase.SWITCH).clusters]);
    expect(at(MigrationPhase.BOTH_ACTIVE).earlierPhases).toBeUndefined();
  });

  it('fails the first phase with the shortfall when the target has no room', () => {
    const problems = problemsOf(() => at(MigrationPhase.BOTH_ACTIVE, { app: app(), big: service(['a'], [], { replicas: 8 }) }));
    expect(problems.join('\n')).toMatch(/cluster "b" would hold 11 pods of the fleet's services, more than its allocatable.pods 10 pods \(1 pods over\)/);
  });

  it('moves core services first: lower priorities are degraded in the target', () => {
    const p = at(MigrationPhase.BOTH_ACTIVE, {
      app: service(['a'], ['c'], { replicas: 6, degrade: { priority: 100 } }),
      reports: service(['a'], [], { replicas: 6, degrade: { priority: 1, floorPercent: 50 } }),
    });
    expect(summary(p)?.replicas).toEqual({ a: 6, b: 6 });
    expect(summary(p, 'reports')?.replicas).toEqual({ a: 6, b: 4 });
  });

  it('moves the services a label selector picks, and refuses one that picks none or is malformed', () => {
    const services = { app: service(['a'], ['c'], { replicas: 3, labels: { tier: 'core' } }), other: service(['a'], ['c'], { replicas: 2, labels: { tier: 'batch' } }) };
    const p = planOf(clusters, services, [{ from: 'a', to: 'b', phase: MigrationPhase.DRAIN, serviceSelector: { matchLabels: { tier: 'core' } } }]);
    expect(summary(p)?.active).toEqual(['b']);
    expect(summary(p, 'other')?.active).toEqual(['a']);
    expect(p.operations?.migrations[0].services).toEqual(['shop/app']);
    expect(problemsOf(() => planOf(clusters, services, [{ from: 'a', to: 'b', phase: MigrationPhase.DRAIN, serviceSelector: { matchLabels: { tier: 'web' } } }]))).toEqual([
      'fleet/migration0: serviceSelector tier=web matches no service running in "a"; fix the selector or remove the migration',
    ]);
    const malformed = { matchExpressions: [{ key: 'tier', operator: LabelSelectorOperator.IN, values: [] }] };
    expect(problemsOf(() => planOf(clusters, services, [{ from: 'a', to: 'b', phase: MigrationPhase.DRAIN, serviceSelector: malformed }]))).toEqual([
      'fleet/migration0: serviceSelector.matchExpressions[0].values is empty, but operator In on "tier" needs at least one value',
    ]);
  });

  it('refuses what cannot move, naming the migration, the value and the fix', () => {
    const sts = service(['a'], [], { replicas: 1, workload: WorkloadKind.STATEFUL_SET });
    const cases: Array<[MigrationProps, string]> = [
      [{ from: 'x', to: 'b', phase: MigrationPhase.SWITCH }, 'from "x" is not a cluster of the fleet'],
      [{ from: 'a', to: 'a', phase: MigrationPhase.SWITCH }, 'from and to are both "a"'],
      [{ from: 'a', to: 'b', phase: MigrationPhase.SWITCH, services: ['nope'] }, 'services names "nope", which is no service of the fleet'],
      [{ from: 'a', to: 'b', phase: MigrationPhase.SWITCH, services: ['other'] }, 'services names "other", which runs no replica in "a"'],
      [{ from: 'a', to: 'b', phase: MigrationPhase.SWITCH, services: ['sts'] }, 'shop/sts is a StatefulSet: its volumes do not move with it'],
    ];
    for (const [props, message] of cases) {
      expect(problemsOf(() => planOf(clusters, { app: app(), other: service(['b'], []), sts }, [props])).join('\n')).toContain(`fleet/migration0: ${message}`);
    }
    const cordoned = fleet({ b: { status: ClusterStatus.CORDONED } });
    expect(problemsOf(() => planOf(cordoned, { app: app() }, [{ from: 'a', to: 'b', phase: MigrationPhase.SWITCH }]))).toEqual([
      'fleet/migration0: to "b" is CORDONED, and only a READY cluster receives services; migrate to a ready cluster or set its status to READY',
    ]);
    const twice = [{ from: 'a', to: 'b', phase: MigrationPhase.SWITCH }, { from: 'a', to: 'd', phase: MigrationPhase.SWITCH }];
    expect(problemsOf(() => planOf(clusters, { app: app() }, twice))).toEqual(['fleet/migration1: shop/app is already moved by fleet/migration0; a service takes part in one migration at a time']);
  });

  it('refuses an earlier phase when the drain could not follow', () => {
    const noMcs = fleet({ b: { mcs: { enabled: false } } });
    expect(problemsOf(() => planOf(noMcs, { app: service(['a'], [], { replicas: 1 }) }, [{ from: 'a', to: 'b', phase: MigrationPhase.BOTH_ACTIVE }])).join('\n')).toContain(
      'fleet/migration0: shop/app could not go on to MigrationPhase.DRAIN: active cluster "b" sets mcs: { enabled: false }',
    );
  });
});
