import type { Manifest } from '../kube/manifest';
import type { Role } from '../model';
import { LABELS, type ServiceModel } from '../resolved';
import { mergeSorted } from '../kube/maps';
import { WorkloadKind } from '../api/service';
import type { ContainerResources } from '../api/resources';
import { mergedPod, type ServiceContainer } from './pod-template';
import { withSecurityDefaults } from './pod-security-defaults';
import { jsonCopy } from './overriders';
import { PodSecurityLevel } from '../api/pod-security';

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
  /** The service's pod template (plain JSON PodTemplateSpec). @default - the service's container alone */
  readonly podTemplate?: Record<string, unknown>;
  /** A StatefulSet's PersistentVolumeClaim templates. @default - none */
  readonly volumeClaimTemplates?: ReadonlyArray<Record<string, unknown>>;
  /** The pods' level: every level but PRIVILEGED fills the restricted defaults in. @default PodSecurityLevel.RESTRICTED */
  readonly podSecurity?: PodSecurityLevel;
}

export function workloadManifest(service: ServiceModel, settings: WorkloadSettings): Manifest {
  const labels = mergeSorted(service.labels, settings.labels, { [LABELS.role]: settings.role });
  const annotations = Object.keys(settings.annotations).length > 0 ? { annotations: { ...settings.annotations } } : {};
  const pod = mergedPod(settings.podTemplate, containerSpec(service, settings));
  // The template's labels and annotations go on the pods only; the service's own win, and the selector always.
  const podLabels = mergeSorted(pod.metadata.labels as Record<string, string> | undefined, service.labels, settings.labels, service.selector);
  const podAnnotations = mergeSorted(pod.metadata.annotations as Record<string, string> | undefined, settings.annotations);
  const claims = settings.volumeClaimTemplates ?? [];
  const spec = {
    ...(settings.replicas !== undefined ? { replicas: settings.replicas } : {}),
    ...(settings.kind === WorkloadKind.STATEFUL_SET ? { serviceName: service.name } : {}),
    selector: { matchLabels: { ...service.selector } },
    template: {
      metadata: { labels: podLabels, ...(Object.keys(podAnnotations).length > 0 ? { annotations: podAnnotations } : {}) },
      // PRIVILEGED writes the pod as the template says: whoever chose it manages its security.
      spec: settings.podSecurity === PodSecurityLevel.PRIVILEGED ? pod.spec : withSecurityDefaults(pod.spec),
    },
    ...(claims.length > 0 ? { volumeClaimTemplates: claims.map((c) => jsonCopy(c)) } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: settings.kind,
    metadata: { name: service.name, namespace: service.namespace, labels, ...annotations },
    spec,
  };
}

function containerSpec(service: ServiceModel, settings: WorkloadSettings): ServiceContainer {
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
  return { name: service.name, image: settings.image, ports, env, command: settings.command, args: settings.args, resources: settings.resources };
}
