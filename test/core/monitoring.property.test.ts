// Monitoring over random fleets with cluster statuses and migrations: it adds its objects and changes nothing
// else, every cluster gets one Prometheus with its own identity, and ServiceMonitors are exactly where a
// metrics-exposing service runs pods, at every phase.
import fc from 'fast-check';
import { type FleetPlan, type Manifest, type MonitoringProps } from '../../lib';
import { migrationsOf, type OperatedFleet, operatedFleetArb, PHASES } from '../support/random-operations';
import { planOrUndefined } from '../support/random-fleet';

const monitoring: MonitoringProps = { environment: 'test', remoteWrite: { url: 'https://metrics.example.com/api/v1/write' } };

function planned(fleet: OperatedFleet, phase: (typeof PHASES)[number] | undefined, monitored: boolean): FleetPlan | undefined {
  return planOrUndefined({
      path: 'fleet',
      clusters: fleet.clusters,
      services: fleet.specs,
      migrations: migrationsOf(fleet, phase),
      ...(monitored ? { monitoring: [{ path: 'fleet/monitoring', props: monitoring }] } : {}),
    });
}

const isMonitoring = (m: Manifest) =>
  m.apiVersion === 'monitoring.coreos.com/v1' || m.metadata.name === 'clusterset-prometheus' || (m.kind === 'Namespace' && m.metadata.name === 'monitoring');
const key = (m: Manifest) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/** Where the plan runs each service's pods, read from its workloads: replicas above 0, or left to an autoscaler. */
function runningPods(plan: FleetPlan): Set<string> {
  const running = new Set<string>();
  for (const c of plan.clusters) {
    for (const o of c.objects) {
      if (o.manifest.kind !== 'Deployment' && o.manifest.kind !== 'StatefulSet') continue;
      const replicas = (o.manifest.spec as { replicas?: number }).replicas;
      if (replicas === undefined || replicas > 0) running.add(`${c.cluster} ${o.servicePath}`);
    }
  }
  return running;
}

test('monitoring adds a Prometheus per cluster and ServiceMonitors where metrics-exposing pods run, and nothing else', () => {
  fc.assert(
    fc.property(operatedFleetArb, fc.constantFrom(undefined, ...PHASES), (fleet, phase) => {
      const bare = planned(fleet, phase, false);
      const monitored = planned(fleet, phase, true);
      // Monitoring refuses no fleet the planner accepts (the random fleets' metrics ports are TCP).
      expect(monitored === undefined).toBe(bare === undefined);
      if (!bare || !monitored) return;
      const metricsPaths = new Set(fleet.specs.filter((s) => s.options.ports.some((p) => p.name === 'metrics' || p.name === 'http-metrics')).map((s) => s.path));
      const running = runningPods(bare);
      for (const [i, c] of monitored.clusters.entries()) {
        const manifests = c.objects.map((o) => o.manifest);
        // Everything else is as planned without monitoring, in the same order.
        expect(manifests.filter((m) => !isMonitoring(m)).map(key)).toEqual(bare.clusters[i].objects.map((o) => key(o.manifest)));
        const prometheus = manifests.filter((m) => m.kind === 'Prometheus');
        expect(prometheus.map((m) => (m.spec as { externalLabels: Record<string, string> }).externalLabels.cluster)).toEqual([c.cluster]);
        const monitored = c.objects.filter((o) => o.manifest.kind === 'ServiceMonitor').map((o) => `${c.cluster} ${o.servicePath}`).sort();
        expect(monitored).toEqual([...running].filter((r) => r.startsWith(`${c.cluster} `) && metricsPaths.has(r.slice(c.cluster.length + 1))).sort());
      }
    }),
    { numRuns: Number(process.env.MONITORING_RUNS ?? 300) },
  );
});
