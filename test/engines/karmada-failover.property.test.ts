// Karmada's runtime failover over random fleets: one cluster fails (tainted NoExecute past every toleration,
// or every workload unhealthy there past its toleration), and Karmada, simulated from its own semantics
// (test/support/karmada-propagation.ts), settles. Whatever it moves, it must (1) never run a service in a
// cluster where the plan holds it as a placeholder, (2) leave every name the plan gives a cluster in place,
// the failed cluster's too, (3) keep each movable Deployment's planned replicas in its remaining active
// clusters (divided: the whole total; duplicated: each cluster's count), and (4) move nothing else.
import fc from 'fast-check';
import { Delivery, type FleetPlan, type KarmadaProps, KarmadaPurgeMode } from '../../lib';
import { karmadaObjects } from '../../lib/engines/karmada';
import { type EngineFleet, engineFleetArb, karmadaFitted } from '../support/engine-fleets';
import { type KarmadaFailures, propagateKarmada } from '../support/karmada-propagation';
import { objectKey } from '../support/member-cluster';
import { planOrUndefined } from '../support/random-fleet';

type Obj = Record<string, any>;

const WORKLOADS = ['Deployment', 'StatefulSet'];
const LONG_AGO = 1_000_000;

function planOf(fleet: EngineFleet): FleetPlan | undefined {
  return planOrUndefined({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs }, { delivery: Delivery.karmada() });
}

/** The failure: cluster `failed` tainted, or every workload unhealthy there, for longer than any toleration. */
function failuresOf(plan: FleetPlan, failed: string, how: 'cluster' | 'application'): KarmadaFailures {
  if (how === 'cluster') return { taints: { [failed]: [{ key: 'cluster.karmada.io/not-ready', seconds: LONG_AGO }] } };
  const workloads = (plan.clusters.find((c) => c.cluster === failed)?.objects ?? []).map((o) => o.manifest as Obj).filter((o) => WORKLOADS.includes(o.kind));
  return { unhealthy: { [failed]: Object.fromEntries(workloads.map((o) => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, LONG_AGO])) } };
}

/** Why the settled fleet breaks the plan's promises (empty when it keeps them), and how many services Karmada had to move. */
function failoverFailures(plan: FleetPlan, failed: string, how: 'cluster' | 'application', props: KarmadaProps, members: Record<string, Obj[]>): { found: string[]; moved: number } {
  const found: string[] = [];
  let moved = 0;
  const held = (cluster: string, key: string) => (members[cluster] ?? []).find((o) => objectKey(o) === key);
  const keepsOld = how === 'application' && props.failover?.purgeMode === KarmadaPurgeMode.NEVER;
  for (const cluster of plan.clusters) {
    for (const { manifest } of cluster.objects) {
      const o = manifest as Obj;
      if (WORKLOADS.includes(o.kind) || o.kind === 'Namespace') continue;
      if (!held(cluster.cluster, objectKey(o))) found.push(`names: ${cluster.cluster} lost ${objectKey(o)}`);
    }
  }
  for (const service of plan.services) {
    const planned = plan.clusters.flatMap((c) => c.objects.filter((o) => o.servicePath === service.path && WORKLOADS.includes(o.manifest.kind)).map((o) => ({ cluster: c.cluster, o: o.manifest as Obj })));
    if (planned.length === 0) continue;
    const key = objectKey(planned[0].o);
    const replicasIn = (cluster: string) => (held(cluster, key) ? (held(cluster, key)?.spec?.replicas ?? 1) : 0);
    for (const p of service.placeholders) {
      if (replicasIn(p.cluster) > 0) found.push(`placeholder: ${service.path} runs ${replicasIn(p.cluster)} replicas in placeholder cluster ${p.cluster}`);
    }
    const plannedIn = (cluster: string) => planned.find((p) => p.cluster === cluster)?.o.spec?.replicas as number | undefined;
    if (service.active.some((c) => plannedIn(c) === undefined)) continue; // an autoscaler owns the count
    const running = service.active.filter((c) => (plannedIn(c) ?? 0) > 0);
    const movable = planned[0].o.kind === 'Deployment' && running.length > 1;
    const others = service.active.filter((c) => c !== failed);
    if (!movable || !service.active.includes(failed)) {
      for (const c of service.active) if (replicasIn(c) !== plannedIn(c)) found.push(`unmoved: ${service.path} has ${replicasIn(c)} replicas in ${c}, planned ${plannedIn(c)}`);
      continue;
    }
    moved++;
    if (!keepsOld && held(failed, key)) found.push(`moved: ${service.path} still runs in failed cluster ${failed}`);
    if (service.scheduling === 'Divided') {
      const total = running.reduce((n, c) => n + (plannedIn(c) ?? 0), 0);
      const left = others.reduce((n, c) => n + replicasIn(c), 0);
      if (left !== total) found.push(`moved: ${service.path} runs ${left} replicas in ${others.join(', ')}, planned ${total} in all`);
    } else {
      for (const c of others) if (replicasIn(c) !== plannedIn(c)) found.push(`moved: ${service.path} has ${replicasIn(c)} replicas in ${c}, planned ${plannedIn(c)}`);
    }
  }
  return { found, moved };
}

const scenarioArb = fc.record({
  fleet: engineFleetArb.map(karmadaFitted),
  failed: fc.nat(),
  how: fc.constantFrom('cluster' as const, 'application' as const),
  purgeMode: fc.constantFrom(...Object.values(KarmadaPurgeMode)),
});

describe('Karmada runtime failover over random fleets', () => {
  test('a failed cluster: replicas move among active clusters only, every name stays, nothing else moves', () => {
    let planned = 0;
    let moved = 0;
    fc.assert(
      fc.property(scenarioArb, ({ fleet, failed: index, how, purgeMode }) => {
        const plan = planOf(fleet);
        if (!plan) return;
        planned++;
        const failed = plan.clusters[index % plan.clusters.length].cluster;
        const props: KarmadaProps = { failover: { purgeMode } };
        const hub = karmadaObjects(plan, props) as Obj[];
        const delivered = propagateKarmada(hub, fleet.clusters, {}, failuresOf(plan, failed, how));
        const settled = failoverFailures(plan, failed, how, props, delivered.objects);
        moved += settled.moved;
        expect([...delivered.problems, ...settled.found]).toEqual([]);
      }),
      { numRuns: Number(process.env.ENGINE_ROUTE_RUNS ?? 300) },
    );
    console.log(`Karmada failover property: ${planned} fleets planned, ${moved} services moved off the failed cluster`);
    expect(moved).toBeGreaterThan(0);
  });
});
