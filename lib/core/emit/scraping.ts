// Who scrapes what (FleetMonitoring): each cluster's Prometheus and, per service it scrapes there, the container
// ports behind its metrics ports. The traffic rules of governed namespaces read it to admit exactly that scrape.
import type { ServicePort } from '../api/port';
import type { FleetPlan, MonitoringSpec, ServiceSummary } from '../model';
import { METRICS_PORT_NAMES, monitoringDefaults, PROMETHEUS_ACCOUNT, PROMETHEUS_NAME } from './monitoring-names';
import { containerPort, type PolicyPort } from './network-policies';

/** The Prometheus of every cluster, and what it scrapes where. */
export interface Scraping {
  /** The namespace its pods run in. */
  readonly namespace: string;
  /** The service account they run as (their mesh identity, where they scrape with mutual TLS). */
  readonly account: string;
  /** Labels prometheus-operator gives its pods, which users cannot override (the Prometheus CRD's podMetadata). */
  readonly podLabels: { readonly [key: string]: string };
  /** Per cluster, per service path, the container ports scraped there: where the plan runs the service's pods. */
  readonly targets: ReadonlyMap<string, ReadonlyMap<string, readonly PolicyPort[]>>;
}

/** The labels prometheus-operator puts on the pods of the Prometheus named `name`, reserved from users' podMetadata. */
export function prometheusPodLabels(name: string = PROMETHEUS_NAME): { readonly [key: string]: string } {
  return { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': name };
}

/** One service Prometheus scrapes in one cluster: its metrics ports, where the plan runs its pods (replicas above 0). */
export interface MetricsTarget {
  readonly service: ServiceSummary;
  readonly cluster: string;
  readonly ports: readonly ServicePort[];
}

/** Every service with a metrics port, in every cluster where the plan runs its pods: what the ServiceMonitors select. */
export function metricsTargets(plan: FleetPlan, portsOf: (service: ServiceSummary) => readonly ServicePort[]): MetricsTarget[] {
  const found: MetricsTarget[] = [];
  for (const service of plan.services) {
    const ports = portsOf(service).filter((p) => METRICS_PORT_NAMES.includes(p.name));
    if (ports.length === 0) continue;
    for (const cluster of plan.clusters) if ((service.replicas[cluster.cluster] ?? 0) > 0) found.push({ service, cluster: cluster.cluster, ports });
  }
  return found;
}

/** The scraping of `plan` by the monitoring `spec`, clusters and services as the ServiceMonitors have them. */
export function scrapingOf(spec: MonitoringSpec, plan: FleetPlan, portsOf: (service: ServiceSummary) => readonly ServicePort[]): Scraping {
  const targets = new Map<string, Map<string, PolicyPort[]>>();
  for (const { service, cluster, ports } of metricsTargets(plan, portsOf)) {
    const here = targets.get(cluster) ?? new Map<string, PolicyPort[]>();
    here.set(service.path, ports.map(containerPort));
    targets.set(cluster, here);
  }
  return { namespace: monitoringDefaults(spec.props).namespace, account: PROMETHEUS_ACCOUNT, podLabels: prometheusPodLabels(), targets };
}
