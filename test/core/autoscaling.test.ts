// Autoscalers and disruption budgets per cluster: bounds divided like the replicas, budgets as given or
// divided, the workload's replicas left to the autoscaler, and the settings that are refused.
import fc from 'fast-check';
import { ActivePlacement, type ClusterProps, type FleetPlan, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, ReplicaScheduling, WorkloadKind } from '../../lib';
import { proportion } from '../../lib/core/resolve/cluster-scaling';
import { find, objectsIn, plan, problemsOf } from '../support/fleet';

const clusters = (names: readonly string[]): ClusterProps[] =>
  names.map((name, i) => ({ name, labels: { region: name }, serviceCidr: `10.${i * 16}.0.0/16`, podCidr: `10.${128 + i * 16}.0.0/16`, mesh: { network: name } }));
const abc = clusters(['a', 'b', 'c']);

/** The service: 9 replicas divided 2:1 over a and b, c a placeholder. */
function web(extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 9,
    ports: [{ name: 'http', port: 8080 }],
    scheduling: { type: ReplicaScheduling.DIVIDED, preferences: { a: { weight: 2 }, b: { weight: 1 } } },
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    placements: [new ActivePlacement({ clusters: ['a', 'b'] }), new PlaceholderPlacement({ clusters: ['c'], networking: Networking.ISTIO })],
    ...extra,
  };
}

const kinds = (p: FleetPlan, cluster: string, kind: string) => objectsIn(p, cluster).filter((o) => o.kind === kind) as any[];
const bounds = (p: FleetPlan, cluster: string) => kinds(p, cluster, 'HorizontalPodAutoscaler').map((h) => [h.spec.minReplicas, h.spec.maxReplicas]);

