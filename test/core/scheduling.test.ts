import {
  ActivePlacement,
  type ClusterProps,
  MeshMtls,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
  WorkloadKind,
} from '../../lib';
import { expectValidAgainstSchemas } from '../support/schema';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';
import { planReplicas } from '../../lib/core/resolve/replicas';

/** Three clusters: the hybrid two plus a second public one, all meshed. */
function threeClusters(extra: Partial<ClusterProps> = {}): ClusterProps[] {
  return [...twoClusters(), { name: 'hangzhou-1', labels: { region: 'hangzhou', cloud: 'public' }, serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16', mesh: { network: 'net-c' }, ...extra }];
}

function divided(scheduling: MultiClusterServiceOptions['scheduling'], networking = Networking.ISTIO): MultiClusterServiceOptions {
  return {
    ...appA(),
    replicas: 10,
    scheduling: { type: ReplicaScheduling.DIVIDED, ...scheduling },
    placements: [new ActivePlacement({ clusterLabelSelector: { matchLabels: { cloud: 'public' } } }), new PlaceholderPlacement({ clusters: ['localproda'], networking })],
  };
}

const replicasIn = (p: ReturnType<typeof plan>, cluster: string) => find(objectsIn(p, cluster), 'Deployment').spec.replicas;

describe('replica scheduling', () => {
  test('duplicated by default: every active cluster runs the full count', () => {
    const p = plan({ 'app-a': { ...appA(), placements: [new ActivePlacement({ clusterLabelSelector: { matchLabels: { cloud: 'public' } } })] } }, threeClusters());
    expect([replicasIn(p, 'prodc'), replicasIn(p, 'hangzhou-1')]).toEqual([3, 3]);
    expect(p.services[0].replicas).toEqual({ prodc: 3, 'hangzhou-1': 3 });
  });

  test('divided: the shares of planReplicas, keyed by namespace/name', () => {
    const p = plan({ 'app-a': divided({ preferences: { prodc: { weight: 2 }, '*': { weight: 1 } } }) }, threeClusters());
    const expected = planReplicas({ totalReplicas: 10, preferences: { prodc: { weight: 2 }, '*': { weight: 1 } }, clusters: ['prodc', 'hangzhou-1'], key: 'ns/app-a' }).plan;
    expect(p.services[0].replicas).toEqual(expected);
    expect(replicasIn(p, 'prodc') + replicasIn(p, 'hangzhou-1')).toBe(10);
    expect(replicasIn(p, 'prodc')).toBe(expected.prodc);
  });

  test('a cluster’s capacity from the fleet model bounds its share', () => {
    const p = plan({ 'app-a': divided({ totalReplicas: 20 }) }, threeClusters({ capacity: 4 }));
    expect(p.services[0].replicas).toEqual({ prodc: 16, 'hangzhou-1': 4 });
  });

  test('an active cluster whose share is 0 stays as a placeholder, wired to the cluster that runs it', () => {
    const p = plan({ 'app-a': divided({ totalReplicas: 4, preferences: { prodc: { weight: 1 }, 'hangzhou-1': { weight: 0 } } }) }, threeClusters());
    expect(p.services[0].active).toEqual(['prodc']);
    expect(p.services[0].placeholders).toEqual([
      { cluster: 'localproda', networking: 'ISTIO' },
      { cluster: 'hangzhou-1', networking: 'ISTIO' },
    ]);
    const idle = objectsIn(p, 'hangzhou-1');
    expect(find(idle, 'Deployment').spec.replicas).toBe(0);
    expect(idle.map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'VirtualService', 'ServiceEntry']);
    expect(idle.some((o) => o.kind === 'ServiceExport')).toBe(false);
  });

  test('the networking of an idle cluster can be chosen', () => {
    const options = divided({ totalReplicas: 1, preferences: { prodc: { weight: 1 }, 'hangzhou-1': { weight: 0 } }, placeholderNetworking: Networking.EXTERNAL_NAME });
    const p = plan({ 'app-a': options }, threeClusters());
    expect(find(objectsIn(p, 'hangzhou-1'), 'Service').spec.type).toBe('ExternalName');
  });
});

describe('active-active', () => {
  test('Istio splits traffic over the cluster-specific names by replica share', () => {
    const p = plan({ 'app-a': divided({ totalReplicas: 9, preferences: { prodc: { weight: 2 }, 'hangzhou-1': { weight: 1 } } }) }, threeClusters());
    const { replicas } = p.services[0];
    expect(replicas).toEqual({ prodc: 6, 'hangzhou-1': 3 });
    const vs = find(objectsIn(p, 'localproda'), 'VirtualService');
    expect(vs.spec.http[0].route).toEqual([
      { destination: { host: 'prodc.app-a.ns.svc.clusterset.local', port: { number: 7070 } }, weight: 67 },
      { destination: { host: 'hangzhou-1.app-a.ns.svc.clusterset.local', port: { number: 7070 } }, weight: 33 },
    ]);
    expect(find(objectsIn(p, 'localproda'), 'ServiceEntry').spec.hosts).toEqual([
      'app-a.ns.svc.clusterset.local',
      'prodc.app-a.ns.svc.clusterset.local',
      'hangzhou-1.app-a.ns.svc.clusterset.local',
    ]);
    // Every active cluster exports.
    expect(['prodc', 'hangzhou-1'].map((c) => objectsIn(p, c).some((o) => o.kind === 'ServiceExport'))).toEqual([true, true]);
  });

  test('duplicated active-active keeps one route to the clusterset name', () => {
    const p = plan({ 'app-a': { ...divided({}), scheduling: undefined } }, threeClusters());
    expect(find(objectsIn(p, 'localproda'), 'VirtualService').spec.http[0].route).toEqual([
      { destination: { host: 'app-a.ns.svc.clusterset.local', port: { number: 7070 } }, weight: 100 },
    ]);
  });

  test('STRICT mTLS covers the cluster-specific hosts too', () => {
    const clusters = threeClusters().map((c) => ({ ...c, mesh: { network: c.name, mtls: MeshMtls.STRICT } }));
    const p = plan({ 'app-a': divided({ preferences: { '*': { weight: 1 } } }) }, clusters);
    const rules = objectsIn(p, 'localproda').filter((o) => o.kind === 'DestinationRule') as any[];
    expect(rules.map((r) => r.spec.host)).toEqual(['app-a.ns.svc.clusterset.local', '*.app-a.ns.svc.clusterset.local']);
  });

  test('every object of an active-active plan is valid against its schema', () => {
    const clusters = threeClusters().map((c) => ({ ...c, mesh: { network: c.name, mtls: MeshMtls.STRICT } }));
    const p = plan({ 'app-a': divided({ preferences: { prodc: { weight: 3 }, '*': { weight: 1 } } }), 'app-b': divided({}, Networking.ENDPOINT_SLICE) }, clusters);
    expectValidAgainstSchemas(p.clusters.flatMap((c) => c.objects.map((o) => o.manifest as unknown as Record<string, unknown>)));
  });
});

describe('scheduling problems', () => {
  test('replicas overrides conflict with divided shares; preferences must name active clusters', () => {
    const options = divided({ preferences: { mars: { weight: 1 } } });
    const found = problemsOf(() =>
      plan(
        {
          'app-a': {
            ...options,
            placements: [new ActivePlacement({ clusters: ['prodc'], overrides: { replicas: 2 } }), new ActivePlacement({ clusters: ['hangzhou-1'] })],
          },
        },
        threeClusters(),
      ),
    );
    expect(found).toEqual([
      'fleet/app-a: scheduling.preferences names cluster "mars", which is not an active cluster of this service (active: prodc, hangzhou-1)',
      "fleet/app-a: placements[0] (active) overrides replicas, but ReplicaScheduling.DIVIDED sets each cluster's share; use scheduling.preferences instead",
    ]);
  });

  test('division settings without DIVIDED, and bad numbers', () => {
    expect(problemsOf(() => plan({ 'app-a': { ...appA(), scheduling: { totalReplicas: 5 } } }))).toEqual([
      'fleet/app-a: scheduling.totalReplicas is only read with ReplicaScheduling.DIVIDED; set type: ReplicaScheduling.DIVIDED or remove it',
    ]);
    expect(problemsOf(() => plan({ 'app-a': divided({ totalReplicas: -2, preferences: { prodc: { weight: 1, minReplicas: 3, maxReplicas: 1 } } }) }, threeClusters()))).toEqual([
      'fleet/app-a: scheduling: totalReplicas -2 must be a whole number, 0 or more',
      'fleet/app-a: scheduling: preferences["prodc"] has minReplicas 3 above maxReplicas 1',
    ]);
  });
});

test('a division that gives every active cluster 0 replicas says so', () => {
  expect(problemsOf(() => plan({ 'app-a': divided({ totalReplicas: 0 }) }, threeClusters()))).toEqual([
    'fleet/app-a: scheduling gives every active cluster (prodc, hangzhou-1) 0 replicas, so none would run the service; raise totalReplicas or a weight',
  ]);
});

test('replicas that fit nowhere are reported, not dropped', () => {
  expect(problemsOf(() => plan({ 'app-a': divided({ totalReplicas: 10 }) }, threeClusters({ capacity: 1 }).map((c) => ({ ...c, capacity: 1 }))))).toEqual([
    "fleet/app-a: scheduling places only 2 of 10 replicas: the active clusters' maxReplicas and capacity (prodc: 1, hangzhou-1: 1) leave no room for the rest; raise them or lower totalReplicas",
  ]);
});

test('divided scheduling that leaves a StatefulSet cluster at 0 replicas is refused: its headless Service would resolve to nothing', () => {
  const options = {
    ...divided({ totalReplicas: 1, preferences: { prodc: { weight: 1 }, 'hangzhou-1': { weight: 0 } } }, Networking.EXTERNAL_NAME),
    workload: WorkloadKind.STATEFUL_SET,
  };
  expect(problemsOf(() => plan({ db: options }, threeClusters()))).toEqual([
    expect.stringMatching(/^fleet\/db: divided scheduling leaves StatefulSet "db" with 0 replicas in cluster "hangzhou-1", whose headless Service would resolve to no pod .* minReplicas: 1/),
  ]);
  const kept = { ...options, scheduling: { ...options.scheduling, preferences: { prodc: { weight: 1 }, 'hangzhou-1': { weight: 0, minReplicas: 1 } }, totalReplicas: 2 } };
  const p = plan({ db: kept }, threeClusters());
  expect(find(objectsIn(p, 'hangzhou-1'), 'StatefulSet').spec.replicas).toBe(1);
  expect(find(objectsIn(p, 'hangzhou-1'), 'Service').spec.clusterIP).toBe('None');
});

test('an idle cluster’s pinned address is checked like any other', () => {
  const options = {
    ...divided({ totalReplicas: 1, preferences: { prodc: { weight: 1 }, 'hangzhou-1': { weight: 0 } } }),
    placements: [
      new ActivePlacement({ clusters: ['prodc'] }),
      new ActivePlacement({ clusters: ['hangzhou-1'], clusterIP: 'not-an-ip' }),
      new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO }),
    ],
  };
  expect(problemsOf(() => plan({ 'app-a': options }, threeClusters()))).toEqual([
    'fleet/app-a: clusterIP "not-an-ip" is not a usable address of serviceCidr 10.160.0.0/16; pick a free address of 10.160.0.0/16 (cluster "hangzhou-1"), best in its static band',
  ]);
});
