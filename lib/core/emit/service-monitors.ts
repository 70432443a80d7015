// A ServiceMonitor per service with a metrics port, in each cluster whose plan runs the service's pods.
import { type FleetPlan, OwnerKind, type ServiceSummary } from '../model';
import type { Manifest } from '../kube/manifest';
import type { MonitoringLabel } from '../api/monitoring';
import type { ServicePort } from '../api/port';
import { LABELS } from '../resolved';
import type { FleetObject } from './fleet-objects';
import { MESH_CERTS_DIR, MONITORING_API_VERSION } from './monitoring-names';
import { metricsTargets } from './scraping';

/** Whether the pods of a namespace in a cluster accept mutual TLS only (its mesh, or its governance, says STRICT). */
export type MutualTlsOnly = (cluster: string, namespace: string) => boolean;

/**
 * The ServiceMonitors of the plan's services, each owned by its service, in the clusters where the plan runs
 * the service's pods (its replicas there after scheduling and operations, above 0): placeholders, a cluster
 * a failover emptied and a StatefulSet's cluster that is down have none; a migration's source keeps one
 * while it still runs pods.
 */
export function serviceMonitors(plan: FleetPlan, portsOf: (service: ServiceSummary) => readonly ServicePort[], label: MonitoringLabel, mutualTlsOnly: MutualTlsOnly = () => false): FleetObject[] {
  return metricsTargets(plan, portsOf).map(({ service, cluster, ports }) => ({
    cluster,
    manifest: serviceMonitor(service, ports, label, mutualTlsOnly(cluster, service.namespace)),
    owner: { kind: OwnerKind.SERVICE, name: service.path },
  }));
}

function serviceMonitor(service: ServiceSummary, ports: readonly ServicePort[], label: MonitoringLabel, mutualTls: boolean): Manifest {
  return {
    apiVersion: MONITORING_API_VERSION,
    kind: 'ServiceMonitor',
    metadata: {
      name: service.name,
      namespace: service.namespace,
      labels: { [LABELS.managedBy]: LABELS.managerValue, [LABELS.name]: service.name, [label.key]: label.value },
    },
    spec: {
      // The Service that selects the pods; a placeholder Service of the same name (no pods) is left out. Not
      // `role: active`: hub engines (Karmada) share one template across clusters and drop the role label.
      selector: {
        matchLabels: { [LABELS.managedBy]: LABELS.managerValue, [LABELS.name]: service.name },
        matchExpressions: [{ key: LABELS.role, operator: 'NotIn', values: ['placeholder'] }],
      },
      endpoints: ports.map((p) => ({ port: p.name, ...(mutualTls ? meshTls : {}) })),
    },
  };
}

/**
 * Scraping a pod that accepts mutual TLS only, as Istio documents it: with the workload certificates the
 * Prometheus's sidecar writes (prometheus.ts). Istio's certificates name a SPIFFE identity, not the pod's
 * address, so the server name cannot be verified; the client certificate is what the pod's policies check.
 */
const meshTls = {
  scheme: 'https',
  tlsConfig: {
    caFile: `${MESH_CERTS_DIR}/root-cert.pem`,
    certFile: `${MESH_CERTS_DIR}/cert-chain.pem`,
    keyFile: `${MESH_CERTS_DIR}/key.pem`,
    insecureSkipVerify: true,
  },
};
