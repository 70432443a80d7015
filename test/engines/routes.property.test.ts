// Every plain name routes through the hub engines too: over random fleets, the hub objects KubeVela and
// Karmada receive are propagated by simulators written from the upstream engines' semantics
// (test/support/kubevela-delivery.ts, karmada-propagation.ts), and what the member clusters end up with
// must (1) deliver without failure, (2) route every (cluster, service, port), and (3) equal the plan's
// per-cluster objects up to the differences each engine is documented to make (see `differences`).
import fc from 'fast-check';
import { Delivery, type FleetPlan, type KarmadaProps, KarmadaPurgeMode, MigrationPhase, ReplicaScheduling } from '../../lib';
import { type EngineFleet, engineFleetArb, karmadaFitted } from '../support/engine-fleets';
import { propagateKarmada } from '../support/karmada-propagation';
import { karmadaWebhookProblems } from '../support/karmada-webhook';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { type Delivered, objectKey } from '../support/member-cluster';
import { hiddenByOptions, modelClusters } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';
import { excusedRoutes, type OperatedFleet, operatedFleetArb, operationsArb, PHASES, planOperated, withOperations } from '../support/random-operations';
import { karmadaObjects } from '../../lib/engines/karmada';
import { kubeVelaApplications } from '../../lib/engines/kubevela';

type Obj = Record<string, any>;
type Route = { cluster: string; namespace: string; service: string };
type Engine = 'KubeVela' | 'Karmada';

const ROLE = 'clusterset.dev/role';
const RETAIN_REPLICAS = 'resourcetemplate.karmada.io/retain-replicas';
const KUBEVELA_LABEL = /^(app\.oam\.dev|workload\.oam\.dev|trait\.oam\.dev)\//;

function planOrRefusal(fleet: EngineFleet & OperatedFleet, delivery: Engine, phase?: MigrationPhase): FleetPlan | undefined {
  return planOperated(fleet, phase, { delivery: delivery === 'Karmada' ? Delivery.karmada() : Delivery.kubeVela() });
}

/** One fleet in three gets cluster statuses and maybe a migration at a random phase (docs/operations.md). */
const operations = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(operationsArb, fc.constantFrom(...PHASES)) });

/** Hub objects through the engine, then through the simulated upstream engine to the members; Karmada's webhook refusals are delivery problems. */
function deliver(fleet: EngineFleet, plan: FleetPlan, engine: Engine, karmada: KarmadaProps = {}): Delivered {
  if (engine === 'KubeVela') return deliverKubeVela(kubeVelaApplications(plan, { shared: fleet.shared }), fleet.clusters);
  const hub = karmadaObjects(plan, karmada);
  const delivered = propagateKarmada(hub, fleet.clusters);
  return { ...delivered, problems: [...delivered.problems, ...hub.flatMap((o) => karmadaWebhookProblems(o as Obj))] };
}

/** Half the Karmada fleets also ask Karmada for runtime failover (docs/failover-karmada.md), with each purge mode. */
function karmadaPropsOf(variant: number): KarmadaProps {
  if (variant % 2 === 0) return {};
  const modes = Object.values(KarmadaPurgeMode);
  return { failover: { purgeMode: modes[variant % modes.length], tolerationSeconds: variant * 10, clusterTolerationSeconds: variant } };
}

/** Why the delivered fleet does not route, is not delivered, or is not what the plan says; empty when it is all three. */
function deliveryFailures(fleet: EngineFleet, plan: FleetPlan, engine: Engine, delivered: Delivered, excused: (route: Route) => boolean = excusedRoutes(fleet, plan)): string[] {
  // Every route the plan promises, and every one the members hold: a Service lost on the way fails too.
  const planned = Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));
  const model = new RouteModel(modelClusters(fleet.clusters), delivered.objects, fleet.globalnetIPs);
  const all = [...new RouteModel(modelClusters(fleet.clusters), planned).routes(), ...model.routes()];
  const unique = [...new Map(all.map((r) => [JSON.stringify(r), r])).values()];
  // A route the fleet's Istio exportTo hides on purpose is checked by the core and cdk8s properties.
  const routes = unique.map((r) => model.check(r)).flatMap((o) => (o.ok || hiddenByOptions(fleet, plan, o.route) || excused(o.route) ? [] : o.failures.length > 0 ? o.failures : [`${o.route.service}.${o.route.namespace}.svc:${o.route.port} from "${o.route.cluster}": reaches nothing`]));
  return [...delivered.problems.map((p) => `delivery: ${p}`), ...routes.map((r) => `route: ${r}`), ...differences(plan, engine, delivered)];
}

