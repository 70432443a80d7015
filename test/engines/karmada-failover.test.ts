import { activeActiveClusters } from '../../examples/active-active/fleet';
import { activeActiveServices } from '../../examples/active-active/services';
import {
  ActivePlacement,
  ClusterSet,
  ClusterSetApp,
  type ClusterProps,
  Delivery,
  type KarmadaProps,
  KarmadaPurgeMode,
  MultiClusterService,
  Networking,
  PlaceholderPlacement,
  type ServiceSpec,
} from '../../lib';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { karmadaObjects } from '../../lib/engines/karmada';
import { removeDir, tempDir } from '../support/files';
import { propagateKarmada } from '../support/karmada-propagation';
import { karmadaWebhookProblems } from '../support/karmada-webhook';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const NOT_READY = 'cluster.karmada.io/not-ready';
const UNREACHABLE = 'cluster.karmada.io/unreachable';
const failover: KarmadaProps = { failover: {} };

const policies = (hub: Obj[]) => hub.filter((o) => o.kind === 'PropagationPolicy');
const policy = (hub: Obj[], name: string) => policies(hub).find((p) => p.metadata.name === name) as Obj;
const forever = [
  { key: NOT_READY, operator: 'Exists', effect: 'NoExecute' },
  { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
];
const timed = (seconds: number) => forever.map((t) => ({ ...t, tolerationSeconds: seconds }));

function activeActivePlan() {
  const services: ServiceSpec[] = Object.entries(activeActiveServices).map(([name, options]) => ({ path: `fleet/${name}`, name, options }));
  return planFleet({ path: 'fleet', clusters: activeActiveClusters, services }, { delivery: Delivery.karmada() });
}

const threeClusters: ClusterProps[] = [
  { name: 'c0', serviceCidr: '10.0.0.0/16', podCidr: '10.16.0.0/16' },
  { name: 'c1', serviceCidr: '10.32.0.0/16', podCidr: '10.48.0.0/16' },
  { name: 'c2', serviceCidr: '10.64.0.0/16', podCidr: '10.80.0.0/16' },
];

/** A duplicated Deployment active in `active`, held as a placeholder (ExternalName) in the other clusters. */
function duplicatedPlan(active: string[]) {
  const web: ServiceSpec = {
    path: 'fleet/web',
    name: 'web',
    options: {
      namespace: 'ns',
      image: 'team/web:1.0.0',
      replicas: 2,
      ports: [{ name: 'http', port: 8080 }],
      placements: [
        new ActivePlacement({ clusters: active }),
        new PlaceholderPlacement({ clusters: threeClusters.map((c) => c.name).filter((c) => !active.includes(c)), networking: Networking.EXTERNAL_NAME }),
      ],
    },
  };
  return planFleet({ path: 'fleet', clusters: threeClusters, services: [web] }, { delivery: Delivery.karmada() });
}

describe('Delivery.karmada({ failover }): what Karmada may move at run time', () => {
  const plan = activeActivePlan();
  const without = karmadaObjects(plan) as Obj[];
  const hub = karmadaObjects(plan, failover) as Obj[];

  test('without failover the hub is what it was: an empty props object changes nothing', () => {
    expect(JSON.stringify(karmadaObjects(plan, {}))).toBe(JSON.stringify(without));
    expect(JSON.stringify(without)).not.toMatch(/failover|propagateDeps|clusterTolerations/);
  });

  test('failover changes policies only: the same templates, and the same overrides but a movable workload’s, patched field by field', () => {
    const templates = (objects: Obj[]) => objects.filter((o) => !o.kind.endsWith('Policy'));
    expect(templates(hub)).toEqual(templates(without));
    const overrides = (objects: Obj[]) => objects.filter((o) => o.kind === 'OverridePolicy' && !['checkout-deployment', 'catalog-deployment'].includes(o.metadata.name));
    expect(overrides(hub)).toEqual(overrides(without));
    // A whole-spec replace carries the cluster's planned replicas: after a failover it would undo what Karmada moved.
    const paths = (objects: Obj[]) => (objects.find((o) => o.metadata.name === 'checkout-deployment') as Obj).spec.overrideRules.flatMap((r: Obj) => (r.overriders.plaintext ?? []).map((p: Obj) => p.path));
    expect(paths(without)).toContain('/spec');
    expect(paths(hub)).not.toContain('/spec');
    expect(paths(hub).filter((p: string) => p.startsWith('/spec/replicas'))).toEqual([]);
    expect(paths(hub)).toEqual(expect.arrayContaining(['/spec/template']));
  });

  test('a divided Deployment gets a policy of its own with application failover, dependencies and timed tolerations', () => {
    const checkout = policy(hub, 'checkout.workload');
    expect(checkout.spec.resourceSelectors).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', namespace: 'shop' }]);
    expect(checkout.spec.propagateDeps).toBe(true);
    expect(checkout.spec.failover).toEqual({ application: { decisionConditions: { tolerationSeconds: 300 }, purgeMode: 'Gracefully', gracePeriodSeconds: 600 } });
    expect(checkout.spec.placement.clusterTolerations).toEqual(timed(300));
    // The division is the plan's, as without failover: Karmada re-divides by these weights over the clusters left.
    expect(checkout.spec.placement.replicaScheduling).toEqual(policy(without, 'checkout').spec.placement.replicaScheduling);
  });

  test('Karmada can move replicas only among active clusters: a placeholder is never a candidate', () => {
    const catalog = policy(hub, 'catalog.workload');
    expect(catalog.spec.placement.clusterAffinity.clusterNames).toEqual(['prodc', 'hangzhou-1']);
    const placeholders = plan.services.find((s) => s.name === 'catalog')?.placeholders.map((p) => p.cluster);
    expect(placeholders).toEqual(['localproda']);
  });

  test('a StatefulSet with one active cluster is never moved: no workload policy, no failover, names tolerate for ever', () => {
    const ledger = policies(hub).filter((p) => p.metadata.namespace === 'finance');
    expect(ledger.map((p) => p.metadata.name)).toEqual(['ledger', 'ledger.active']);
    for (const p of ledger) {
      expect(p.spec.failover).toBeUndefined();
      expect(p.spec.placement.clusterTolerations).toEqual(forever);
    }
  });

  test('everything but a movable workload tolerates failed clusters for ever, so a returning cluster keeps its names', () => {
    const names = policies(hub).filter((p) => !p.metadata.name.endsWith('.workload'));
    expect(names.length).toBeGreaterThan(0);
    for (const p of names) {
      expect(p.spec.placement.clusterTolerations).toEqual(forever);
      expect(p.spec.failover).toBeUndefined();
      expect(p.spec.propagateDeps).toBeUndefined();
      expect(p.spec.resourceSelectors.some((s: Obj) => s.kind === 'Deployment' && s.name !== 'ledger')).toBe(false);
    }
  });

  test('every object is valid against the Karmada CRDs, and every policy passes Karmada’s webhook rules', () => {
    expectValidAgainstSchemas(hub);
    expect(hub.flatMap(karmadaWebhookProblems)).toEqual([]);
  });

  test('prodc fails: its 6 checkout replicas go to the other active clusters by their weights (2:4), and its names stay', () => {
    const taints = { prodc: [{ key: NOT_READY, seconds: 301 }] };
    const failed = propagateKarmada(hub, activeActiveClusters, {}, { taints });
    expect(failed.problems).toEqual([]);
    const replicas = (cluster: string, name: string) => failed.objects[cluster].find((o) => o.kind === 'Deployment' && o.metadata.name === name)?.spec.replicas;
    expect([replicas('prodc', 'checkout'), replicas('hangzhou-1', 'checkout'), replicas('localproda', 'checkout')]).toEqual([undefined, 4, 8]);
    expect([replicas('hangzhou-1', 'catalog'), replicas('localproda', 'catalog')]).toEqual([8, undefined]);
    const names = (objects: Obj[]) => objects.filter((o) => !['Deployment', 'StatefulSet'].includes(o.kind)).map((o) => `${o.kind} ${o.metadata.name}`).sort();
    const planned = plan.clusters.find((c) => c.cluster === 'prodc')?.objects.map((o) => o.manifest as Obj) ?? [];
    expect(names(failed.objects.prodc)).toEqual(names(planned));
    // 300 seconds tolerated: nothing has moved yet.
    const early = propagateKarmada(hub, activeActiveClusters, {}, { taints: { prodc: [{ key: NOT_READY, seconds: 299 }] } });
    expect(early.objects.prodc.find((o) => o.kind === 'Deployment' && o.metadata.name === 'checkout')?.spec.replicas).toBe(6);
    // Without the option nothing tolerates the taint: Karmada would take prodc's names too.
    const bare = propagateKarmada(without, activeActiveClusters, {}, { taints });
    expect(bare.objects.prodc.filter((o) => o.kind !== 'Namespace')).toEqual([]);
  });

  test('the members receive what they receive without failover', () => {
    const sorted = (d: ReturnType<typeof propagateKarmada>) => JSON.stringify(Object.fromEntries(Object.entries(d.objects).map(([c, list]) => [c, [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))])));
    const withFailover = propagateKarmada(hub, activeActiveClusters);
    expect(withFailover.problems).toEqual([]);
    expect(sorted(withFailover)).toBe(sorted(propagateKarmada(without, activeActiveClusters)));
  });
});

