// Fleet monitoring (issue 12 §5): one Prometheus per cluster with an identity unique in the fleet, shipping
// to one central store, and a ServiceMonitor per service exposing metrics (docs/governance.md).

/** The scheme Prometheus speaks to an Alertmanager with. */
export enum AlertmanagerScheme {
  HTTP = 'http',
  HTTPS = 'https',
}

/** Where every cluster's Prometheus sends its samples: one central store for the whole fleet. */
export interface RemoteWriteProps {
  /** The store's remote-write endpoint, an `http` or `https` URL such as `https://metrics.example.com/api/v1/write`. @default - no default */
  readonly url: string;
  /**
   * Whether to drop the `prometheus_replica` label from what is sent: true for a store that deduplicates
   * the replicas of one Prometheus by their identity (the same series from each replica), false to keep it
   * for a store that deduplicates by that label at query time (Thanos).
   * @default false
   */
  readonly dropReplicaLabel?: boolean;
}

/** An Alertmanager each cluster's Prometheus sends alerts to, reached through a Kubernetes Service in that cluster. */
export interface AlertmanagerProps {
  /** The Service in front of the Alertmanager (a DNS-1035 label). @default - no default */
  readonly name: string;
  /** The Service's namespace. @default - the monitoring namespace */
  readonly namespace?: string;
  /** The name of the Service's port that serves the Alertmanager API. @default 'web' */
  readonly port?: string;
  /** How Prometheus speaks to it. @default AlertmanagerScheme.HTTP */
  readonly scheme?: AlertmanagerScheme;
}

/** The label the Prometheus of each cluster selects its ServiceMonitors by. */
export interface MonitoringLabel {
  /** The label's key, a qualified name such as `clusterset.dev/prometheus`. @default - no default */
  readonly key: string;
  /** The label's value. @default - no default */
  readonly value: string;
}

/** What a FleetMonitoring writes into every cluster of the fleet. */
export interface MonitoringProps {
  /** The environment every cluster's series are labelled with (`environment` external label), such as `prod`. @default - no default */
  readonly environment: string;
  /** The central store every cluster's Prometheus writes to. @default - no default */
  readonly remoteWrite: RemoteWriteProps;
  /** Alertmanagers each cluster's Prometheus sends alerts to. @default - alerts are evaluated, not sent */
  readonly alertmanagers?: AlertmanagerProps[];
  /** The namespace of each cluster's Prometheus and its ServiceAccount. @default 'monitoring' */
  readonly namespace?: string;
  /** The label the Prometheus selects ServiceMonitors by; every ServiceMonitor clusterset writes carries it. @default { key: 'clusterset.dev/prometheus', value: 'clusterset' } */
  readonly serviceMonitorLabel?: MonitoringLabel;
  /** Replicas of each cluster's Prometheus (each one carries its own `prometheus_replica` label). A whole number, at least 1. @default 1 */
  readonly replicas?: number;
}
