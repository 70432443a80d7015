// Namespace guardrails (issue 12 §2): a LimitRange and a ResourceQuota per governed namespace and cluster
// holding its services, and the plan refused where the API server would refuse the services' pods.
import {
  ActivePlacement,
  type ClusterProps,
  ClusterStatus,
  type FleetPlan,
  MigrationPhase,
  type GovernanceProps,
  type MultiClusterServiceOptions,
  Networking,
  OwnerKind,
  PlaceholderPlacement,
  ReplicaScheduling,
} from '../../lib';
import { Problems } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { resolveGuardrails } from '../../lib/core/resolve/guardrails';
import { checkQuotas } from '../../lib/core/validate/quota';
import { problemsOf } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';

const cluster = (name: string, i: number, extra: Partial<ClusterProps> = {}): ClusterProps => ({ name, serviceCidr: `10.${i}.0.0/16`, podCidr: `10.${100 + i}.0.0/16`, ...extra });
const CLUSTERS = (extra: Record<string, Partial<ClusterProps>> = {}) => ['a', 'b', 'c'].map((name, i) => cluster(name, i + 1, extra[name]));

function service(active: string[], placeholders: string[] = [], extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return {
    image: 'shop/app:1',
    namespace: 'shop',
    replicas: 2,
    ports: [{ port: 80, name: 'http' }],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
    placements: [
      new ActivePlacement({ clusters: active }),
      ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.ENDPOINT_SLICE })] : []),
    ],
    ...extra,
  };
}

function fleetSpec(services: Record<string, MultiClusterServiceOptions>, governance: GovernanceProps[], clusters = CLUSTERS()) {
  return {
    path: 'fleet',
    clusters,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
    governance: governance.map((props, i) => ({ path: `fleet/guardrails${i === 0 ? '' : i}`, props })),
  };
}

const planOf = (services: Record<string, MultiClusterServiceOptions>, governance: GovernanceProps[], clusters = CLUSTERS()): FleetPlan => planFleet(fleetSpec(services, governance, clusters));
const problems = (services: Record<string, MultiClusterServiceOptions>, governance: GovernanceProps[], clusters = CLUSTERS()) => problemsOf(() => planOf(services, governance, clusters));
const guarded = (p: FleetPlan, c: string) => p.clusters.find((x) => x.cluster === c)?.objects.filter((o) => o.manifest.kind === 'LimitRange' || o.manifest.kind === 'ResourceQuota') ?? [];

const LIMITS = { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } };
const QUOTA = { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 50 };

