import type { Manifest } from '../core/kube/manifest';
import { serviceManifest } from '../core/emit/objects';
import type { ServicePort } from '../core/api/port';
import type { ServiceModel } from '../core/resolved';
import { mutualTlsRule, unmeshedSourceProblems } from './mutual-tls';
import type { IPlaceholderWiring, WiringContext } from '../core/wiring';
import type { IstioNetworkingProps } from './istio-options';
import { own } from '../core/kube/own';
import { meshIsStrict } from '../core/resolve/mesh-strict';

/** Istio's protocol names for ServiceEntry ports. */
export enum IstioProtocol {
  HTTP = 'HTTP',
  HTTP2 = 'HTTP2',
  GRPC = 'GRPC',
  HTTPS = 'HTTPS',
  TLS = 'TLS',
  TCP = 'TCP',
  MONGO = 'MONGO',
  MYSQL = 'MYSQL',
  REDIS = 'REDIS',
}

/** The protocol names Istio parses (case-insensitive), from `appProtocol` or a port name's prefix. */
const PROTOCOL_BY_NAME: Readonly<Record<string, IstioProtocol>> = {
  tcp: IstioProtocol.TCP,
  http: IstioProtocol.HTTP,
  http_proxy: IstioProtocol.HTTP,
  http2: IstioProtocol.HTTP2,
  grpc: IstioProtocol.GRPC,
  https: IstioProtocol.HTTPS,
  tls: IstioProtocol.TLS,
  mongo: IstioProtocol.MONGO,
  mysql: IstioProtocol.MYSQL,
  redis: IstioProtocol.REDIS,
  // Kubernetes' standard appProtocol for cleartext HTTP/2.
  'kubernetes.io/h2c': IstioProtocol.HTTP2,
};

/** Ports Istio never sniffs: an unnamed protocol there is plain TCP. */
const WELL_KNOWN_TCP_PORTS: ReadonlySet<number> = new Set([25, 53, 3306, 27017]);

/**
 * The protocol Istio will treat a port as, as its ConvertProtocol does: `appProtocol` when set, else the
 * port name; `grpc-web...` is gRPC-Web (an HTTP protocol); otherwise the part before the first `-`. A name
 * Istio does not know leaves the protocol to sniffing (undefined), except on a few well-known TCP ports.
 */
export function istioProtocol(port: ServicePort): IstioProtocol | undefined {
  const name = (port.appProtocol ?? port.name).toLowerCase();
  if (name.startsWith('grpc-web')) return IstioProtocol.GRPC;
  // Own keys only: a port named `constructor` must not find Object.prototype's members.
  const known = own(PROTOCOL_BY_NAME, name) ?? own(PROTOCOL_BY_NAME, name.split('-')[0]);
  if (known) return known;
  return WELL_KNOWN_TCP_PORTS.has(port.port) ? IstioProtocol.TCP : undefined;
}

/** Which VirtualService route list serves a protocol: only HTTP-family ports get `http` routes. */
function routeKind(protocol: IstioProtocol): 'http' | 'tls' | 'tcp' {
  if (protocol === IstioProtocol.HTTP || protocol === IstioProtocol.HTTP2 || protocol === IstioProtocol.GRPC) return 'http';
  if (protocol === IstioProtocol.HTTPS || protocol === IstioProtocol.TLS) return 'tls';
  return 'tcp';
}

/**
 * A VirtualService sends the plain host to the clusterset host, one route per port of the matching
 * kind, and a MESH_EXTERNAL ServiceEntry declares the clusterset host. Since MESH_EXTERNAL turns mTLS
 * off, a DestinationRule with ISTIO_MUTUAL is added when either side's mesh enforces STRICT mTLS.
 * `props` (already checked by the input shapes) add a timeout and retries to the `http` routes and an
 * `exportTo` to every Istio object; without them the objects are the same as ever.
 */
export function istioWiring(props: IstioNetworkingProps): IPlaceholderWiring {
  return {
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
      for (const port of service.ports.filter((p) => p.protocol !== 'UDP' && p.protocol !== 'SCTP' && istioProtocol(p) === undefined)) {
        problems.push(
          `port "${port.name}"${port.appProtocol ? ` (appProtocol "${port.appProtocol}")` : ''} names no protocol Istio knows, so Istio sniffs it, ` +
            'and one VirtualService route cannot serve both what it sniffs as HTTP and as TCP; name the port with a protocol prefix ' +
            '(http-, grpc-, tcp-, tls-...) or set appProtocol, or use Networking.ENDPOINT_SLICE or Networking.EXTERNAL_NAME',
        );
      }
      for (const port of service.ports.filter((p) => p.protocol === 'UDP' || p.protocol === 'SCTP')) {
        problems.push(
          `port "${port.name}" is ${port.protocol}, which Istio does not route; ` +
            'use Networking.ENDPOINT_SLICE or Networking.EXTERNAL_NAME for this service',
        );
      }
      const strict = strictClusters({ service, cluster, sources });
      if (strict.length > 0) problems.push(...unmeshedSourceProblems(strict, service.clustersetHost, { service, cluster, sources }));
      return problems;
    },

    objects(context: WiringContext): Manifest[] {
      const { service, cluster } = context;
      const apiVersion = `networking.istio.io/${cluster.mesh?.apiVersion ?? 'v1beta1'}`;
      const split = trafficSplit(context);
      const mesh: Manifest[] = [virtualService(service, apiVersion, split, props), serviceEntry(service, apiVersion, split)];
      if (strictClusters(context).length > 0) {
        mesh.push(mutualTlsRule(service, apiVersion, service.clustersetHost, `${service.name}-clusterset-mtls`));
        if (split.length > 1) mesh.push(mutualTlsRule(service, apiVersion, `*.${service.clustersetHost}`, `${service.name}-clusterset-mtls-clusters`));
      }
      return [serviceManifest(service, { role: 'placeholder', withSelector: false, clusterIP: context.clusterIP }), ...mesh.map((o) => withExportTo(o, props.exportTo))];
    },
  };
}

