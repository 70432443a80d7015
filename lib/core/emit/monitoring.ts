// What a FleetMonitoring adds to the plan: each cluster's Prometheus and the services' ServiceMonitors.
import type { ClusterProps } from '../api/cluster';
import type { ServicePort } from '../api/port';
import type { FleetPlan, MonitoringSpec, ServiceSummary } from '../model';
import type { FleetObject } from './fleet-objects';
import { monitoringDefaults } from './monitoring-names';
import { prometheusObjects } from './prometheus';
import { type MutualTlsOnly, serviceMonitors } from './service-monitors';

/** The monitoring objects of every cluster of `plan`, in fleet order: per cluster its Prometheus objects, then its ServiceMonitors. */
export function monitoringObjects(
  fleetPath: string,
  spec: MonitoringSpec,
  plan: FleetPlan,
  clusters: readonly ClusterProps[],
  portsOf: (service: ServiceSummary) => readonly ServicePort[],
  mutualTlsOnly: MutualTlsOnly = () => false,
): FleetObject[] {
  const monitors = serviceMonitors(plan, portsOf, monitoringDefaults(spec.props).label, mutualTlsOnly);
  return clusters.flatMap((cluster) => {
    const mine = monitors.filter((m) => m.cluster === cluster.name);
    const namespaces = mine.map((m) => m.manifest.metadata.namespace ?? 'default');
    const meshCertificates = mine.some((m) => mutualTlsOnly(cluster.name, m.manifest.metadata.namespace ?? 'default'));
    return [...prometheusObjects(fleetPath, spec.props, { cluster, namespaces, meshCertificates }), ...mine];
  });
}