describe('namespace guardrails: objects', () => {
  test('a LimitRange and a ResourceQuota in each cluster holding a service of the namespace, owned by it, schema-valid', () => {
    const p = planOf({ app: service(['a'], ['b']), other: { ...service(['c']), namespace: 'team' } }, [{ namespaces: ['shop'], limits: LIMITS, quota: QUOTA }]);
    for (const c of ['a', 'b']) {
      const objects = guarded(p, c);
      expect(objects.map((o) => [o.manifest.kind, o.manifest.metadata.namespace, o.manifest.metadata.name])).toEqual([
        ['LimitRange', 'shop', 'clusterset-limits'],
        ['ResourceQuota', 'shop', 'clusterset-quota'],
      ]);
      expect(objects.map((o) => o.owner)).toEqual([{ kind: OwnerKind.NAMESPACE, name: 'shop' }, { kind: OwnerKind.NAMESPACE, name: 'shop' }]);
      expectValidAgainstSchemas(objects.map((o) => o.manifest));
    }
    // c holds only "team", which is not governed.
    expect(guarded(p, 'c')).toEqual([]);
    const [limitRange, quota] = guarded(p, 'a').map((o) => o.manifest as any);
    expect(limitRange.spec).toEqual({ limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] });
    expect(quota.spec.hard).toEqual({
      'limits.cpu': '16',
      'limits.memory': '32Gi',
      pods: '50',
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    // Before the workloads: a namespace's guardrails are in place before its pods.
    const kinds = p.clusters.find((x) => x.cluster === 'a')?.objects.map((o) => o.manifest.kind) ?? [];
    expect(kinds.indexOf('ResourceQuota')).toBeLessThan(kinds.indexOf('Deployment'));
    // The same spec gives the same plan.
    expect(planOf({ other: { ...service(['c']), namespace: 'team' }, app: service(['a'], ['b']) }, [{ namespaces: ['shop'], limits: LIMITS, quota: QUOTA }])).toEqual(p);
  });

  test('a cluster override changes only the fields it gives, in that cluster', () => {
    const p = planOf({ app: service(['a', 'b']) }, [
      { namespaces: ['shop'], limits: { ...LIMITS, max: { cpu: '4' } }, quota: QUOTA, clusterOverrides: { b: { limits: { max: { memory: '4Gi' } }, quota: { pods: 10, allowLoadBalancers: true } } } },
    ]);
    const [aLimits, aQuota] = guarded(p, 'a').map((o) => o.manifest as any);
    const [bLimits, bQuota] = guarded(p, 'b').map((o) => o.manifest as any);
    expect(aLimits.spec.limits[0].max).toEqual({ cpu: '4' });
    expect(bLimits.spec.limits[0].max).toEqual({ cpu: '4', memory: '4Gi' });
    expect(bLimits.spec.limits[0].default).toEqual(aLimits.spec.limits[0].default);
    expect([aQuota.spec.hard.pods, bQuota.spec.hard.pods]).toEqual(['50', '10']);
    expect([aQuota.spec.hard['services.loadbalancers'], bQuota.spec.hard['services.loadbalancers']]).toEqual(['0', undefined]);
    expect(bQuota.spec.hard['requests.cpu']).toBe('8');
    expectValidAgainstSchemas([aLimits, aQuota, bLimits, bQuota]);
  });

  test('limits alone give a LimitRange and no quota; a quota allowing both Service types and counting nothing is left out', () => {
    const p = planOf({ app: service(['a']) }, [{ namespaces: ['shop'], limits: { max: { cpu: '2' } } }]);
    expect(guarded(p, 'a').map((o) => o.manifest.kind)).toEqual(['LimitRange']);
    const q = planOf({ app: service(['a']) }, [{ namespaces: ['shop'], quota: { allowLoadBalancers: true, allowNodePorts: true } }]);
    expect(guarded(q, 'a')).toEqual([]);
  });
});

describe('namespace guardrails: the quota fits the services', () => {
  test('replicas × requests and limits must fit, naming the services that take the most', () => {
    // a: app 2 × 1 CPU + big 3 × 2 CPU = 8 CPU requested; 2 × 2 + 3 × 2 = 10 CPU of limits.
    const services = { app: service(['a']), big: service(['a'], [], { replicas: 3, resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } }) };
    expect(problems(services, [{ namespaces: ['shop'], quota: { requestsCpu: '8', limitsCpu: '10', pods: 5 } }])).toEqual([]);
    expect(problems(services, [{ namespaces: ['shop'], quota: { requestsCpu: '7500m', limitsCpu: '10', pods: 4 } }])).toEqual([
      'fleet/guardrails: namespace "shop" in cluster "a" would request 8 CPU in all (requests.cpu), more than its quota requestsCpu 7500m CPU (500m CPU over); ' +
        'the most: fleet/big 6 CPU (75%), fleet/app 2 CPU (25%); lower those services\' replicas or requests, or raise quota.requestsCpu (for this cluster only: clusterOverrides["a"].quota.requestsCpu)',
      'fleet/guardrails: namespace "shop" in cluster "a" would hold 5 pods in all (pods), more than its quota pods 4 pods (1 pods over); ' +
        'the most: fleet/big 3 pods (60%), fleet/app 2 pods (40%); lower those services\' replicas or place some elsewhere, or raise quota.pods (for this cluster only: clusterOverrides["a"].quota.pods)',
    ]);
    expect(problems(services, [{ namespaces: ['shop'], quota: { limitsMemory: '9Gi' } }])).toEqual([expect.stringMatching(/^fleet\/guardrails: namespace "shop" in cluster "a" would be limited to 10Gi of memory in all \(limits\.memory\), more than its quota limitsMemory 9Gi/)]);
    // A cluster override raises it there.
    expect(problems(services, [{ namespaces: ['shop'], quota: { requestsCpu: '1' }, clusterOverrides: { a: { quota: { requestsCpu: '8' } } } }])).toEqual([]);
  });

  test('LimitRange defaults count for containers that set none; an autoscaled workload counts its maxReplicas; placeholders count nothing', () => {
    const bare = service(['a'], ['b'], { resources: undefined, replicas: 3 });
    // 3 × 100m requested, 3 × 500m of limits, in a; b holds a placeholder at 0 replicas.
    expect(problems({ app: bare }, [{ namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '300m', limitsCpu: '1500m' } }])).toEqual([]);
    expect(problems({ app: bare }, [{ namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '299m' } }])).toEqual([expect.stringContaining('would request 300m CPU in all')]);
    const scaled = { ...bare, autoscaling: { minReplicas: 1, maxReplicas: 5 } };
    expect(problems({ app: scaled }, [{ namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '400m' } }])).toEqual([expect.stringContaining('would request 500m CPU in all')]);
    // A limit alone is the request too (the API server's defaulting), before the LimitRange's.
    const limitOnly = service(['a'], [], { resources: { limits: { cpu: '1' } } });
    expect(problems({ app: limitOnly }, [{ namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '1999m' } }])).toEqual([expect.stringContaining('would request 2 CPU in all')]);
  });

  test('a workload without requests under a quota with no default request is refused, naming the container and the fix', () => {
    const bare = service(['a', 'b'], [], { resources: { requests: { memory: '1Gi' } } });
    expect(problems({ app: bare }, [{ namespaces: ['shop'], quota: { requestsCpu: '8', requestsMemory: '8Gi' } }])).toEqual([
      'fleet/app: container "app" sets no cpu request in namespace "shop" of clusters "a", "b", where the quota of fleet/guardrails counts requests.cpu and no LimitRange gives a default: ' +
        'the API server would refuse its pods; set resources.requests.cpu on the service, or limits.defaultRequest.cpu on fleet/guardrails',
    ]);
    // A LimitRange default (or max, which default and then defaultRequest take) fills it.
    expect(problems({ app: bare }, [{ namespaces: ['shop'], quota: { requestsCpu: '8' }, limits: { max: { cpu: '2' } } }])).toEqual([]);
    // Limits too, when the quota counts them.
    expect(problems({ app: bare }, [{ namespaces: ['shop'], quota: { limitsMemory: '8Gi' }, limits: { defaultRequest: { cpu: '1' } } }])).toEqual([expect.stringMatching(/container "app" sets no memory limit .* set resources\.limits\.memory on the service, or limits\.default\.memory/)]);
  });

  test('a request or limit above the LimitRange max is refused, and so is a request above the default limit it gets', () => {
    expect(problems({ app: service(['a']) }, [{ namespaces: ['shop'], limits: { max: { cpu: '1500m', memory: '4Gi' } } }])).toEqual([
      'fleet/app: container "app" is limited to cpu 2 in namespace "shop" of cluster "a", more than the LimitRange max.cpu 1500m of fleet/guardrails: the API server would refuse its pods; lower resources.limits.cpu on the service, or raise limits.max.cpu',
    ]);
    expect(problems({ app: service(['a'], [], { resources: { requests: { cpu: '3' } } }) }, [{ namespaces: ['shop'], limits: { max: { cpu: '2' } } }])).toEqual([
      expect.stringContaining('container "app" requests cpu 3 in namespace "shop" of cluster "a", more than the LimitRange max.cpu 2'),
      expect.stringContaining('more than the limit 2 the LimitRange of fleet/guardrails gives it (limits.default.cpu)'),
    ]);
    expect(problems({ app: service(['a'], [], { resources: { requests: { cpu: '1' } } }) }, [{ namespaces: ['shop'], limits: LIMITS }])).toEqual([
      'fleet/app: container "app" requests cpu 1 in namespace "shop" of cluster "a", more than the limit 500m the LimitRange of fleet/guardrails gives it (limits.default.cpu): the API server would refuse its pods; set resources.limits.cpu on the service, or raise limits.default.cpu',
    ]);
  });

  test('a Service of type NodePort or LoadBalancer is refused unless the quota allows it', () => {
    const base = planOf({ app: service(['a']) }, []);
    const typed = (type: string): FleetPlan => ({
      ...base,
      clusters: base.clusters.map((c) => ({ ...c, objects: c.objects.map((o) => (o.manifest.kind === 'Service' ? { ...o, manifest: { ...o.manifest, spec: { ...(o.manifest.spec as object), type } } } : o)) })),
    });
    const check = (type: string, quota: GovernanceProps['quota']) => {
      const found = new Problems();
      const plan = typed(type);
      checkQuotas(resolveGuardrails([{ path: 'fleet/guardrails', props: { namespaces: ['shop'], quota } }], plan), plan, found);
      return found.messages;
    };
    expect(check('NodePort', {})).toEqual([expect.stringContaining('fleet/app: its Service "app" is of type NodePort in namespace "shop" of cluster "a", where the quota of fleet/guardrails allows none (services.nodeports 0)')]);
    expect(check('NodePort', { allowNodePorts: true })).toEqual([]);
    expect(check('LoadBalancer', { allowNodePorts: true })).toEqual([expect.stringContaining('(services.loadbalancers 0)')]);
    expect(check('LoadBalancer', {})).toHaveLength(2);
    expect(check('LoadBalancer', { allowLoadBalancers: true, allowNodePorts: true })).toEqual([]);
    expect(check('ClusterIP', {})).toEqual([]);
  });
});