/** The object seen only by the sidecars of `exportTo`'s namespaces; unchanged without it. */
function withExportTo(object: Manifest, exportTo: readonly string[] | undefined): Manifest {
  if (exportTo === undefined) return object;
  return { ...object, spec: { ...(object.spec as Record<string, unknown>), exportTo: [...exportTo] } };
}

/** The timeout and retries of an `http` route, in Istio's field names; nothing when not asked for. */
function httpPolicy(props: IstioNetworkingProps): Record<string, unknown> {
  const { timeout, retries } = props;
  return {
    ...(timeout !== undefined ? { timeout } : {}),
    ...(retries !== undefined
      ? {
          retries: {
            attempts: retries.attempts,
            ...(retries.perTryTimeout !== undefined ? { perTryTimeout: retries.perTryTimeout } : {}),
            ...(retries.retryOn !== undefined ? { retryOn: retries.retryOn.join(',') } : {}),
          },
        }
      : {}),
  };
}

/**
 * The clusters that make ISTIO_MUTUAL necessary: an active cluster enforcing STRICT rejects the plain
 * text a MESH_EXTERNAL entry sends; a placeholder cluster marked STRICT declares that its mesh talks
 * mutual TLS only (one trust domain across the fleet), so its calls originate mTLS too.
 */
function strictClusters({ service, cluster, sources }: WiringContext): string[] {
  return [cluster, ...sources.map((s) => s.cluster)].filter((c) => meshIsStrict(c, service.namespace)).map((c) => c.name);
}

/** Where traffic goes: one destination host with weight 100, or per-cluster hosts weighted by replica share. */
interface Destination {
  readonly host: string;
  readonly weight: number;
}

/**
 * With several active clusters whose replica shares are known (divided scheduling), traffic is split
 * over the cluster-specific names `{cluster}.{app}.{ns}.svc.clusterset.local` in proportion to the
 * shares (integer percentages by largest remainder); otherwise it all goes to the clusterset name.
 */
function trafficSplit({ service, sources }: WiringContext): Destination[] {
  const weighted = sources.filter((s) => s.weight !== undefined && s.weight > 0);
  if (weighted.length < 2 || weighted.length !== sources.length) return [{ host: service.clustersetHost, weight: 100 }];
  const total = weighted.reduce((sum, s) => sum + (s.weight ?? 0), 0);
  const exact = weighted.map((s) => ((s.weight ?? 0) * 100) / total);
  // Every cluster that runs replicas gets at least 1%, so none is left without traffic.
  const floors = exact.map((e) => Math.max(1, Math.floor(e)));
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  // Raising small shares to 1% may overshoot: take it back from the largest.
  while (left < 0) {
    const largest = floors.indexOf(Math.max(...floors));
    floors[largest]--;
    left++;
  }
  const byRemainder = exact.map((e, i) => [e - floors[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left === 0) break;
    floors[i]++;
    left--;
  }
  return weighted.map((s, i) => ({ host: `${s.cluster.name}.${service.clustersetHost}`, weight: floors[i] }));
}

function virtualService(service: ServiceModel, apiVersion: string, split: readonly Destination[], props: IstioNetworkingProps): Manifest {
  const routes: Record<'http' | 'tls' | 'tcp', Array<Record<string, unknown>>> = { http: [], tls: [], tcp: [] };
  for (const port of service.ports) {
    // A sniffed port never gets here: problems() refuses it.
    const kind = routeKind(istioProtocol(port) ?? IstioProtocol.TCP);
    const route = split.map((d) => ({ destination: { host: d.host, port: { number: port.port } }, weight: d.weight }));
    if (kind === 'http') routes.http.push({ name: port.name, match: [{ port: port.port }], route, ...httpPolicy(props) });
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

function serviceEntry(service: ServiceModel, apiVersion: string, split: readonly Destination[]): Manifest {
  return {
    apiVersion,
    kind: 'ServiceEntry',
    metadata: { name: `external-${service.name}`, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      hosts: [...new Set([service.clustersetHost, ...split.map((d) => d.host)])],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: service.ports.map((p) => {
        const protocol = istioProtocol(p) ?? IstioProtocol.TCP;
        return { name: `${protocol.toLowerCase()}-${p.port}`, number: p.port, protocol };
      }),
    },
  };
}
