import type { Manifest } from '../kube/manifest';
import type { Role } from '../model';
import { LABELS, type ServiceModel } from '../resolved';
import { mergeSorted } from '../kube/maps';
import { WorkloadKind } from '../api/service';
import type { ContainerResources } from '../api/resources';

/** What one cluster's copy of the workload runs, after overrides. */
export interface WorkloadSettings {
  readonly kind: WorkloadKind;
  readonly role: Role;
  readonly image: string;
  /** The replicas, or undefined where an autoscaler owns them (the field is then left out, as Kubernetes advises). */
  readonly replicas?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly resources?: ContainerResources;
}

export function workloadManifest(service: ServiceModel, settings: WorkloadSettings): Manifest {
  const labels = mergeSorted(service.labels, settings.labels, { [LABELS.role]: settings.role });
  const podLabels = mergeSorted(service.labels, settings.labels, service.selector);
  const annotations = Object.keys(settings.annotations).length > 0 ? { annotations: { ...settings.annotations } } : {};
  const spec = {
    ...(settings.replicas !== undefined ? { replicas: settings.replicas } : {}),
    ...(settings.kind === WorkloadKind.STATEFUL_SET ? { serviceName: service.name } : {}),
    selector: { matchLabels: { ...service.selector } },
    template: {
      metadata: { labels: podLabels, ...annotations },
      spec: { containers: [containerSpec(service, settings)] },
    },
  };
  return {
    apiVersion: 'apps/v1',
    kind: settings.kind,
    metadata: { name: service.name, namespace: service.namespace, labels, ...annotations },
    spec,
  };
}

function containerSpec(service: ServiceModel, settings: WorkloadSettings): Record<string, unknown> {
  const seen = new Set<string>();
  const ports: Array<Record<string, unknown>> = [];
  for (const p of service.ports) {
    const containerPort = p.targetPort ?? p.port;
    const protocol = p.protocol ?? 'TCP';
    // Two Service ports may target one container port; a Pod spec lists it once.
    if (seen.has(`${containerPort}/${protocol}`)) continue;
    seen.add(`${containerPort}/${protocol}`);
    ports.push({ name: p.name, containerPort, protocol });
  }
  const env = Object.entries(mergeSorted(settings.env)).map(([name, value]) => ({ name, value }));
  return {
    name: service.name,
    image: settings.image,
    ports,
    ...(env.length > 0 ? { env } : {}),
    ...(settings.command ? { command: [...settings.command] } : {}),
    ...(settings.args ? { args: [...settings.args] } : {}),
    ...(settings.resources ? { resources: resourcesSpec(settings.resources) } : {}),
  };
}

function resourcesSpec(resources: ContainerResources): Record<string, unknown> {
  return {
    ...(resources.requests ? { requests: { ...resources.requests } } : {}),
    ...(resources.limits ? { limits: { ...resources.limits } } : {}),
  };
}