describe('namespace guardrails: props', () => {
  test('a governed namespace without a service, an unknown cluster in overrides, two owners and a LimitRange the API server refuses', () => {
    expect(
      problems({ app: service(['a']) }, [
        { namespaces: ['shop', 'empty'], limits: { default: { cpu: '1' }, defaultRequest: { cpu: '2' } }, clusterOverrides: { nope: { quota: { pods: 1 } }, b: { limits: { max: { memory: '1Gi' }, default: { memory: '2Gi' } } } } },
        { namespaces: ['shop'], limits: { max: { cpu: '4' } }, quota: { pods: 10 } },
      ]),
    ).toEqual([
      'fleet/guardrails: clusterOverrides["nope"] names a cluster that is not in the ClusterSet (known: a, b, c); use one of them or remove it',
      'fleet/guardrails: governs namespace "empty", where no service of the fleet runs, so nothing would be emitted for it; place a service in "empty" or remove it from namespaces',
      'fleet/guardrails: limits.defaultRequest.cpu 2 is more than limits.default.cpu 1: the API server refuses such a LimitRange; lower the first or raise the second',
      'fleet/guardrails: in cluster "b" (with clusterOverrides["b"].limits), limits.default.memory 2Gi is more than limits.max.memory 1Gi: the API server refuses such a LimitRange; lower the first or raise the second',
      'fleet/guardrails1: sets limits for namespace "shop", which fleet/guardrails already does (one LimitRange per namespace); give them in one FleetGovernance',
      'fleet/guardrails1: sets quota for namespace "shop", which fleet/guardrails already does (one ResourceQuota per namespace); give them in one FleetGovernance',
    ]);
  });

  test('the shape of every guardrail field is checked', () => {
    const bad = { namespaces: ['shop'], limits: { default: { cpu: 'lots' }, defaultRequest: { memroy: '1Gi' }, max: 3 }, quota: { requestsCpu: '-1', pods: 1.5, allowNodePorts: 'yes', limitsMemory: 4 }, clusterOverrides: { a: { quota: { podz: 1 } }, b: 'x' } };
    expect(problems({ app: service(['a']) }, [bad as unknown as GovernanceProps])).toEqual([
      'fleet/guardrails: limits.default.cpu "lots" is not a quantity of at least zero such as 16, 500m or 64Gi',
      'fleet/guardrails: limits.defaultRequest: unknown field "memroy" (did you mean "memory"?)',
      'fleet/guardrails: limits.max must be an object, got the number 3',
      'fleet/guardrails: quota.requestsCpu "-1" is not a quantity of at least zero such as 16, 500m or 64Gi',
      'fleet/guardrails: quota.limitsMemory must be a string, got the number 4',
      'fleet/guardrails: quota.pods 1.5 must be a whole number of pods, at least 0',
      'fleet/guardrails: quota.allowNodePorts must be true or false, got the string "yes"',
      'fleet/guardrails: clusterOverrides["a"].quota: unknown field "podz" (did you mean "pods"?)',
      'fleet/guardrails: clusterOverrides["b"] must be an object, got the string "x"',
    ]);
  });
});

