// Random fleets (random-fleet.ts) with declared callers, trust domains and governance of traffic, and the
// expectations of the call graph on them: every declared call resolves and is admitted, every undeclared call to
// a guarded service is refused, and every other route still reaches its pods.
import fc from 'fast-check';
import type { ClusterProps, FleetPlan, GovernanceProps, ServiceSummary } from '../../lib';
import { RouteModel, type Route, type RouteOutcome } from '../../lib/cli/route-model';
import { CLIENT_NAMESPACES, expectEveryRouteServed, hiddenByOptions, modelClusters, planOrRefuse, planOrUndefined, type RandomFleet, randomFleetArb } from './random-fleet';

type Obj = Record<string, any>;

export interface GovernedFleet extends RandomFleet {
  readonly governance: GovernanceProps[];
}

// Unbiased: fast-check leans towards small integers, which would make "one in n" far likelier than 1/n.
const oneIn = (n: number) => fc.noBias(fc.integer({ min: 1, max: n })).map((x) => x === 1);
// Mesh rules one time in four: they refuse the fleets whose wirings cannot originate mutual TLS, as they should.
const governanceArb = fc.record({ networkPolicies: fc.boolean(), defaultDeny: fc.boolean(), strictMtls: oneIn(4), authorizeCallers: oneIn(4) });
const trustArb = fc.record({ domain: fc.constantFrom(undefined, undefined, 'other.example'), federates: fc.boolean() });
// A sloppy choice keeps callers that cannot reach the service, or names one that does not exist: the planner refuses those.
const callersArb = fc.option(fc.record({ mask: fc.integer({ min: 0, max: 31 }), sloppy: oneIn(10), unknown: oneIn(40) }), { freq: 2 });
// Half the services run as an account of their own (named like them), the others as the namespace's `default`.
const accountArb = fc.boolean();

/** A random fleet, its services declaring random callers, its meshes random trust domains, its namespaces random governance. */
export const governedFleetArb: fc.Arbitrary<GovernedFleet> = fc
  .tuple(randomFleetArb, fc.array(trustArb, { minLength: 5, maxLength: 5 }), fc.array(callersArb, { minLength: 5, maxLength: 5 }), fc.array(accountArb, { minLength: 5, maxLength: 5 }), governanceArb, governanceArb)
  .map(([fleet, trust, callers, accounts, ns, teamA]) => {
    const clusters = fleet.clusters.map((c, i): ClusterProps => {
      const t = trust[i];
      if (!c.mesh) return c;
      return { ...c, mesh: { ...c.mesh, ...(t.domain ? { trustDomain: t.domain } : {}), ...(t.federates ? { federatedTrustDomains: [t.domain ? 'cluster.local' : 'other.example'] } : {}) } };
    });
    // Where each service runs and is held without callers and governance: a careful caller runs only where its callee is held.
    const base = planOrRefuse(fleet);
    const summaryOf = (path: string) => base?.services.find((x) => x.path === path);
    const reaches = (caller: string, callee: string) => {
      const [from, to] = [summaryOf(caller), summaryOf(callee)];
      return from !== undefined && to !== undefined && from.active.filter((c) => (from.replicas[c] ?? 0) > 0).every((c) => to.active.includes(c) || to.placeholders.some((p) => p.cluster === c));
    };
    const specs = fleet.specs.map((plain, i) => {
      const s = accounts[i] ? { ...plain, options: { ...plain.options, podTemplate: { spec: { serviceAccountName: plain.name } }, externalDependencies: [{ kind: 'ServiceAccount', name: plain.name }] } } : plain;
      const choice = callers[i];
      if (choice === null) return s;
      const namespace = s.options.namespace ?? 'default';
      const named = fleet.specs
        .filter((c, j) => (choice.mask >> j) & 1 && (choice.sloppy || reaches(c.path, s.path)))
        .map((c) => ((c.options.namespace ?? 'default') === namespace ? c.name : `${c.options.namespace ?? 'default'}/${c.name}`));
      return { ...s, options: { ...s.options, callers: choice.unknown ? [...named, 'ghost'] : named } };
    });
    // A namespace no service runs in is not governed (the planner refuses governing it: nothing would be emitted).
    const used = new Set(specs.map((s) => s.options.namespace ?? 'default'));
    const governance = [
      { namespace: 'ns', g: ns },
      { namespace: 'team-a', g: teamA },
    ].filter(({ namespace }) => used.has(namespace)).map(({ namespace, g }): GovernanceProps => ({
      namespaces: [namespace],
      ...(g.strictMtls || g.authorizeCallers ? { mesh: { strictMtls: g.strictMtls, authorizeCallers: g.authorizeCallers } } : {}),
      ...(g.networkPolicies ? { networkPolicies: { defaultDeny: g.defaultDeny } } : {}),
    }));
    return { ...fleet, clusters, specs, governance };
  });

/** The fleet planned through the core, or undefined when the planner refuses it. */
export function planGoverned(fleet: GovernedFleet): FleetPlan | undefined {
  return planOrUndefined({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs, governance: fleet.governance.map((props, i) => ({ path: `fleet/governance${i}`, props })) });
}

/** How many calls of each kind a check judged. */
export interface CallCounts {
  declared: number;
  refused: number;
  routes: number;
}

