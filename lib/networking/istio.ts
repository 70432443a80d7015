import type { Manifest } from '../core/manifest';
import { serviceManifest } from '../core/objects';
import type { ServicePort } from '../core/service';
import type { ServiceModel } from '../core/service-model';
import type { PlaceholderWiring, WiringContext } from './wiring';

/** Istio's protocol names for ServiceEntry ports. */
export type IstioProtocol = 'HTTP' | 'HTTP2' | 'GRPC' | 'HTTPS' | 'TLS' | 'TCP' | 'MONGO' | 'MYSQL' | 'REDIS';

const PROTOCOL_BY_PREFIX: Readonly<Record<string, IstioProtocol>> = {
  http: 'HTTP',
  http2: 'HTTP2',
  h2c: 'HTTP2',
  'kubernetes.io/h2c': 'HTTP2',
  grpc: 'GRPC',
  'grpc-web': 'GRPC',
  https: 'HTTPS',
  tls: 'TLS',
  tcp: 'TCP',
  mongo: 'MONGO',
  mysql: 'MYSQL',
  redis: 'REDIS',
};

/**
 * The protocol Istio will treat a port as: `appProtocol` first, then the port name's prefix
 * (`http`, `http-alt`, `grpc-api`...), else plain TCP, as Istio's protocol selection does.
 */
export function istioProtocol(port: ServicePort): IstioProtocol {
  if (port.appProtocol) {
    const known = PROTOCOL_BY_PREFIX[port.appProtocol.toLowerCase()];
    if (known) return known;
  }
  return PROTOCOL_BY_PREFIX[port.name.split('-')[0]] ?? 'TCP';
}

/** Which VirtualService route list serves a protocol: only HTTP-family ports get `http` routes. */
function routeKind(protocol: IstioProtocol): 'http' | 'tls' | 'tcp' {
  if (protocol === 'HTTP' || protocol === 'HTTP2' || protocol === 'GRPC') return 'http';
  if (protocol === 'HTTPS' || protocol === 'TLS') return 'tls';
  return 'tcp';
}

/**
 * A VirtualService sends the plain host to the clusterset host, one route per port of the matching
 * kind, and a MESH_EXTERNAL ServiceEntry declares the clusterset host. Since MESH_EXTERNAL turns mTLS
 * off, a DestinationRule with ISTIO_MUTUAL is added when either side's mesh enforces STRICT mTLS.
 */
export const istioWiring: PlaceholderWiring = {
  name: 'ISTIO',

  addressNeeded: () => undefined,

  problems({ service, cluster, sources }: WiringContext): string[] {
    const problems: string[] = [];
    if (!cluster.mesh) {
      problems.push(
        `networking ISTIO needs Istio in cluster "${cluster.name}", which has no mesh; ` +
          'give the cluster mesh: { network: ... } or use Networking.ENDPOINT_SLICE or Networking.EXTERNAL_NAME',
      );
    }
    if (!cluster.mcs) {
      problems.push(
        `networking ISTIO resolves ${service.clustersetHost} by DNS, but cluster "${cluster.name}" sets mcs: false; ` +
          'enable Lighthouse there or use Networking.ENDPOINT_SLICE',
      );
    }
    for (const port of service.ports.filter((p) => p.protocol === 'UDP' || p.protocol === 'SCTP')) {
      problems.push(
        `port "${port.name}" is ${port.protocol}, which Istio does not route; ` +
          'use Networking.ENDPOINT_SLICE or Networking.EXTERNAL_NAME for this service',
      );
    }
    const strict = strictClusters({ service, cluster, sources });
    if (strict.length > 0) {
      for (const source of sources.filter((s) => !s.cluster.mesh)) {
        problems.push(
          `STRICT mTLS in ${strict.map((c) => `"${c}"`).join(', ')} makes calls to ${service.clustersetHost} from "${cluster.name}" ` +
            `use ISTIO_MUTUAL, but active cluster "${source.cluster.name}" has no mesh to accept it; add Istio there or use Networking.ENDPOINT_SLICE`,
        );
      }
    }
    return problems;
  },

  objects(context: WiringContext): Manifest[] {
    const { service, cluster } = context;
    const apiVersion = `networking.istio.io/${cluster.mesh?.apiVersion ?? 'v1beta1'}`;
    const objects = [
      serviceManifest(service, { role: 'placeholder', withSelector: false }),
      virtualService(service, apiVersion),
      serviceEntry(service, apiVersion),
    ];
    if (strictClusters(context).length > 0) objects.push(destinationRule(service, apiVersion));
    return objects;
  },
};

/**
 * The clusters that make ISTIO_MUTUAL necessary: an active cluster enforcing STRICT rejects the plain
 * text a MESH_EXTERNAL entry sends; a placeholder cluster marked STRICT declares that its mesh talks
 * mutual TLS only (one trust domain across the fleet), so its calls originate mTLS too.
 */
function strictClusters({ cluster, sources }: WiringContext): string[] {
  return [cluster, ...sources.map((s) => s.cluster)].filter((c) => c.mesh?.strictMtls === true).map((c) => c.name);
}

function virtualService(service: ServiceModel, apiVersion: string): Manifest {
  const routes: Record<'http' | 'tls' | 'tcp', Array<Record<string, unknown>>> = { http: [], tls: [], tcp: [] };
  for (const port of service.ports) {
    const kind = routeKind(istioProtocol(port));
    const route = [{ destination: { host: service.clustersetHost, port: { number: port.port } }, weight: 100 }];
    if (kind === 'http') routes.http.push({ name: port.name, match: [{ port: port.port }], route });
    if (kind === 'tls') routes.tls.push({ match: [{ port: port.port, sniHosts: [service.localHost] }], route });
    if (kind === 'tcp') routes.tcp.push({ match: [{ port: port.port }], route });
  }
  const spec = Object.fromEntries(Object.entries(routes).filter(([, list]) => list.length > 0));
  return {
    apiVersion,
    kind: 'VirtualService',
    metadata: { name: `${service.name}-cross-cluster`, namespace: service.namespace, labels: { ...service.labels } },
    spec: { hosts: [service.localHost], ...spec },
  };
}

function serviceEntry(service: ServiceModel, apiVersion: string): Manifest {
  return {
    apiVersion,
    kind: 'ServiceEntry',
    metadata: { name: `external-${service.name}`, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      hosts: [service.clustersetHost],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: service.ports.map((p) => {
        const protocol = istioProtocol(p);
        return { name: `${protocol.toLowerCase()}-${p.port}`, number: p.port, protocol };
      }),
    },
  };
}

function destinationRule(service: ServiceModel, apiVersion: string): Manifest {
  return {
    apiVersion,
    kind: 'DestinationRule',
    metadata: { name: `${service.name}-clusterset-mtls`, namespace: service.namespace, labels: { ...service.labels } },
    spec: { host: service.clustersetHost, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
  };
}