describe('Delivery.karmada({ failover }): duplicated workloads', () => {
  test('two active clusters: the workload moves apart, its placeholders stay candidates at 0 replicas', () => {
    const hub = karmadaObjects(duplicatedPlan(['c0', 'c1']), failover) as Obj[];
    const web = policy(hub, 'web.workload');
    expect(web.spec.resourceSelectors.map((s: Obj) => s.kind)).toEqual(['Deployment']);
    expect(web.spec.placement.clusterAffinity.clusterNames).toEqual(['c0', 'c1', 'c2']);
    expect(web.spec.placement.replicaScheduling).toEqual({ replicaSchedulingType: 'Duplicated' });
    const [rule] = (hub.find((o) => o.kind === 'OverridePolicy' && o.metadata.name === 'web-deployment') as Obj).spec.overrideRules;
    expect(rule).toMatchObject({ targetCluster: { clusterNames: ['c2'] }, overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 0 }] } });
    expect(policy(hub, 'web').spec.resourceSelectors.map((s: Obj) => s.kind)).toEqual(['Service']);
    expectValidAgainstSchemas(hub);
  });

  test('one active cluster: failing over could only delete the one running copy, so nothing is moved', () => {
    const hub = karmadaObjects(duplicatedPlan(['c0']), failover) as Obj[];
    expect(policies(hub).map((p) => p.metadata.name)).not.toContain('web.workload');
    expect(JSON.stringify(hub)).not.toMatch(/failover|propagateDeps|tolerationSeconds/);
  });
});

