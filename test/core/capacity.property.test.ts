// Property: over random fleets with random allocatable, a plan is refused exactly when some cluster's sum of
// replicas × requests exceeds what it declares. The sums are computed here from the emitted objects, with a
// parser of the few quantity forms this test writes, independently of lib/core/validate/capacity.ts.
import fc from 'fast-check';
import { ActivePlacement, type ClusterProps, type FleetPlan, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, ReplicaScheduling } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { problemsOf } from '../support/fleet';

interface RandomService {
  readonly active: number;
  readonly placeholder: number;
  readonly replicas: number;
  readonly divided: boolean;
  readonly cpu?: number;
  readonly memory?: number;
  readonly initCpu?: number;
  readonly initMemory?: number;
  readonly maxReplicas?: number;
}

const serviceArb: fc.Arbitrary<RandomService> = fc.record(
  {
    active: fc.integer({ min: 1, max: 7 }),
    placeholder: fc.integer({ min: 0, max: 7 }),
    replicas: fc.integer({ min: 1, max: 6 }),
    divided: fc.boolean(),
    cpu: fc.integer({ min: 0, max: 2000 }),
    memory: fc.integer({ min: 0, max: 4096 }),
    initCpu: fc.integer({ min: 0, max: 3000 }),
    initMemory: fc.integer({ min: 0, max: 5000 }),
    maxReplicas: fc.integer({ min: 6, max: 12 }),
  },
  { requiredKeys: ['active', 'placeholder', 'replicas', 'divided'] },
);

const CLUSTERS = ['c0', 'c1', 'c2'];

function clusters(allocatable: ReadonlyArray<ClusterProps['allocatable']>): ClusterProps[] {
  return CLUSTERS.map((name, i) => ({ name, serviceCidr: `10.${32 * i}.0.0/16`, podCidr: `10.${32 * i + 16}.0.0/16`, ...(allocatable[i] ? { allocatable: allocatable[i] } : {}) }));
}

function options(s: RandomService, i: number): MultiClusterServiceOptions {
  const active = CLUSTERS.filter((_, c) => s.active & (1 << c));
  const placeholders = CLUSTERS.filter((c, n) => s.placeholder & (1 << n) && !active.includes(c));
  const requests = { ...(s.cpu !== undefined ? { cpu: `${s.cpu}m` } : {}), ...(s.memory !== undefined ? { memory: `${s.memory}Mi` } : {}) };
  const init = { ...(s.initCpu !== undefined ? { cpu: `${s.initCpu}m` } : {}), ...(s.initMemory !== undefined ? { memory: `${s.initMemory}Mi` } : {}) };
  return {
    namespace: 'ns',
    image: `team/svc-${i}:1`,
    ports: [{ name: 'http', port: 8080 }],
    replicas: s.replicas,
    ...(s.divided ? { scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: s.replicas } } : {}),
    resources: { requests },
    ...(s.initCpu !== undefined || s.initMemory !== undefined
      ? { podTemplate: { spec: { initContainers: [{ name: 'setup', image: 'team/setup:1', resources: { requests: init } }] } } }
      : {}),
    ...(s.maxReplicas !== undefined ? { autoscaling: { minReplicas: 1, maxReplicas: s.maxReplicas } } : {}),
    placements: [
      new ActivePlacement({ clusters: active }),
      ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.EXTERNAL_NAME })] : []),
    ],
  };
}

function spec(services: readonly RandomService[], allocatable: ReadonlyArray<ClusterProps['allocatable']>) {
  return { path: 'fleet', clusters: clusters(allocatable), services: services.map((s, i) => ({ path: `fleet/svc-${i}`, name: `svc-${i}`, options: options(s, i) })) };
}

/** `250m` -> 250 millicores; `128Mi` -> 128 MiB: the only forms this test writes. */
function amount(text: unknown, unit: 'm' | 'Mi'): number {
  if (typeof text !== 'string') return 0;
  if (!text.endsWith(unit)) throw new Error(`unexpected quantity ${text}`);
  return Number(text.slice(0, -unit.length));
}

interface Sums {
  pods: number;
  cpu: number;
  memory: number;
}

/** Per cluster: pods, millicores and MiB the emitted workloads take. */
function expectedSums(plan: FleetPlan): Map<string, Sums> {
  const result = new Map<string, Sums>();
  for (const c of plan.clusters) {
    const sums = { pods: 0, cpu: 0, memory: 0 };
    const manifests = c.objects.map((o) => o.manifest as any);
    for (const w of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet')) {
      const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.spec.scaleTargetRef.name === w.metadata.name && m.metadata.namespace === w.metadata.namespace);
      const replicas: number = hpa ? hpa.spec.maxReplicas : (w.spec.replicas ?? 1);
      const pod = w.spec.template.spec;
      for (const [resource, unit] of [['cpu', 'm'], ['memory', 'Mi']] as const) {
        const containers = (pod.containers ?? []).map((x: any) => amount(x.resources?.requests?.[resource], unit)).reduce((a: number, b: number) => a + b, 0);
        const init = Math.max(0, ...(pod.initContainers ?? []).map((x: any) => amount(x.resources?.requests?.[resource], unit)));
        sums[resource] += replicas * Math.max(containers, init);
      }
      sums.pods += replicas;
    }
    result.set(c.cluster, sums);
  }
  return result;
}

/** An allocatable near the cluster's sums: each resource left out, or the sum plus -1..6 units. */
const allocatableArb = fc.array(
  fc.record({ pods: fc.option(fc.integer({ min: -1, max: 6 })), cpu: fc.option(fc.integer({ min: -1, max: 6 })), memory: fc.option(fc.integer({ min: -1, max: 6 })) }),
  { minLength: 3, maxLength: 3 },
);

describe('capacity across random fleets', () => {
  it('refuses a plan exactly when some cluster holds more than its allocatable', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(serviceArb, { minLength: 1, maxLength: 5 }), allocatableArb, (services, deltas) => {
        const free = planFleet(spec(services, []));
        const sums = expectedSums(free);
        const allocatable = CLUSTERS.map((c, i) => {
          const s = sums.get(c) ?? { pods: 0, cpu: 0, memory: 0 };
          const d = deltas[i];
          const a = {
            ...(d.pods !== null ? { pods: Math.max(0, s.pods + d.pods) } : {}),
            ...(d.cpu !== null ? { cpu: `${Math.max(0, s.cpu + d.cpu)}m` } : {}),
            ...(d.memory !== null ? { memory: `${Math.max(0, s.memory + d.memory)}Mi` } : {}),
          };
          return Object.keys(a).length > 0 ? a : undefined;
        });
        const over = CLUSTERS.some((c, i) => {
          const s = sums.get(c) ?? { pods: 0, cpu: 0, memory: 0 };
          const a = allocatable[i];
          return (a?.pods !== undefined && s.pods > a.pods) || (a?.cpu !== undefined && s.cpu > amount(a.cpu, 'm')) || (a?.memory !== undefined && s.memory > amount(a.memory, 'Mi'));
        });
        const problems = problemsOf(() => planFleet(spec(services, allocatable)));
        if (over) refused++;
        else accepted++;
        expect(problems.length > 0).toBe(over);
        for (const p of problems) expect(p).toMatch(/would hold .* more than its allocatable\.(pods|cpu|memory)/);
      }),
      { numRuns: 150 },
    );
    // Both outcomes are exercised.
    expect(refused).toBeGreaterThan(20);
    expect(accepted).toBeGreaterThan(20);
  });
});