describe('autoscaler bounds per cluster', () => {
  test("the issue's numbers: 3-12 divided 2:1 gives a 2-8 and b 1-4; c, a placeholder, keeps replicas 0 and gets no autoscaler", () => {
    const p = plan({ web: web() }, abc);
    expect([bounds(p, 'a'), bounds(p, 'b'), bounds(p, 'c')]).toEqual([[[2, 8]], [[1, 4]], []]);
    expect(find(objectsIn(p, 'c'), 'Deployment').spec.replicas).toBe(0);
    expect(kinds(p, 'c', 'PodDisruptionBudget')).toEqual([]);
  });

  test('the workload leaves replicas to the autoscaler in active clusters (no spec.replicas), and the plan still records the shares', () => {
    const p = plan({ web: web() }, abc);
    for (const c of ['a', 'b']) expect('replicas' in find(objectsIn(p, c), 'Deployment').spec).toBe(false);
    expect(p.services[0].replicas).toEqual({ a: 6, b: 3 });
  });

  // share/total of each cluster, the service's bounds, each cluster's bounds: minimum rounded up, maximum down, at least 1, max >= min.
  test.each<[string, number[], [number, number], Array<[number, number]>]>([
    ['2:1 of 9, the issue', [6, 3], [3, 12], [[2, 8], [1, 4]]],
    ['even split, odd bounds: minima round up (sum 4 >= 3), maxima down (sum 10 <= 11)', [5, 5], [3, 11], [[2, 5], [2, 5]]],
    ['a small share still gets 1', [9, 1], [2, 4], [[2, 3], [1, 1]]],
    ['a maximum rounded below the minimum is lifted to it', [1, 1, 1], [4, 4], [[2, 2], [2, 2], [2, 2]]],
    ['one cluster takes the service bounds', [7], [2, 9], [[2, 9]]],
  ])('divided: %s', (_name, shares, [min, max], expected) => {
    const total = shares.reduce((a, b) => a + b, 0);
    const got = shares.map((share) => {
      const minReplicas = Math.max(1, proportion(min, share, total, 'up'));
      return [minReplicas, Math.max(minReplicas, proportion(max, share, total, 'down'))];
    });
    expect(got).toEqual(expected);
    // The same through the planner, with weights equal to the shares.
    const names = ['a', 'b', 'c'].slice(0, shares.length);
    const p = plan(
      {
        web: web({
          replicas: total,
          autoscaling: { minReplicas: min, maxReplicas: max },
          disruptionBudget: undefined,
          scheduling: { type: ReplicaScheduling.DIVIDED, preferences: Object.fromEntries(names.map((n, i) => [n, { weight: shares[i] }])) },
          placements: [new ActivePlacement({ clusters: names })],
        }),
      },
      clusters(names),
    );
    expect(names.map((n) => bounds(p, n)[0])).toEqual(expected);
  });

  test('proportion is exact beyond 2^53 (int32 bounds times int32 shares)', () => {
    expect(proportion(2147483647, 2147483646, 2147483647, 'down')).toBe(2147483646);
    expect(proportion(2147483647, 1, 2147483647, 'up')).toBe(1);
  });

  test('duplicated: every active cluster gets the whole bounds', () => {
    const p = plan({ web: web({ scheduling: undefined, replicas: 2, placements: [new ActivePlacement({ clusters: ['a', 'b'] })] }) }, abc);
    expect([bounds(p, 'a'), bounds(p, 'b'), bounds(p, 'c')]).toEqual([[[3, 12]], [[3, 12]], []]);
  });

  test('the autoscaler targets the workload, with CPU and memory targets, then raw metrics and the behavior as given', () => {
    const pods = { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } };
    const behavior = { scaleDown: { stabilizationWindowSeconds: 300 } };
    const p = plan({ db: web({ workload: WorkloadKind.STATEFUL_SET, autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70, memoryUtilization: 80, metrics: [pods], behavior } }) }, abc);
    const hpa = find(objectsIn(p, 'a'), 'HorizontalPodAutoscaler');
    expect(hpa.metadata).toEqual({ name: 'db', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'clusterset', 'app.kubernetes.io/name': 'db' } });
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' },
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        pods,
      ],
      behavior,
    });
  });

  test('without autoscaling nothing changes: replicas written, no autoscaler', () => {
    const p = plan({ web: web({ autoscaling: undefined, disruptionBudget: undefined }) }, abc);
    expect(find(objectsIn(p, 'a'), 'Deployment').spec.replicas).toBe(6);
    expect(['a', 'b', 'c'].flatMap((c) => [...kinds(p, c, 'HorizontalPodAutoscaler'), ...kinds(p, c, 'PodDisruptionBudget')])).toEqual([]);
  });
});

describe('disruption budgets per cluster', () => {
  const budgets = (p: FleetPlan) => ['a', 'b', 'c'].map((c) => kinds(p, c, 'PodDisruptionBudget').map((b) => b.spec));
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'web' } };

  test('maxUnavailable and percentages apply as given in every active cluster, selecting the pods; none in placeholders', () => {
    expect(budgets(plan({ web: web() }, abc))).toEqual([[{ maxUnavailable: 1, selector }], [{ maxUnavailable: 1, selector }], []]);
    expect(budgets(plan({ web: web({ autoscaling: undefined }) }, abc))).toEqual([[{ maxUnavailable: 1, selector }], [{ maxUnavailable: 1, selector }], []]);
    expect(budgets(plan({ web: web({ disruptionBudget: { maxUnavailablePercent: 25 } }) }, abc))).toEqual([[{ maxUnavailable: '25%', selector }], [{ maxUnavailable: '25%', selector }], []]);
    expect(budgets(plan({ web: web({ autoscaling: undefined, disruptionBudget: { minAvailablePercent: 50 } }) }, abc))).toEqual([[{ minAvailable: '50%', selector }], [{ minAvailable: '50%', selector }], []]);
  });

  test('a minAvailable count is divided like the replicas, rounded up (4 of 6:3 gives 3 and 2), whole when duplicated', () => {
    expect(budgets(plan({ web: web({ autoscaling: undefined, disruptionBudget: { minAvailable: 4 } }) }, abc))).toEqual([[{ minAvailable: 3, selector }], [{ minAvailable: 2, selector }], []]);
    const duplicated = web({ autoscaling: undefined, scheduling: undefined, replicas: 3, disruptionBudget: { minAvailable: 2 } });
    expect(budgets(plan({ web: duplicated }, abc))).toEqual([[{ minAvailable: 2, selector }], [{ minAvailable: 2, selector }], []]);
  });

  test('with an autoscaler, the pods a budget is measured against are the autoscaler minimum', () => {
    // minAvailable 1 of 3-12 divided 2:1: a gets ceil(2/3) = 1 < 2, b ceil(1/3) = 1, which is b's minimum 1.
    expect(problemsOf(() => plan({ web: web({ disruptionBudget: { minAvailable: 1 } }) }, abc))).toEqual([
      'fleet/web: disruptionBudget gives cluster "b" minAvailable 1, as many as its autoscaler\'s minReplicas 1, which blocks every voluntary disruption there (node drains never finish); lower minAvailable, or use maxUnavailable',
    ]);
  });
});