describe('Delivery.karmada({ failover }): the options', () => {
  const plan = duplicatedPlan(['c0', 'c1']);
  const failoverOf = (props: KarmadaProps) => policy(karmadaObjects(plan, props) as Obj[], 'web.workload').spec;

  test('DIRECTLY and NEVER write no grace period; GRACEFULLY writes the one given', () => {
    expect(failoverOf({ failover: { purgeMode: KarmadaPurgeMode.DIRECTLY, tolerationSeconds: 0 } }).failover).toEqual({
      application: { decisionConditions: { tolerationSeconds: 0 }, purgeMode: 'Directly' },
    });
    expect(failoverOf({ failover: { purgeMode: KarmadaPurgeMode.NEVER } }).failover.application).toEqual({ decisionConditions: { tolerationSeconds: 300 }, purgeMode: 'Never' });
    expect(failoverOf({ failover: { purgeMode: KarmadaPurgeMode.GRACEFULLY, gracePeriodSeconds: 120 } }).failover.application.gracePeriodSeconds).toBe(120);
  });

  test('clusterTolerationSeconds times the workload’s tolerations only', () => {
    const hub = karmadaObjects(plan, { failover: { clusterTolerationSeconds: 45 } }) as Obj[];
    expect(policy(hub, 'web.workload').spec.placement.clusterTolerations).toEqual(timed(45));
    expect(policy(hub, 'web').spec.placement.clusterTolerations).toEqual(forever);
    for (const mode of Object.values(KarmadaPurgeMode)) {
      const objects = karmadaObjects(plan, { failover: { purgeMode: mode, clusterTolerationSeconds: 0 } }) as Obj[];
      expectValidAgainstSchemas(objects);
      expect(objects.flatMap(karmadaWebhookProblems)).toEqual([]);
    }
  });

  test('through a ClusterSet: the factory’s failover reaches the hub output', () => {
    const app = new ClusterSetApp({ outdir: tempDir('karmada-failover') });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: activeActiveClusters, delivery: Delivery.karmada({ failover: { tolerationSeconds: 60 } }) });
      for (const [id, options] of Object.entries(activeActiveServices)) new MultiClusterService(fleet, id, options);
      const hub = app.charts[0].toJson() as Obj[];
      expect(policy(hub, 'checkout.workload').spec.failover.application.decisionConditions).toEqual({ tolerationSeconds: 60 });
    } finally {
      removeDir(app.outdir);
    }
  });
});