/**
 * The plan's objects of each cluster as the engine is documented to deliver them:
 * - the role label stays out of hub objects, which are shared by clusters of both roles;
 * - a Service the plan gives no ClusterIP gets one from its cluster (compared without it);
 * - KubeVela: no Namespaces in the members: the Applications carry none, so they must exist there already;
 *   a webservice Deployment carries KubeVela's labels on itself and selects its pods by app.oam.dev/component,
 *   so only what runs is compared: replicas, and the pod template;
 * - Karmada: every Namespace of the hub reaches every member (its namespace sync), and a divided service's
 *   placeholders get no workload (Karmada propagates a divided workload only where it has replicas);
 *   a workload the plan leaves to an autoscaler (no spec.replicas) arrives with the count Karmada schedules
 *   and the label that makes Karmada retain the member's count afterwards (docs/autoscaling.md).
 */
function differences(plan: FleetPlan, engine: Engine, delivered: Delivered): string[] {
  const found: string[] = [];
  const divided = new Set(plan.services.filter((s) => s.scheduling === ReplicaScheduling.DIVIDED).map((s) => s.path));
  for (const cluster of plan.clusters) {
    const allocated = new Set(delivered.allocated[cluster.cluster] ?? []);
    const expected = new Map<string, Obj>();
    const autoscaled = new Set<string>();
    for (const planned of cluster.objects) {
      const o = planned.manifest as Obj;
      if (engine === 'KubeVela' && o.kind === 'Namespace') continue;
      const idleDivided = planned.servicePath !== undefined && divided.has(planned.servicePath) && ['Deployment', 'StatefulSet'].includes(o.kind) && o.spec.replicas === 0;
      if (engine === 'Karmada' && idleDivided) continue;
      expected.set(objectKey(o), view(o, false, false));
      if (['Deployment', 'StatefulSet'].includes(o.kind) && o.spec.replicas === undefined) autoscaled.add(objectKey(o));
    }
    const actual = new Map<string, Obj>();
    for (const o of delivered.objects[cluster.cluster] ?? []) {
      if (engine === 'Karmada' && o.kind === 'Namespace' && !expected.has(objectKey(o))) continue;
      const address = o.kind === 'Service' && allocated.has(`${o.metadata.namespace}/${o.metadata.name}`);
      const seen = view(o, address, o.metadata.labels?.['workload.oam.dev/type'] === 'webservice');
      if (engine === 'Karmada' && autoscaled.has(objectKey(o))) {
        if (o.metadata.labels?.[RETAIN_REPLICAS] !== 'true') found.push(`object: ${cluster.cluster}: ${objectKey(o)} is autoscaled but Karmada would not retain its replicas`);
        delete seen.spec.replicas;
      }
      actual.set(objectKey(o), seen);
    }
    for (const key of new Set([...expected.keys(), ...actual.keys()])) {
      const [want, got] = [expected.get(key), actual.get(key)];
      if (!got) found.push(`object: ${cluster.cluster}: ${key} planned but not delivered`);
      else if (!want) found.push(`object: ${cluster.cluster}: ${key} delivered but not planned`);
      else {
        const wanted = got.webservice ? { ...want, metadata: got.metadata, spec: { ...want.spec, selector: 'webservice' } } : want;
        if (JSON.stringify(sorted(wanted)) !== JSON.stringify(sorted(got))) {
          found.push(`object: ${cluster.cluster}: ${key} differs: planned ${JSON.stringify(sorted(wanted))}, delivered ${JSON.stringify(sorted(got))}`);
        }
      }
    }
  }
  return found;
}

