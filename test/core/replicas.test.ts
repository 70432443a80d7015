import fc from 'fast-check';
import { type ClusterPreference, fnv1_32, planReplicas, type ReplicaPlanInput } from '../../lib/core/resolve/replicas';
import { problemsOf } from '../support/fleet';

const plan = (input: ReplicaPlanInput) => planReplicas(input).plan;

describe('planReplicas', () => {
  test('FNV-1 as Go’s hash/fnv New32 computes it', () => {
    // Reference values of the FNV-1 32-bit test vectors.
    expect(fnv1_32('')).toBe(0x811c9dc5);
    expect(fnv1_32('a')).toBe(0x050c5d7e);
    expect(fnv1_32('foobar')).toBe(0x31f0b262);
  });

  // Behaviour published with KubeFed's planner (the tie-breaks depend on the FNV-1 hash of the name).
  test.each<[string, Record<string, ClusterPreference>, number, string[], Record<string, number>]>([
    ['equal weights, 3 clusters', { '*': { weight: 1 } }, 50, ['A', 'B', 'C'], { A: 16, B: 17, C: 17 }],
    ['equal weights, 2 clusters', { '*': { weight: 1 } }, 50, ['A', 'B'], { A: 25, B: 25 }],
    ['one replica goes by hash', { '*': { weight: 1 } }, 1, ['A', 'B'], { A: 0, B: 1 }],
    ['one replica over four', { '*': { weight: 1 } }, 1, ['A', 'B', 'C', 'D'], { A: 0, B: 0, C: 0, D: 1 }],
    ['no clusters', { '*': { weight: 1 } }, 1, [], {}],
    ['minimums only', { '*': { minReplicas: 2, weight: 0 } }, 50, ['A', 'B', 'C'], { A: 2, B: 2, C: 2 }],
    ['minimums beyond the total, by hash', { '*': { minReplicas: 20, weight: 0 } }, 50, ['A', 'B', 'C'], { A: 10, B: 20, C: 20 }],
    ['a named cluster wins over "*"', { '*': { minReplicas: 20, weight: 0 }, A: { minReplicas: 100, weight: 1 } }, 50, ['A', 'B', 'C'], { A: 50, B: 0, C: 0 }],
    ['min and max', { '*': { minReplicas: 10, weight: 1, maxReplicas: 12 } }, 50, ['A', 'B', 'C'], { A: 12, B: 12, C: 12 }],
    ['max caps', { '*': { weight: 1, maxReplicas: 2 } }, 50, ['A', 'B', 'C'], { A: 2, B: 2, C: 2 }],
    ['weight 0 takes nothing', { '*': { weight: 0, maxReplicas: 2 } }, 50, ['A', 'B', 'C'], { A: 0, B: 0, C: 0 }],
    ['weights 1:2, unnamed cluster gets 0', { A: { weight: 1 }, B: { weight: 2 } }, 60, ['A', 'B', 'C'], { A: 20, B: 40, C: 0 }],
    ['a heavy cluster absent', { A: { weight: 10000 }, B: { weight: 1 } }, 50, ['B', 'C'], { B: 50, C: 0 }],
    ['max spills to the others', { A: { weight: 10000, maxReplicas: 10 }, B: { weight: 1 }, C: { weight: 1 } }, 50, ['A', 'B', 'C'], { A: 10, B: 20, C: 20 }],
    [
      'several maxima',
      { A: { weight: 10000, maxReplicas: 10 }, B: { weight: 1 }, C: { weight: 1, maxReplicas: 21 }, D: { weight: 1, maxReplicas: 10 } },
      71,
      ['A', 'B', 'C', 'D'],
      { A: 10, B: 30, C: 21, D: 10 },
    ],
  ])('%s', (_name, preferences, totalReplicas, clusters, expected) => {
    expect(planReplicas({ totalReplicas, preferences, clusters })).toEqual({ plan: expected, overflow: {} });
  });

  test.each<[string, number, Record<string, number>, Record<string, number>]>([
    ['running replicas are kept', 50, { C: 30 }, { A: 10, B: 10, C: 30 }],
    ['kept up to the total', 1, { A: 30 }, { A: 1, B: 0, C: 0 }],
    ['kept replicas count towards the share', 50, { A: 10, B: 20 }, { A: 15, B: 20, C: 15 }],
  ])('rebalance false: %s', (_name, totalReplicas, current, expected) => {
    expect(plan({ totalReplicas, preferences: { '*': { weight: 1 } }, clusters: ['A', 'B', 'C'], current })).toEqual(expected);
  });

  test.each<[Record<string, number>, Record<string, number>]>([
    [{ A: 30 }, { A: 30, B: 20 }],
    [{ A: 0, B: 8 }, { A: 7, B: 8 }],
    [{ A: 10 }, { A: 25, B: 25 }],
    [{ A: 10, B: 70 }, { A: 0, B: 50 }],
    [{ A: 10, B: 20 }, { A: 25, B: 25 }],
  ])('rebalance false over two clusters, running %j', (current, expected) => {
    const totalReplicas = Object.keys(expected).length && (expected.A + expected.B);
    expect(plan({ totalReplicas, preferences: { '*': { weight: 1 } }, clusters: ['A', 'B'], current })).toEqual(expected);
  });

  test('a cluster may be called constructor', () => {
    expect(plan({ totalReplicas: 4, preferences: { '*': { weight: 1 } }, clusters: ['a', 'constructor'] })).toEqual({ a: 2, constructor: 2 });
  });

  test('bad input is refused with every reason', () => {
    expect(problemsOf(() => planReplicas({ totalReplicas: -1, preferences: { A: { weight: 1.5, minReplicas: 5, maxReplicas: 2 } }, clusters: ['A'] }))).toEqual([
      'planReplicas: totalReplicas -1 must be a whole number, 0 or more',
      'planReplicas: preferences["A"].weight 1.5 must be a whole number, 0 or more',
      'planReplicas: preferences["A"] has minReplicas 5 above maxReplicas 2',
    ]);
  });

  test('capacity caps a cluster and reports the overflow', () => {
    expect(planReplicas({ totalReplicas: 50, preferences: { '*': { weight: 1 } }, clusters: ['A', 'B', 'C'], capacity: { C: 10 }, rebalance: true })).toEqual({
      plan: { A: 20, B: 20, C: 10 },
      overflow: { C: 7 },
    });
    expect(
      planReplicas({ totalReplicas: 60, preferences: { A: { weight: 1 }, B: { weight: 1 } }, clusters: ['A', 'B', 'C'], capacity: { A: 10, B: 10 } }),
    ).toEqual({ plan: { A: 10, B: 10, C: 0 }, overflow: { A: 20, B: 20 } });
  });

  test('the example of the issue', () => {
    const result = planReplicas({
      totalReplicas: 50,
      preferences: { '*': { weight: 1 }, prodc: { weight: 2, minReplicas: 1, maxReplicas: 30 } },
      clusters: ['prodc', 'localproda', 'hangzhou-1'],
      current: { prodc: 12 },
      capacity: { 'hangzhou-1': 10 },
      rebalance: false,
      key: 'ns/app-a',
    });
    expect(Object.values(result.plan).reduce((a, b) => a + b, 0)).toBe(50);
    expect(result.plan.prodc).toBeLessThanOrEqual(30);
    expect(result.plan['hangzhou-1']).toBeLessThanOrEqual(10);
    expect(result).toMatchSnapshot();
  });
});