/**
 * The call-graph invariant on one output (`objects`, each cluster's as applied): declared calls are served,
 * undeclared calls into a service whose namespace guards it are refused by a policy, and every other route
 * (generic clients of random-fleet.ts) still reaches a pod.
 */
export function expectCallGraphHonoured(fleet: GovernedFleet, plan: FleetPlan, objects: Readonly<Record<string, readonly Obj[]>>, counts: CallCounts): void {
  const model = new RouteModel(modelClusters(fleet.clusters), objects, fleet.globalnetIPs, CLIENT_NAMESPACES);
  const rules = (namespace: string) => fleet.governance.find((g) => g.namespaces.includes(namespace));
  const keyOf = (s: ServiceSummary) => `${s.namespace}/${s.name}`;
  const runsIn = (s: ServiceSummary) => s.active.filter((c) => (s.replicas[c] ?? 0) > 0);
  const holds = (s: ServiceSummary, c: string) => s.active.includes(c) || s.placeholders.some((p) => p.cluster === c);
  const clusterOf = (name: string) => fleet.clusters.find((c) => c.name === name);
  const accountOf = (s: ServiceSummary) => (fleet.specs.find((x) => x.path === s.path)?.options.podTemplate as Obj | undefined)?.spec?.serviceAccountName ?? 'default';
  const principal = (s: ServiceSummary, cluster: string) => `${clusterOf(cluster)?.mesh?.trustDomain ?? 'cluster.local'}/ns/${s.namespace}/sa/${accountOf(s)}`;
  const guarded = (callee: ServiceSummary) => callee.callers !== undefined && rules(callee.namespace) !== undefined && (rules(callee.namespace)?.networkPolicies !== undefined || rules(callee.namespace)?.mesh?.authorizeCallers === true);
  /**
   * Whether the rules tell an undeclared caller in `from` apart from the declared ones, from the test's inputs: a
   * NetworkPolicy does for a local caller (selectors) and for a remote one from a cluster running no declared caller
   * (ipBlocks cover whole clusters); an AuthorizationPolicy does, where meshes run the callee, for a caller whose
   * identity no declared caller shares.
   */
  const toldApart = (caller: ServiceSummary, callee: ServiceSummary, from: string): boolean => {
    const g = rules(callee.namespace);
    const declared = plan.services.filter((s) => (callee.callers ?? []).includes(keyOf(s)));
    const local = runsIn(callee).includes(from);
    const targets = local ? [from] : runsIn(callee);
    const byNetworkPolicy = g?.networkPolicies !== undefined && (local || !declared.some((d) => runsIn(d).includes(from)));
    const allowed = new Set(declared.flatMap((d) => runsIn(d).filter((c) => clusterOf(c)?.mesh).map((c) => principal(d, c))));
    const byIdentity = g?.mesh?.authorizeCallers === true && targets.every((c) => clusterOf(c)?.mesh) && !allowed.has(principal(caller, from));
    return byNetworkPolicy || byIdentity;
  };
  const calls = (caller: ServiceSummary, callee: ServiceSummary, only: (cluster: string) => boolean = () => true): RouteOutcome[] =>
    runsIn(caller)
      .filter((c) => holds(callee, c) && only(c))
      .flatMap((cluster) =>
        (fleet.specs.find((s) => s.path === callee.path)?.options.ports ?? []).map((p) => {
          const route: Route = { cluster, client: caller.namespace, from: caller.name, namespace: callee.namespace, service: callee.name, port: p.port, protocol: p.protocol ?? 'TCP' };
          return model.check(route);
        }),
      );
  for (const callee of plan.services) {
    const declared = new Set(callee.callers ?? []);
    for (const caller of plan.services) {
      if (declared.has(keyOf(caller))) {
        // A declared call resolves wherever the caller runs: the callee holds its plain name there.
        expect(runsIn(caller).filter((c) => !holds(callee, c)).map((c) => `${keyOf(caller)} runs in "${c}", where ${keyOf(callee)} has no Service`)).toEqual([]);
        const outcomes = calls(caller, callee);
        counts.declared += outcomes.length;
        expect(outcomes.flatMap((o) => o.failures.map((f) => `${keyOf(caller)} -> ${f}`))).toEqual([]);
      } else if (guarded(callee)) {
        // A route the callee's exportTo hides from the caller's namespace is refused already, by no policy.
        const outcomes = calls(caller, callee, (from) => toldApart(caller, callee, from)).filter((o) => !hiddenByOptions(fleet, plan, o.route));
        counts.refused += outcomes.length;
        const admitted = outcomes.filter((o) => o.reached.length > 0 || !o.failures.some((f) => /NetworkPolicy|AuthorizationPolicy/.test(f)));
        expect(admitted.map((o) => `${keyOf(caller)} (undeclared) reached ${o.route.namespace}/${o.route.service} from "${o.route.cluster}": ${o.reached.join(', ')} ${o.failures.join('; ')}`)).toEqual([]);
      }
    }
  }
  // Clients of no declared workload: unaffected unless the callee is guarded, or default deny keeps other namespaces out.
  const excused = (route: Route) => {
    const callee = plan.services.find((s) => s.name === route.service && s.namespace === route.namespace);
    const g = rules(route.namespace);
    return (callee !== undefined && guarded(callee)) || (g?.networkPolicies?.defaultDeny === true && route.client !== route.namespace);
  };
  counts.routes += expectEveryRouteServed(fleet, plan, objects, excused);
}
