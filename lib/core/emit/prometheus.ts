// Each cluster's Prometheus: an identity unique in the fleet, remote write to the central store, and only
// the rights it needs to discover the targets of the ServiceMonitors clusterset writes there.
import { AlertmanagerScheme, type MonitoringProps } from '../api/monitoring';
import type { ClusterProps } from '../api/cluster';
import { OwnerKind } from '../model';
import type { Manifest } from '../kube/manifest';
import { LABELS } from '../resolved';
import { compare } from './order';
import type { FleetObject } from './fleet-objects';
import { MESH_CERTS_DIR, MONITORING_API_VERSION, monitoringDefaults, PROMETHEUS_ACCOUNT, PROMETHEUS_NAME, REPLICA_LABEL } from './monitoring-names';

/** A user and group that are not root, the group owning the data volume (fsGroup). */
const PROMETHEUS_USER = 1000;
const PROMETHEUS_GROUP = 2000;

/** What one cluster's Prometheus needs to know: the cluster, and the namespaces of its ServiceMonitors. */
export interface PrometheusTarget {
  readonly cluster: ClusterProps;
  /** Namespaces holding a ServiceMonitor in the cluster. */
  readonly namespaces: readonly string[];
  /** Whether some of its targets accept mutual TLS only (an Istio namespace governed STRICT, or with authorizeCallers): it then scrapes with the mesh's certificates. */
  readonly meshCertificates: boolean;
}

/**
 * The Prometheus of one cluster, its ServiceAccount, and per namespace it scrapes a Role and RoleBinding
 * to discover targets there (no ClusterRole: it sees no other namespace). Owned by the fleet.
 */
export function prometheusObjects(fleetPath: string, props: MonitoringProps, target: PrometheusTarget): FleetObject[] {
  const { namespace } = monitoringDefaults(props);
  const scraped = [...new Set(target.namespaces)].sort(compare);
  const owner = { kind: OwnerKind.FLEET, name: fleetPath };
  const manifests: Manifest[] = [
    account(namespace),
    prometheus(props, target.cluster, scraped, target.meshCertificates),
    ...scraped.flatMap((ns) => [discoveryRole(ns), discoveryBinding(ns, namespace)]),
  ];
  return manifests.map((manifest) => ({ cluster: target.cluster.name, manifest, owner }));
}

const labels = { [LABELS.managedBy]: LABELS.managerValue };

function account(namespace: string): Manifest {
  // Its token is mounted in the Prometheus pods only (spec.automountServiceAccountToken), not in any other pod using it.
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: PROMETHEUS_ACCOUNT, namespace, labels }, automountServiceAccountToken: false };
}

function prometheus(props: MonitoringProps, cluster: ClusterProps, scraped: readonly string[], meshCertificates: boolean): Manifest {
  const { namespace, label } = monitoringDefaults(props);
  const alertmanagers = (props.alertmanagers ?? []).map((am) => ({
    name: am.name,
    namespace: am.namespace ?? namespace,
    port: am.port ?? 'web',
    scheme: am.scheme ?? AlertmanagerScheme.HTTP,
  }));
  return {
    apiVersion: MONITORING_API_VERSION,
    kind: 'Prometheus',
    metadata: { name: PROMETHEUS_NAME, namespace, labels },
    spec: {
      replicas: props.replicas ?? 1,
      serviceAccountName: PROMETHEUS_ACCOUNT,
      // Kubernetes service discovery reads the API with this token.
      automountServiceAccountToken: true,
      // Its mutating endpoints (delete series, shut down) stay closed.
      enableAdminAPI: false,
      externalLabels: {
        cluster: cluster.name,
        environment: props.environment,
        ...(cluster.zone !== undefined ? { zone: cluster.zone } : {}),
      },
      remoteWrite: [
        {
          url: props.remoteWrite.url,
          ...(props.remoteWrite.dropReplicaLabel === true ? { writeRelabelConfigs: [{ action: 'labeldrop', regex: REPLICA_LABEL }] } : {}),
        },
      ],
      serviceMonitorSelector: { matchLabels: { [label.key]: label.value } },
      // Without a selector prometheus-operator reads its own namespace only; with one, exactly the namespaces it may read.
      ...(scraped.length > 0 ? { serviceMonitorNamespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...scraped] }] } } : {}),
      ...(alertmanagers.length > 0 ? { alerting: { alertmanagers } } : {}),
      ...(meshCertificates ? meshCertificateSettings() : {}),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: PROMETHEUS_USER,
        runAsGroup: PROMETHEUS_GROUP,
        fsGroup: PROMETHEUS_GROUP,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    },
  };
}

function discoveryRole(namespace: string): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: PROMETHEUS_ACCOUNT, namespace, labels },
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
    ],
  };
}

function discoveryBinding(namespace: string, accountNamespace: string): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: PROMETHEUS_ACCOUNT, namespace, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: PROMETHEUS_ACCOUNT },
    subjects: [{ kind: 'ServiceAccount', name: PROMETHEUS_ACCOUNT, namespace: accountNamespace }],
  };
}

/** Where the sidecar writes the workload certificates inside its own container. */
const SIDECAR_CERTS_DIR = '/etc/istio-output-certs';
const CERTS_VOLUME = 'istio-certs';

/**
 * Istio's way for a Prometheus to scrape pods that accept mutual TLS only: an injected sidecar that intercepts no
 * traffic (no inbound port, no outbound range) and only writes the pod's workload certificates to a shared
 * in-memory volume, which the Prometheus container reads for its client certificate (the ServiceMonitors say so).
 * Prometheus then calls with the identity `<trust domain>/ns/<namespace>/sa/clusterset-prometheus`.
 */
function meshCertificateSettings(): Record<string, unknown> {
  return {
    podMetadata: {
      labels: { 'sidecar.istio.io/inject': 'true' },
      annotations: {
        'traffic.sidecar.istio.io/includeInboundPorts': '',
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '',
        'proxy.istio.io/config': JSON.stringify({ proxyMetadata: { OUTPUT_CERTS: SIDECAR_CERTS_DIR } }),
        'sidecar.istio.io/userVolumeMount': JSON.stringify([{ name: CERTS_VOLUME, mountPath: SIDECAR_CERTS_DIR }]),
      },
    },
    volumes: [{ name: CERTS_VOLUME, emptyDir: { medium: 'Memory' } }],
    volumeMounts: [{ name: CERTS_VOLUME, mountPath: MESH_CERTS_DIR, readOnly: true }],
  };
}
