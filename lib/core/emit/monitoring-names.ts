// The names and defaults of what a FleetMonitoring writes, shared by its checks and its objects.
import type { MonitoringLabel, MonitoringProps } from '../api/monitoring';

/** Ports Prometheus scrapes: a Service port with one of these names gets a ServiceMonitor endpoint. */
export const METRICS_PORT_NAMES: readonly string[] = ['metrics', 'http-metrics'];

/** The group and version of the prometheus-operator kinds written. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** The name of each cluster's Prometheus. */
export const PROMETHEUS_NAME = 'clusterset';

/** The name of its ServiceAccount, and of the Role and RoleBinding that let it discover targets in a namespace. */
export const PROMETHEUS_ACCOUNT = 'clusterset-prometheus';

/** The external label prometheus-operator gives each replica, which a store that deduplicates by identity needs dropped. */
export const REPLICA_LABEL = 'prometheus_replica';

const DEFAULT_NAMESPACE = 'monitoring';
const DEFAULT_LABEL: MonitoringLabel = { key: 'clusterset.dev/prometheus', value: 'clusterset' };

/** The props' namespace and ServiceMonitor label, defaults filled. */
export function monitoringDefaults(props: MonitoringProps): { readonly namespace: string; readonly label: MonitoringLabel } {
  return { namespace: props.namespace ?? DEFAULT_NAMESPACE, label: props.serviceMonitorLabel ?? DEFAULT_LABEL };
}

/** Where the Prometheus container reads the Istio workload certificates its sidecar writes, to scrape pods that accept mutual TLS only. */
export const MESH_CERTS_DIR = '/etc/prom-certs';