describe('refusals', () => {
  test.each<[string, Partial<MultiClusterServiceOptions>, string]>([
    ['min above max', { autoscaling: { minReplicas: 5, maxReplicas: 4 } }, 'autoscaling.minReplicas 5 is above maxReplicas 4; raise maxReplicas to 5 or more, or lower minReplicas'],
    ['min 0', { autoscaling: { minReplicas: 0, maxReplicas: 4 } }, 'autoscaling.minReplicas 0 must be a whole number, 1 or more (an autoscaler never scales to 0); give minReplicas: 1 or more'],
    ['max not whole', { autoscaling: { minReplicas: 1, maxReplicas: 2.5 } }, 'autoscaling.maxReplicas 2.5 must be a whole number, 1 or more'],
    ['cpu 0', { autoscaling: { minReplicas: 1, maxReplicas: 2, cpuUtilization: 0 } }, "autoscaling.cpuUtilization 0 must be a whole percentage from 1 to 100 of the pods' CPU request"],
    ['memory 101', { autoscaling: { minReplicas: 1, maxReplicas: 2, memoryUtilization: 101 } }, "autoscaling.memoryUtilization 101 must be a whole percentage from 1 to 100 of the pods' memory request"],
    ['metric without its source', { autoscaling: { minReplicas: 1, maxReplicas: 2, metrics: [{ type: 'External' }] } }, 'autoscaling.metrics[0] has type "External" but no "external" source; add external: { ... } as the MetricSpec describes'],
    ['empty budget', { disruptionBudget: {} }, 'disruptionBudget gives no field; give exactly one of maxUnavailable, maxUnavailablePercent, minAvailable, minAvailablePercent'],
    ['two budget fields', { disruptionBudget: { maxUnavailable: 1, minAvailable: 1 } }, 'disruptionBudget gives maxUnavailable and minAvailable; give exactly one of maxUnavailable, maxUnavailablePercent, minAvailable, minAvailablePercent'],
    ['maxUnavailable 0', { disruptionBudget: { maxUnavailable: 0 } }, 'disruptionBudget.maxUnavailable 0 must be a whole number, 1 or more: 0 blocks every voluntary disruption (node drains never finish)'],
    ['maxUnavailable 0%', { disruptionBudget: { maxUnavailablePercent: 0 } }, 'disruptionBudget.maxUnavailablePercent 0 must be a whole percentage from 1 to 100: 0% blocks every voluntary disruption (node drains never finish)'],
    ['minAvailable 100%', { disruptionBudget: { minAvailablePercent: 100 } }, 'disruptionBudget.minAvailablePercent 100 must be a whole percentage from 1 to 99: 100% blocks every voluntary disruption'],
    [
      'minAvailable at a cluster\'s replicas, without an autoscaler',
      { autoscaling: undefined, disruptionBudget: { minAvailable: 7 } },
      'disruptionBudget gives cluster "b" minAvailable 3, as many as its 3 replicas, which blocks every voluntary disruption there (node drains never finish); lower minAvailable, or use maxUnavailable',
    ],
    [
      'a minAvailable percentage that rounds up to every pod of the autoscaler minimum',
      // 6-12 divided 2:1: a 4-8, where 60% is 3 pods; b 2-4, where 60% is ceil(1.2) = 2 pods.
      { autoscaling: { minReplicas: 6, maxReplicas: 12 }, disruptionBudget: { minAvailablePercent: 60 } },
      'disruptionBudget gives cluster "b" minAvailable 60% (2 pods), as many as its autoscaler\'s minReplicas 2, which blocks every voluntary disruption there (node drains never finish); lower minAvailable, or use maxUnavailable',
    ],
    [
      'a replicas override under an autoscaler',
      { scheduling: undefined, replicas: 2, clusterOverrides: { b: { replicas: 4 } } },
      'clusterOverrides["b"] overrides replicas, which autoscaling leaves to the cluster\'s autoscaler; remove the override: the autoscaler sets the replicas between minReplicas and maxReplicas',
    ],
  ])('%s', (_name, extra, message) => {
    expect(problemsOf(() => plan({ web: web(extra) }, abc))).toEqual([`fleet/web: ${message}`]);
  });

  test('wrong shapes are named with the field: a metric that is not an object, a budget given as a string', () => {
    const bad = web({ autoscaling: { minReplicas: 1, maxReplicas: 2, metrics: ['cpu' as never] }, disruptionBudget: { maxUnavailable: '1' as never } });
    expect(problemsOf(() => plan({ web: bad }, abc))).toEqual([
      'fleet/web: autoscaling.metrics[0] must be an object, got the string "cpu"',
      'fleet/web: disruptionBudget.maxUnavailable must be a whole number, got the string "1"',
    ]);
  });

  test('raw metrics and behavior are autoscaling/v2 JSON, field by field: an unknown type, a misspelt field, a wrong enum', () => {
    const bad = web({
      autoscaling: {
        minReplicas: 1,
        maxReplicas: 2,
        metrics: [{ type: 'Custom' }, { type: 'Pods', pods: { metric: { name: 'rps' }, targt: { type: 'AverageValue', averageValue: '100' } } }],
        behavior: { scaleDown: { selectPolicy: 'Maximum', policies: [{ type: 'Pods', value: 1 }] } },
      },
    });
    expect(problemsOf(() => plan({ web: bad }, abc))).toEqual([
      'fleet/web: autoscaling.metrics[0].type "Custom" is not one of Resource, Pods, Object, External, ContainerResource',
      'fleet/web: autoscaling.metrics[1].pods: unknown field "targt" (did you mean "target"?)',
      'fleet/web: autoscaling.metrics[1].pods.target is required; give the target',
      'fleet/web: autoscaling.behavior.scaleDown.selectPolicy "Maximum" is not one of Max, Min, Disabled',
      'fleet/web: autoscaling.behavior.scaleDown.policies[0].periodSeconds is required; give the period the policy holds for, in seconds',
    ]);
  });
});

