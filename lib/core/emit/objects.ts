import type { Role } from '../model';
import type { McsApiVersion } from '../api/cluster';
import { LABELS, type ServiceModel } from '../resolved';
import type { Manifest } from '../kube/manifest';
import type { NamespaceProps } from '../api/namespace';

/** A Namespace clusterset manages: bare, or with the labels and annotations the fleet declared for it. */
export function namespaceManifest(name: string, declared?: NamespaceProps): Manifest {
  const annotations = declared?.annotations && Object.keys(declared.annotations).length > 0 ? { annotations: { ...declared.annotations } } : {};
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...declared?.labels, [LABELS.managedBy]: LABELS.managerValue }, ...annotations },
  };
}

/** Options of the Service clusterset puts in a cluster. */
export interface ServiceManifestOptions {
  readonly role: Role;
  /** Active Services select their pods; placeholder Services have no selector so nothing local competes with the wiring. */
  readonly withSelector: boolean;
  readonly clusterIP?: string;
  /** For ExternalName wiring. */
  readonly externalName?: string;
}

export function serviceManifest(service: ServiceModel, options: ServiceManifestOptions): Manifest {
  const ports = service.ports.map((p) => ({
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    ...(options.externalName ? {} : { targetPort: p.targetPort ?? p.port }),
  }));
  const spec = options.externalName
    ? { type: 'ExternalName', externalName: options.externalName, ports }
    : {
        type: 'ClusterIP',
        // Only the active Service of a StatefulSet is headless: a placeholder needs a VIP for the mesh or slice to catch.
        ...(service.headless && options.role === 'active' ? { clusterIP: 'None' } : options.clusterIP ? { clusterIP: options.clusterIP } : {}),
        ...(options.withSelector ? { selector: { ...service.selector } } : {}),
        ports,
      };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: service.name,
      namespace: service.namespace,
      labels: { ...service.labels, [LABELS.role]: options.role },
    },
    spec,
  };
}

/** The MCS ServiceExport that makes Lighthouse serve `{app}.{ns}.svc.clusterset.local`. */
export function serviceExportManifest(service: ServiceModel, apiVersion: McsApiVersion): Manifest {
  return {
    apiVersion: `multicluster.x-k8s.io/${apiVersion}`,
    kind: 'ServiceExport',
    metadata: { name: service.name, namespace: service.namespace, labels: { ...service.labels } },
  };
}
