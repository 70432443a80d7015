// A ServiceMonitor per service with a metrics port, in each cluster whose plan runs the service's pods.
import { type FleetPlan, OwnerKind, type ServiceSummary } from '../model';
import type { Manifest } from '../kube/manifest';
import type { MonitoringLabel } from '../api/monitoring';
import type { ServicePort } from '../api/port';
import { LABELS } from '../resolved';
import type { FleetObject } from './fleet-objects';
import { METRICS_PORT_NAMES, MONITORING_API_VERSION } from './monitoring-names';

/**
 * The ServiceMonitors of the plan's services, each owned by its service, in the clusters where the plan runs
 * the service's pods (its replicas there after scheduling and operations, above 0): placeholders, a cluster
 * a failover emptied and a StatefulSet's cluster that is down have none; a migration's source keeps one
 * while it still runs pods.
 */
export function serviceMonitors(plan: FleetPlan, portsOf: (service: ServiceSummary) => readonly ServicePort[], label: MonitoringLabel): FleetObject[] {
  const found: FleetObject[] = [];
  for (const service of plan.services) {
    const ports = portsOf(service).filter((p) => METRICS_PORT_NAMES.includes(p.name));
    if (ports.length === 0) continue;
    for (const cluster of plan.clusters) {
      if ((service.replicas[cluster.cluster] ?? 0) > 0) {
        found.push({ cluster: cluster.cluster, manifest: serviceMonitor(service, ports, label), owner: { kind: OwnerKind.SERVICE, name: service.path } });
      }
    }
  }
  return found;
}

function serviceMonitor(service: ServiceSummary, ports: readonly ServicePort[], label: MonitoringLabel): Manifest {
  return {
    apiVersion: MONITORING_API_VERSION,
    kind: 'ServiceMonitor',
    metadata: {
      name: service.name,
      namespace: service.namespace,
      labels: { [LABELS.managedBy]: LABELS.managerValue, [LABELS.name]: service.name, [label.key]: label.value },
    },
    spec: {
      // The Service that selects the pods; the placeholder Service of the same name (no pods) is left out.
      selector: { matchLabels: { [LABELS.managedBy]: LABELS.managerValue, [LABELS.name]: service.name, [LABELS.role]: 'active' } },
      endpoints: ports.map((p) => ({ port: p.name })),
    },
  };
}
