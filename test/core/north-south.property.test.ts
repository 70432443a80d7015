// Property: over random fleets whose clusters declare random ingress nodes, the north-south tables hold, for
// every service with an HTTP port, exactly the clusters whose emitted workload runs pods and that declare
// ingressNodes, each with all its nodes weighted max(1, floor(pods × 10 / nodes)); no placeholder or idle
// cluster appears, the clusters running pods without ingress nodes are named, and re-planning the services in
// another order gives the same tables. Expectations come from the emitted workloads and the test's own port
// table, not from the planner's summary.
import fc from 'fast-check';
import type { ClusterProps, FleetPlan, ServicePort } from '../../lib';
import { planOrRefuse, randomFleetArb, type RandomFleet } from '../support/random-fleet';

/** The ports of the random fleets the outer proxy forwards as HTTP: named http, or appProtocol http (metrics). */
function forwardedAsHttp(port: ServicePort): boolean {
  if (port.protocol !== undefined && port.protocol !== 'TCP') return false;
  return port.appProtocol !== undefined ? ['http', 'http2'].includes(port.appProtocol) : port.name === 'http';
}

/** Replicas of each cluster's workload of a service, as emitted. */
function runningPods(plan: FleetPlan, namespace: string, name: string): Map<string, number> {
  const pods = new Map<string, number>();
  for (const cluster of plan.clusters) {
    for (const { manifest } of cluster.objects) {
      if ((manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet') && manifest.metadata.name === name && manifest.metadata.namespace === namespace) {
        pods.set(cluster.cluster, Number((manifest as { spec?: { replicas?: number } }).spec?.replicas ?? 1));
      }
    }
  }
  return pods;
}

const ingressArb = fc.array(fc.option(fc.record({ nodes: fc.integer({ min: 1, max: 12 }), named: fc.boolean() }), { freq: 2 }), { minLength: 5, maxLength: 5 });

function withIngress(fleet: RandomFleet, choices: ReadonlyArray<{ nodes: number; named: boolean } | null>): RandomFleet {
  const clusters = fleet.clusters.map((c, i): ClusterProps => {
    const choice = choices[i];
    if (!choice) return c;
    return {
      ...c,
      ingressNodes: choice.nodes,
      ...(choice.named ? { ingressAddresses: Array.from({ length: choice.nodes }, (_, n) => `10.${i}.0.${n + 1}:8080`) } : {}),
    };
  });
  return { ...fleet, clusters };
}

describe('north-south tables over random fleets', () => {
  it('list exactly the clusters running the service that declare ingress nodes, every node weighted from the emitted replicas', () => {
    let tables = 0;
    let entries = 0;
    let leftOut = 0;
    fc.assert(
      fc.property(randomFleetArb, ingressArb, (random, ingress) => {
        const fleet = withIngress(random, ingress);
        const plan = planOrRefuse(fleet);
        if (!plan) return;
        const byName = new Map(fleet.clusters.map((c) => [c.name, c]));
        const expected = fleet.specs.flatMap((spec) => {
          const namespace = spec.options.namespace ?? 'default';
          const http = spec.options.ports.filter(forwardedAsHttp).map((p) => p.name);
          const all = runningPods(plan, namespace, spec.name);
          const running = [...all].filter(([, pods]) => pods > 0);
          // Placeholders and idle clusters hold the workload at 0 replicas: those with ingress nodes must stay out.
          if (http.length > 0) leftOut += [...all].filter(([name, pods]) => pods === 0 && byName.get(name)?.ingressNodes !== undefined).length;
          // Fleet order, as the table lists clusters.
          const serving = fleet.clusters.filter((c) => running.some(([name]) => name === c.name));
          const fronted = serving.filter((c) => c.ingressNodes !== undefined);
          if (http.length === 0 || fronted.length === 0) return [];
          const pods = new Map(running);
          return [
            {
              key: `${namespace}/${spec.name}`,
              ports: http,
              entries: fronted.map((c) => {
                const n = c.ingressNodes as number;
                const weight = Math.max(1, Math.floor(((pods.get(c.name) as number) * 10) / n));
                const addresses = c.ingressAddresses ?? Array.from({ length: n }, (_, k) => `${c.name}-ingress-${k + 1}`);
                return { cluster: c.name, pods: pods.get(c.name), nodes: addresses.map((address) => ({ address, weight })) };
              }),
              unfronted: serving.filter((c) => c.ingressNodes === undefined).map((c) => c.name),
            },
          ];
        });
        expected.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const actual = (plan.northSouth ?? []).map((t) => ({ key: `${t.namespace}/${t.name}`, ports: t.ports, entries: t.entries, unfronted: t.unfronted }));
        expect(actual).toEqual(expected);
        for (const table of plan.northSouth ?? []) {
          for (const entry of table.entries) {
            // Every node of the cluster, and nothing but its nodes.
            expect(entry.nodes).toHaveLength(byName.get(entry.cluster)?.ingressNodes as number);
            expect(entry.pods).toBeGreaterThan(0);
          }
        }
        tables += actual.length;
        entries += actual.reduce((sum, t) => sum + t.entries.length, 0);

        // The same services declared in reverse order give the same tables, byte for byte.
        const reversed = planOrRefuse({ ...fleet, specs: [...fleet.specs].reverse() });
        expect(JSON.stringify(reversed?.northSouth)).toBe(JSON.stringify(plan.northSouth));
      }),
      { numRuns: 150 },
    );
    // The property says something only if tables with entries were checked.
    expect(tables).toBeGreaterThan(50);
    expect(entries).toBeGreaterThan(tables);
    expect(leftOut).toBeGreaterThan(20);
  });
});