describe('Delivery.karmada({ failover }): refused options', () => {
  function problemsOf(props: unknown): string[] {
    const app = new ClusterSetApp({ outdir: tempDir('karmada-failover-bad') });
    try {
      new ClusterSet(app, 'fleet', { clusters: threeClusters, delivery: Delivery.karmada(props as KarmadaProps) });
      app.synth();
      return [];
    } catch (error) {
      if (error instanceof ClusterSetValidationError) return error.problems;
      throw error;
    } finally {
      removeDir(app.outdir);
    }
  }

  test('negative or fractional seconds, each with its field, value and fix', () => {
    expect(problemsOf({ failover: { tolerationSeconds: -1, clusterTolerationSeconds: 1.5, gracePeriodSeconds: 0 } })).toEqual([
      'fleet: Delivery.karmada(): failover.tolerationSeconds is the number -1, but it must be a whole number of seconds, at least 0; use 0 to fail over as soon as the workload is unhealthy',
      'fleet: Delivery.karmada(): failover.clusterTolerationSeconds is the number 1.5, but it must be a whole number of seconds, at least 0; use 0 to evict as soon as the cluster is tainted',
      'fleet: Delivery.karmada(): failover.gracePeriodSeconds is the number 0, but it must be a whole number of seconds, at least 1; give the seconds Karmada waits before it deletes the old copy, or leave it out for 600',
    ]);
  });

  test('a grace period with a mode that does not wait', () => {
    expect(problemsOf({ failover: { purgeMode: KarmadaPurgeMode.DIRECTLY, gracePeriodSeconds: 30 } })).toEqual([
      'fleet: Delivery.karmada(): failover.gracePeriodSeconds is 30 with purgeMode "Directly", but only KarmadaPurgeMode.GRACEFULLY waits (Karmada refuses the policy otherwise); ' +
        'remove gracePeriodSeconds or use KarmadaPurgeMode.GRACEFULLY',
    ]);
  });

  test('shapes from JSON: an unknown mode, a misspelt field, seconds beyond int32, not an object', () => {
    const found = problemsOf({ failover: { purgeMode: 'Graceful', tolerationSecond: 5, gracePeriodSeconds: 2 ** 31 } });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fleet: Delivery\.karmada\(\): failover\.purgeMode "Graceful" is not one of Directly, Gracefully, Never \(did you mean "Gracefully"\?\)/),
        expect.stringMatching(/^fleet: Delivery\.karmada\(\): .*tolerationSecond.*tolerationSeconds/),
        expect.stringMatching(/^fleet: Delivery\.karmada\(\): failover\.gracePeriodSeconds 2147483648 is more than Kubernetes can store/),
      ]),
    );
    expect(found).toHaveLength(3);
    expect(problemsOf('fast')).toEqual(['fleet: Delivery.karmada() takes an object, got the string "fast"']);
  });
});
