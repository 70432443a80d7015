// Property: over random fleets (test/support/random-fleet.ts) with a random ResourceQuota per namespace and
// cluster, a plan is refused exactly when some governed namespace holds, in some cluster, more than its
// quota. The sums are computed here from the emitted workloads, applying the LimitRange's default request
// to containers that set none, with a parser of the few quantity forms this test writes: independently
// of lib/core/validate/quota.ts and lib/core/kube/limit-range.ts.
import fc from 'fast-check';
import type { FleetPlan, GovernanceProps, ServiceSpec } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { problemsOf } from '../support/fleet';
import { planOrRefuse, randomFleetArb } from '../support/random-fleet';

/** `250m` -> 250 millicores; `128Mi` -> 128 MiB: the only forms this test writes. */
function amount(text: unknown, unit: 'm' | 'Mi'): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !text.endsWith(unit)) throw new Error(`unexpected quantity ${String(text)}`);
  return Number(text.slice(0, -unit.length));
}

interface Sums {
  pods: number;
  cpu: number;
  memory: number;
}

interface Defaults {
  readonly cpu: number;
  readonly memory: number;
}

/** Per "namespace|cluster": pods, millicores and MiB the emitted workloads take, a container without a request taking the default. */
function expectedSums(plan: FleetPlan, defaults: Defaults): Map<string, Sums> {
  const result = new Map<string, Sums>();
  for (const c of plan.clusters) {
    const manifests = c.objects.map((o) => o.manifest as any);
    for (const w of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet')) {
      const key = `${w.metadata.namespace}|${c.cluster}`;
      const sums = result.get(key) ?? { pods: 0, cpu: 0, memory: 0 };
      const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.spec.scaleTargetRef.name === w.metadata.name && m.metadata.namespace === w.metadata.namespace);
      const replicas: number = hpa ? hpa.spec.maxReplicas : (w.spec.replicas ?? 1);
      const pod = w.spec.template.spec;
      for (const [resource, unit] of [['cpu', 'm'], ['memory', 'Mi']] as const) {
        const each = (x: any) => amount(x.resources?.requests?.[resource], unit) ?? amount(x.resources?.limits?.[resource], unit) ?? defaults[resource];
        const containers = (pod.containers ?? []).map(each).reduce((a: number, b: number) => a + b, 0);
        const init = Math.max(0, ...(pod.initContainers ?? []).map(each));
        sums[resource] += replicas * Math.max(containers, init);
      }
      sums.pods += replicas;
      result.set(key, sums);
    }
  }
  return result;
}

const NAMESPACES = ['ns', 'team-a'];

/** Per namespace and cluster index: each quota field left out, or the sum plus -1..4 units. */
const deltaArb = fc.record({ pods: fc.option(fc.integer({ min: -1, max: 4 })), cpu: fc.option(fc.integer({ min: -1, max: 4 })), memory: fc.option(fc.integer({ min: -1, max: 4 })) });
const quotaArb = fc.array(fc.array(deltaArb, { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 2 });

/** Some services set their own CPU request; the others take the LimitRange's default. */
const requestsArb = fc.array(fc.option(fc.integer({ min: 1, max: 900 })), { minLength: 5, maxLength: 5 });
const defaultsArb = fc.record({ cpu: fc.integer({ min: 1, max: 400 }), memory: fc.integer({ min: 1, max: 512 }) });

function withRequests(specs: readonly ServiceSpec[], requests: ReadonlyArray<number | null>): ServiceSpec[] {
  return specs.map((s, i) => (requests[i] === null ? s : { ...s, options: { ...s.options, resources: { requests: { cpu: `${requests[i]}m` } } } }));
}

describe('namespace quotas across random fleets', () => {
  it('refuses a plan exactly when some governed namespace holds more than its quota in some cluster', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(randomFleetArb, requestsArb, defaultsArb, quotaArb, (fleet, requests, defaults, deltas) => {
        const specs = withRequests(fleet.specs, requests);
        const free = planOrRefuse({ ...fleet, specs });
        fc.pre(free !== undefined);
        if (!free) return;
        const sums = expectedSums(free, defaults);
        const governed = NAMESPACES.filter((ns) => free.services.some((s) => s.namespace === ns));
        let over = false;
        const governance = governed.map((namespace) => {
          const d = deltas[NAMESPACES.indexOf(namespace)];
          const clusterOverrides = Object.fromEntries(
            fleet.clusters.map((c, i) => {
              const s = sums.get(`${namespace}|${c.name}`) ?? { pods: 0, cpu: 0, memory: 0 };
              const quota = {
                ...(d[i].pods !== null ? { pods: Math.max(0, s.pods + d[i].pods) } : {}),
                ...(d[i].cpu !== null ? { requestsCpu: `${Math.max(0, s.cpu + d[i].cpu)}m` } : {}),
                ...(d[i].memory !== null ? { requestsMemory: `${Math.max(0, s.memory + d[i].memory)}Mi` } : {}),
              };
              const holds = free.clusters.find((x) => x.cluster === c.name)?.objects.some((o) => o.manifest.metadata.namespace === namespace && o.servicePath !== undefined) ?? false;
              if (holds) {
                over ||=
                  (quota.pods !== undefined && s.pods > quota.pods) ||
                  (quota.requestsCpu !== undefined && s.cpu > (amount(quota.requestsCpu, 'm') ?? 0)) ||
                  (quota.requestsMemory !== undefined && s.memory > (amount(quota.requestsMemory, 'Mi') ?? 0));
              }
              return [c.name, { quota }];
            }),
          );
          const props: GovernanceProps = { namespaces: [namespace], limits: { defaultRequest: { cpu: `${defaults.cpu}m`, memory: `${defaults.memory}Mi` } }, quota: {}, clusterOverrides };
          return { path: `fleet/quota-${namespace}`, props };
        });
        const problems = problemsOf(() => planFleet({ path: 'fleet', clusters: fleet.clusters, services: specs, governance }));
        if (over) refused++;
        else accepted++;
        expect({ refused: problems.length > 0, problems }).toEqual({ refused: over, problems: over ? expect.anything() : [] });
        for (const p of problems) expect(p).toMatch(/^fleet\/quota-[a-z-]+: namespace "[a-z-]+" in cluster "c\d" would (request|hold) .* more than its quota (requestsCpu|requestsMemory|pods) /);
      }),
      { numRuns: 120 },
    );
    // Both outcomes are exercised.
    expect(refused).toBeGreaterThan(20);
    expect(accepted).toBeGreaterThan(20);
  });
});