describe('namespace guardrails under operations', () => {
  test('a failover fleet: the quota fits with every cluster ready and is exceeded only once a cluster goes down', () => {
    // 6 replicas divided over a and b (3 each, 3 CPU); with a down, b runs all 6 (6 CPU) against a quota of 4.
    const app = service(['a', 'b'], ['c'], { replicas: undefined, scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 6 } });
    const governance = [{ namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '4' } }];
    const ready = planOf({ app }, governance);
    expect(guarded(ready, 'b').map((o) => o.manifest.kind)).toEqual(['LimitRange', 'ResourceQuota']);
    expect(problems({ app }, governance, CLUSTERS({ a: { status: ClusterStatus.UNAVAILABLE } }))).toEqual([
      'fleet/guardrails: namespace "shop" in cluster "b" would request 6 CPU in all (requests.cpu), more than its quota requestsCpu 4 CPU (2 CPU over); the most: fleet/app 6 CPU (100%); ' +
        'lower those services\' replicas or requests, or raise quota.requestsCpu (for this cluster only: clusterOverrides["b"].quota.requestsCpu)',
    ]);
    // Raised where the replicas go, the failover plan passes, and the down cluster keeps its guardrails (it holds placeholders).
    const down = planOf({ app }, [{ ...governance[0], clusterOverrides: { b: { quota: { requestsCpu: '6' } } } }], CLUSTERS({ a: { status: ClusterStatus.UNAVAILABLE } }));
    expect(guarded(down, 'a').map((o) => o.manifest.kind)).toEqual(['LimitRange', 'ResourceQuota']);
  });

  test('a migration: every phase carries the guardrails, and a quota lowered in the source is refused at the phases where the source still runs', () => {
    const app = service(['c'], ['b'], { replicas: 3 });
    const spec = (phase: MigrationPhase, quota: GovernanceProps['quota']) => ({
      ...fleetSpec({ app }, [{ namespaces: ['shop'], limits: LIMITS, quota }]),
      migrations: [{ path: 'fleet/c-to-b', props: { from: 'c', to: 'b', phase } }],
    });
    const drain = planFleet(spec(MigrationPhase.DRAIN, { requestsCpu: '3' }));
    expect(drain.earlierPhases?.map((p) => [p.phase, ...['b', 'c'].map((c) => p.clusters.find((x) => x.cluster === c)?.objects.filter((o) => o.manifest.kind === 'ResourceQuota').length)])).toEqual([
      [MigrationPhase.BOTH_ACTIVE, 1, 1],
      [MigrationPhase.SWITCH, 1, 1],
    ]);
    // A quota lowered in the source with the drain fits the drained plan, not the phases on the way, where c still runs 3 replicas.
    const lowered = { namespaces: ['shop'], limits: LIMITS, quota: { requestsCpu: '3' }, clusterOverrides: { c: { quota: { requestsCpu: '2' } } } };
    const phase = (p: string) =>
      `fleet: the fleet at MigrationPhase.${p}, on the way to the phase planned, cannot be planned: fleet/guardrails: namespace "shop" in cluster "c" would request 3 CPU in all (requests.cpu), ` +
      `more than its quota requestsCpu 2 CPU (1 CPU over); the most: fleet/app 3 CPU (100%); lower those services' replicas or requests, or raise quota.requestsCpu (for this cluster only: clusterOverrides["c"].quota.requestsCpu)`;
    expect(problemsOf(() => planFleet({ ...spec(MigrationPhase.DRAIN, {}), governance: [{ path: 'fleet/guardrails', props: lowered }] }))).toEqual([phase('BOTH_ACTIVE'), phase('SWITCH')]);
    // The drained fleet itself fits: c runs nothing (a placeholder) at DRAIN.
    expect(drain.clusters.find((c) => c.cluster === 'c')?.objects.filter((o) => o.manifest.kind === 'Deployment').map((o) => (o.manifest.spec as { replicas?: number }).replicas)).toEqual([0]);
  });
});
