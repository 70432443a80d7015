// The checks of a FleetMonitoring that its shape alone cannot make: one per fleet, a usable store URL,
// names Kubernetes accepts, and metrics ports Prometheus can scrape.
import type { MonitoringSpec, ResolvedService } from '../model';
import type { Problems } from '../errors';
import { dns1035LabelProblem, dns1123LabelProblem, labelKeyProblem, labelValueProblem, portNameProblem } from '../kube/names';
import { METRICS_PORT_NAMES, monitoringDefaults } from '../emit/monitoring-names';

/** The one FleetMonitoring the plan can follow, after reporting every problem of each; undefined when none is usable. */
export function checkMonitoring(specs: readonly MonitoringSpec[], problems: Problems): MonitoringSpec | undefined {
  if (specs.length === 0) return undefined;
  const [first, ...others] = specs;
  for (const other of others) {
    problems.add(other.path, `the fleet already has a FleetMonitoring at ${first.path}, and each cluster runs one Prometheus; merge the two into one FleetMonitoring`);
  }
  let ok = others.length === 0;
  for (const spec of specs) ok = checkOne(spec, problems) && ok;
  return ok ? first : undefined;
}

function checkOne({ path, props }: MonitoringSpec, problems: Problems): boolean {
  const found: string[] = [];
  const report = (message: string) => found.push(message);
  const urlProblem = remoteWriteUrlProblem(props.remoteWrite.url);
  if (urlProblem) report(`remoteWrite.url "${props.remoteWrite.url}" ${urlProblem}`);
  const { namespace, label } = monitoringDefaults(props);
  const nsProblem = dns1123LabelProblem(namespace);
  if (nsProblem) report(`namespace "${namespace}" ${nsProblem}; give the namespace of the Prometheus, such as "monitoring"`);
  const keyProblem = labelKeyProblem(label.key);
  if (keyProblem) report(`serviceMonitorLabel.key "${label.key}" ${keyProblem}; give a label key such as clusterset.dev/prometheus`);
  const valueProblem = labelValueProblem(label.value);
  if (valueProblem) report(`serviceMonitorLabel.value "${label.value}" ${valueProblem}; give a label value such as clusterset`);
  if (props.replicas !== undefined && !(Number.isInteger(props.replicas) && props.replicas >= 1)) {
    report(`replicas ${props.replicas} must be a whole number of Prometheus replicas, at least 1; leave it out for 1`);
  }
  (props.alertmanagers ?? []).forEach((am, i) => {
    const at = `alertmanagers[${i}]`;
    const nameProblem = dns1035LabelProblem(am.name);
    if (nameProblem) report(`${at}.name "${am.name}" ${nameProblem}; give the name of the Alertmanager's Service`);
    const amNsProblem = am.namespace === undefined ? undefined : dns1123LabelProblem(am.namespace);
    if (amNsProblem) report(`${at}.namespace "${am.namespace}" ${amNsProblem}; give the namespace of the Alertmanager's Service`);
    const portProblem = am.port === undefined ? undefined : portNameProblem(am.port);
    if (portProblem) report(`${at}.port "${am.port}" ${portProblem}; give the name of the Service's port, such as "web"`);
  });
  for (const message of found) problems.add(path, message);
  return found.length === 0;
}

/** Why `url` cannot be a remote-write endpoint, or undefined. */
function remoteWriteUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL; give the store\'s remote-write endpoint, such as https://metrics.example.com/api/v1/write';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `has the scheme "${parsed.protocol.slice(0, -1)}"; Prometheus writes over http or https, such as https://metrics.example.com/api/v1/write`;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'holds credentials, which would be written into every cluster\'s files; remove them and give the store\'s credentials through a Secret';
  }
  return undefined;
}

/**
 * Ports named for metrics that Prometheus cannot scrape: it scrapes over HTTP, that is TCP. Checked on every
 * service when the fleet is monitored.
 */
export function checkMetricsPorts(services: readonly ResolvedService[], problems: Problems): void {
  for (const { model } of services) {
    for (const port of model.ports) {
      if (METRICS_PORT_NAMES.includes(port.name) && (port.protocol ?? 'TCP') !== 'TCP') {
        problems.add(
          model.path,
          `port "${port.name}" is ${port.protocol}, but a port named ${METRICS_PORT_NAMES.map((n) => `"${n}"`).join(' or ')} is scraped by the fleet's Prometheus over HTTP (TCP); make it TCP, or rename it`,
        );
      }
    }
  }
}
