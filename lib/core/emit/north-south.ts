// North-south weights (design document 001): an outer nginx proxies every cluster's ingress nodes, and
// weighs each node by the pods of the service behind it, a pod counting 10. Read from the plan, so it
// follows whatever decided where pods run (placements, division, overrides).
import type { ClusterProps } from '../api/cluster';
import type { ServicePort } from '../api/port';
import type { FleetPlan, NorthSouthTable, ServiceSummary } from '../model';
import { IstioProtocol, istioProtocol } from '../../networking/istio';

/** What one pod (or one virtual machine, in the design's mixed fleets) weighs. */
export const POD_WEIGHT = 10;

/** The weight of each of a cluster's `ingressNodes` nodes fronting `pods` pods: max(1, floor(pods × 10 / nodes)). */
export function ingressNodeWeight(pods: number, ingressNodes: number): number {
  return Math.max(1, Math.floor((pods * POD_WEIGHT) / ingressNodes));
}

/** The addresses of a cluster's ingress nodes: as declared, or `<cluster>-ingress-<n>`; none without ingressNodes. */
export function ingressAddressesOf(cluster: ClusterProps): string[] {
  if (cluster.ingressNodes === undefined) return [];
  return cluster.ingressAddresses ?? Array.from({ length: cluster.ingressNodes }, (_, n) => `${cluster.name}-ingress-${n + 1}`);
}

/**
 * The nginx upstream of a service. Namespaces and service names are DNS labels, which hold no "_", so
 * the name is unique per service; anything else is dropped, so the name is one nginx token whatever it is given.
 */
export function upstreamName(namespace: string, name: string): string {
  const token = (text: string) => text.replace(/[^A-Za-z0-9-]/g, '');
  return `clusterset_${token(namespace)}_${token(name)}`;
}

/** Ports the outer proxy forwards as HTTP: those Istio would treat as HTTP or HTTP2 (plain TCP and TLS pass through unweighed). */
export function isHttpPort(port: ServicePort): boolean {
  if (port.protocol !== undefined && port.protocol !== 'TCP') return false;
  const protocol = istioProtocol(port);
  return protocol === IstioProtocol.HTTP || protocol === IstioProtocol.HTTP2;
}

/**
 * A table per service with an HTTP port and at least one cluster that runs its pods and declares
 * ingressNodes, in the plan's service order (namespace, then name). A cluster runs the service when it is
 * among the summary's active clusters with replicas above 0 that export it; placeholders, idle clusters and
 * withdrawn ones (a migration's source after the switch, a cluster that is down) never appear.
 */
export function northSouthTables(plan: FleetPlan, clusters: readonly ClusterProps[], portsOf: (service: ServiceSummary) => readonly ServicePort[]): NorthSouthTable[] {
  const tables: NorthSouthTable[] = [];
  for (const service of plan.services) {
    const ports = portsOf(service).filter(isHttpPort);
    if (ports.length === 0) continue;
    const withdrawn = service.withdrawn ?? [];
    const serving = clusters.filter((c) => service.active.includes(c.name) && !withdrawn.includes(c.name) && (service.replicas[c.name] ?? 0) > 0);
    const fronted = serving.filter((c) => c.ingressNodes !== undefined);
    if (fronted.length === 0) continue;
    tables.push({
      path: service.path,
      namespace: service.namespace,
      name: service.name,
      upstream: upstreamName(service.namespace, service.name),
      ports: ports.map((p) => p.name),
      entries: fronted.map((c) => {
        const pods = service.replicas[c.name];
        const weight = ingressNodeWeight(pods, c.ingressNodes as number);
        return { cluster: c.name, pods, nodes: ingressAddressesOf(c).map((address) => ({ address, weight })) };
      }),
      unfronted: serving.filter((c) => c.ingressNodes === undefined).map((c) => c.name),
    });
  }
  return tables;
}