/** An object without what the documented differences allow to differ. */
function view(o: Obj, allocatedAddress: boolean, webservice: boolean): Obj {
  const copy = structuredClone(o);
  const strip = (labels: Record<string, string> | undefined) => {
    if (!labels) return undefined;
    const kept = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== ROLE && k !== RETAIN_REPLICAS && !KUBEVELA_LABEL.test(k)));
    return Object.keys(kept).length > 0 ? kept : undefined;
  };
  if (copy.metadata) copy.metadata.labels = strip(copy.metadata.labels);
  if (copy.spec?.template?.metadata) copy.spec.template.metadata.labels = strip(copy.spec.template.metadata.labels);
  if (allocatedAddress) {
    delete copy.spec.clusterIP;
    delete copy.spec.clusterIPs;
  }
  if (webservice) {
    // What KubeVela's webservice decides itself; the selector must still pick the pods it renders.
    const selector = copy.spec.selector?.matchLabels ?? {};
    const podLabels = o.spec.template.metadata.labels ?? {};
    if (!Object.entries(selector).every(([k, v]) => podLabels[k] === v)) copy.spec.selector = { broken: selector };
    else copy.spec.selector = 'webservice';
    copy.metadata = 'webservice';
    copy.webservice = true;
  }
  return copy;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== undefined && k !== 'webservice')
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}

describe('every plain name routes through the hub engines', () => {
  for (const engine of ['KubeVela', 'Karmada'] as const) {
    test(`${engine}: over random fleets, the members route every name and hold what the plan says, or synth refuses`, () => {
      let planned = 0;
      let refused = 0;
      let objects = 0;
      fc.assert(
        fc.property(engineFleetArb, fc.nat(7), operations, (random, variant, ops) => {
          // Most Karmada fleets are adapted as its refusals advise; one in eight keeps what it refuses.
          const fitted = engine === 'Karmada' && variant > 0 ? karmadaFitted(random) : random;
          const fleet = ops ? withOperations(fitted, ops[0]) : fitted;
          const plan = planOrRefusal(fleet, engine, ops?.[1]);
          if (!plan) {
            refused++;
            return;
          }
          planned++;
          const delivered = deliver(fleet, plan, engine, karmadaPropsOf(variant));
          objects += Object.values(delivered.objects).reduce((n, list) => n + list.length, 0);
          expect(deliveryFailures(fleet, plan, engine, delivered)).toEqual([]);
        }),
        { numRuns: Number(process.env.ENGINE_ROUTE_RUNS ?? 1000), ...(process.env.ENGINE_ROUTE_SEED ? { seed: Number(process.env.ENGINE_ROUTE_SEED) } : {}) },
      );
      console.log(`${engine} route property: ${planned} planned, ${refused} refused, ${objects} member objects checked`);
      expect(planned).toBeGreaterThan(refused / 2);
    });
  }
});


describe('every phase of a migration routes through KubeVela', () => {
  test('over random migrations, each phase run to its end holds that phase’s plan, and stopped at each approval the phase before', () => {
    const counts = { migrations: 0, runs: 0, removals: 0 };
    fc.assert(
      fc.property(operatedFleetArb.filter((f) => f.migration !== undefined), fc.boolean(), (operated, shared) => {
        const fleet: EngineFleet = { ...operated, shared };
        const phases = PHASES.map((phase) => planOperated(operated, phase));
        if (phases.some((p) => p === undefined)) return;
        counts.migrations++;
        for (const [index, plan] of (phases as FleetPlan[]).entries()) {
          const hub = kubeVelaApplications(plan, { shared });
          counts.removals += hub.flatMap((o) => ((o.spec as { workflow?: { steps?: Obj[] } })?.workflow?.steps ?? []).filter((s) => s.type === 'clusterset-remove-objects')).length;
          // Resumed `index` times: at the end. Fewer: the moved services stand at an earlier phase, whose plan the fleet's carries.
          for (let resumes = 0; resumes <= index; resumes++) {
            const at = resumes === index ? plan : { ...plan, ...(plan.earlierPhases?.[resumes] as object) };
            expect(resumes === index || plan.earlierPhases?.[resumes]?.phase === Object.values(MigrationPhase)[resumes]).toBe(true);
            counts.runs++;
            expect(deliveryFailures(fleet, at, 'KubeVela', deliverKubeVela(hub, fleet.clusters, { resumes }), excusedRoutes(operated, at))).toEqual([]);
          }
        }
      }),
      { numRuns: Number(process.env.MIGRATION_RUNS ?? 200), ...(process.env.ENGINE_ROUTE_SEED ? { seed: Number(process.env.ENGINE_ROUTE_SEED) } : {}) },
    );
    console.log(`KubeVela migration property: ${counts.migrations} migrations, ${counts.runs} workflow runs checked, ${counts.removals} removal steps`);
    expect(counts.migrations).toBeGreaterThan(20);
    expect(counts.removals).toBeGreaterThan(0);
  });
});
