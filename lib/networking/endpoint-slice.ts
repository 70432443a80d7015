import type { Cluster, ServiceModel } from '../core/resolved';
import type { Manifest } from '../core/kube/manifest';
import { serviceManifest } from '../core/emit/objects';
import { mutualTlsProblems, plainHostMutualTls } from './mutual-tls';
import { type ActiveSource, AddressKind, type IPlaceholderWiring, type WiringContext } from '../core/wiring';

/** Value of `endpointslice.kubernetes.io/managed-by`, so Kubernetes' EndpointSlice controller leaves our slices alone. */
export const ENDPOINT_SLICE_MANAGER = 'clusterset.dev';

/** Both sides run Globalnet: Submariner routes only global IPs between them. */
function usesGlobalnet(a: Cluster, b: Cluster): boolean {
  return a.globalnetCidr !== undefined && b.globalnetCidr !== undefined;
}

/**
 * A selector-less Service of the same name plus one labelled EndpointSlice per active cluster, whose
 * address is that cluster's Service IP (or Globalnet IP): kube-proxy then sends `{app}.{ns}.svc` across.
 */
export const endpointSliceWiring: IPlaceholderWiring = {
  name: 'ENDPOINT_SLICE',

  addressNeeded: (placeholder, source) => (usesGlobalnet(placeholder, source) ? AddressKind.GLOBALNET : AddressKind.CLUSTER_IP),

  problems(context: WiringContext): string[] {
    const { service, cluster } = context;
    if (service.headless) {
      return [
        `networking ENDPOINT_SLICE cannot serve headless service "${service.name}" in cluster "${cluster.name}": ` +
          'a StatefulSet Service has no ClusterIP to point at; use Networking.ISTIO or Networking.EXTERNAL_NAME',
      ];
    }
    return mutualTlsProblems('ENDPOINT_SLICE', context);
  },

  objects(context: WiringContext): Manifest[] {
    const { service, sources } = context;
    return [
      serviceManifest(service, { role: 'placeholder', withSelector: false, clusterIP: context.clusterIP }),
      ...sources.map((source) => endpointSlice(service, source)),
      ...plainHostMutualTls(context),
    ];
  },
};

function endpointSlice(service: ServiceModel, source: ActiveSource): Manifest {
  const address = source.address ?? source.liveAddress;
  if (!address) throw new Error(`internal: no address resolved for ${service.path} in ${source.cluster.name}`);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service.name}-${source.cluster.name}`,
      namespace: service.namespace,
      labels: {
        ...service.labels,
        'kubernetes.io/service-name': service.name,
        'multicluster.kubernetes.io/service-name': service.name,
        'multicluster.kubernetes.io/source-cluster': source.cluster.name,
        'endpointslice.kubernetes.io/managed-by': ENDPOINT_SLICE_MANAGER,
      },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: service.ports.map((p) => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
  };
}