test('raw metrics and behavior carry numbers and quantities the API server accepts: whole, in range, quantities parsed', () => {
  const target = (t: Record<string, unknown>) => ({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', ...t } } });
  const bad = web({
    autoscaling: {
      minReplicas: 1,
      maxReplicas: 2,
      metrics: [target({ averageValue: 'lots' }), target({ averageUtilization: 1.5 }), target({ averageValue: 1.5 })],
      behavior: { scaleUp: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Percent', value: 0, periodSeconds: 60 }] } },
    },
  });
  expect(problemsOf(() => plan({ web: bad }, abc))).toEqual([
    'fleet/web: autoscaling.metrics[0].pods.target.averageValue "lots" is not a quantity such as 500m, 2, 128Mi or 1Gi',
    'fleet/web: autoscaling.metrics[1].pods.target.averageUtilization 1.5 must be a whole number from 1 to 2147483647',
    'fleet/web: autoscaling.behavior.scaleUp.stabilizationWindowSeconds 4000 must be a whole number from 0 to 3600',
    'fleet/web: autoscaling.behavior.scaleUp.policies[0].value 0 must be a whole number from 1 to 2147483647',
  ]);
});

describe('property: over random divided and duplicated services', () => {
  const names = ['a', 'b', 'c', 'd'];
  const serviceArb = fc.record({
    divided: fc.boolean(),
    weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
    roles: fc.array(fc.constantFrom('active', 'placeholder', 'none'), { minLength: 4, maxLength: 4 }),
    replicas: fc.integer({ min: 1, max: 40 }),
    min: fc.integer({ min: 1, max: 30 }),
    spread: fc.integer({ min: 0, max: 50 }),
    budget: fc.constantFrom<MultiClusterServiceOptions['disruptionBudget']>({ maxUnavailable: 1 }, { maxUnavailablePercent: 30 }, undefined),
  });

  test('every cluster that runs the service has exactly one autoscaler and budget, with valid bounds; placeholders none, at replicas 0', () => {
    let checked = 0;
    fc.assert(
      fc.property(serviceArb, (r) => {
        const active = names.filter((_, i) => r.roles[i] === 'active');
        const placeholders = names.filter((_, i) => r.roles[i] === 'placeholder');
        const options: MultiClusterServiceOptions = {
          image: 'team/app:1.0',
          replicas: r.replicas,
          ports: [{ name: 'http', port: 80 }],
          autoscaling: { minReplicas: r.min, maxReplicas: r.min + r.spread },
          disruptionBudget: r.budget,
          ...(r.divided ? { scheduling: { type: ReplicaScheduling.DIVIDED, preferences: Object.fromEntries(names.map((n, i) => [n, { weight: r.weights[i] }])) } } : {}),
          placements: [
            new ActivePlacement({ clusters: active }),
            ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.EXTERNAL_NAME })] : []),
          ],
        };
        let p: FleetPlan;
        try {
          p = plan({ app: options }, clusters(names));
        } catch {
          return; // refused fleets (no active cluster, all weights 0...) are the other tests' business
        }
        checked++;
        const summary = p.services[0];
        const running = summary.active;
        const found = running.map((c) => bounds(p, c));
        for (const c of names) {
          const hpas = kinds(p, c, 'HorizontalPodAutoscaler');
          const pdbs = kinds(p, c, 'PodDisruptionBudget');
          const workload = kinds(p, c, 'Deployment')[0];
          if (running.includes(c)) {
            expect(hpas.length).toBe(1);
            expect(pdbs.length).toBe(r.budget ? 1 : 0);
            expect(workload.spec.replicas).toBeUndefined();
            const [min, max] = [hpas[0].spec.minReplicas, hpas[0].spec.maxReplicas];
            expect(1 <= min && min <= max).toBe(true);
          } else {
            expect(hpas.length + pdbs.length).toBe(0);
            if (workload) expect(workload.spec.replicas).toBe(0);
          }
        }
        const mins = found.reduce((sum, b) => sum + b[0][0], 0);
        const liftedOrWithin = found.reduce((sum, b) => sum + b[0][1], 0) <= r.min + r.spread || found.some((b) => b[0][0] === b[0][1]);
        if (r.divided) {
          expect(mins).toBeGreaterThanOrEqual(r.min);
          expect(liftedOrWithin).toBe(true);
        } else expect(found.every((b) => b[0][0] === r.min && b[0][1] === r.min + r.spread)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