const clusterNames = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 6 });
const preferenceArb = fc
  .record({ weight: fc.integer({ min: 1, max: 5 }), minReplicas: fc.integer({ min: 0, max: 5 }), maxReplicas: fc.integer({ min: 0, max: 40 }) }, { requiredKeys: ['weight'] })
  .filter((p) => p.maxReplicas === undefined || (p.minReplicas ?? 0) <= p.maxReplicas);
const inputArb = clusterNames.chain((clusters) =>
  fc.record({
    clusters: fc.constant(clusters),
    totalReplicas: fc.integer({ min: 0, max: 120 }),
    preferences: fc.dictionary(fc.constantFrom('*', ...clusters), preferenceArb, { minKeys: 1 }),
    current: fc.dictionary(fc.constantFrom(...clusters), fc.integer({ min: 0, max: 60 })),
    capacity: fc.dictionary(fc.constantFrom(...clusters), fc.integer({ min: 0, max: 60 })),
    rebalance: fc.boolean(),
    key: fc.string({ maxLength: 8 }),
  }),
);

describe('planReplicas invariants', () => {
  const preferenceOf = (input: ReplicaPlanInput, c: string) => input.preferences[c] ?? input.preferences['*'];
  const bound = (input: ReplicaPlanInput, c: string) =>
    Math.min(preferenceOf(input, c)?.maxReplicas ?? Infinity, input.capacity?.[c] ?? Infinity, preferenceOf(input, c) ? Infinity : 0);

  test('every cluster stays within its maximum and capacity, and nothing is planned twice', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { plan: result } = planReplicas(input);
        expect(Object.keys(result).sort()).toEqual([...input.clusters].sort());
        for (const c of input.clusters) {
          expect(result[c]).toBeGreaterThanOrEqual(0);
          expect(result[c]).toBeLessThanOrEqual(bound(input, c));
        }
        expect(Object.values(result).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(input.totalReplicas);
      }),
    );
  });

  test('the sum equals the total whenever the bounds allow it', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const room = input.clusters.reduce((sum, c) => sum + bound(input, c), 0);
        fc.pre(room >= input.totalReplicas);
        expect(Object.values(plan(input)).reduce((a, b) => a + b, 0)).toBe(input.totalReplicas);
      }),
    );
  });

  test('the result does not depend on the order clusters are listed in', () => {
    fc.assert(
      fc.property(inputArb, fc.infiniteStream(fc.nat()), (input, randoms) => {
        const shuffled = [...input.clusters].sort(() => (randoms.next().value % 3) - 1);
        expect(planReplicas({ ...input, clusters: shuffled })).toEqual(planReplicas(input));
      }),
    );
  });

  test('it is stable: planning again from its own result changes nothing', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = plan({ ...input, rebalance: false });
        expect(plan({ ...input, current: first, rebalance: false })).toEqual(first);
      }),
    );
  });
});
