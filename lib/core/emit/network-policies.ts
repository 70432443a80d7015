// NetworkPolicies from the call graph (docs/governance.md, "Least-privilege traffic"). A remote caller's packets
// keep their source address through Submariner (its gateways and route agents do not translate pod traffic), so a
// pod sees the calling pod's IP, from the calling cluster's pod CIDR; with Globalnet, Submariner translates it to
// one of the calling cluster's global egress IPs, from its Globalnet CIDR. A remote pod never matches a selector.
import type { IngressSourceProps } from '../api/ingress-source';
import type { Manifest } from '../kube/manifest';
import type { ServicePort } from '../api/port';
import { cidrsOverlap } from '../kube/cidr';
import { LABELS, type Cluster, type ServiceModel } from '../resolved';

/** The label Kubernetes puts on every Namespace, naming it. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Name of the default-deny NetworkPolicy of a governed namespace. */
export const DEFAULT_DENY_NAME = 'clusterset-default-deny';

/** Who may call a service's pods in one cluster. */
export interface Admitted {
  /** Local callers, by the labels of their pods and their namespace. */
  readonly local: ReadonlyArray<{ readonly namespace: string; readonly selector: { readonly [key: string]: string } }>;
  /** Clusters whose pods call from afar. */
  readonly remote: readonly Cluster[];
}

/** The NetworkPolicy admitting only `admitted` to the service's pods in `cluster`, on the service's ports. */
export function callersPolicy(service: ServiceModel, cluster: Cluster, admitted: Admitted, name: string): Manifest {
  const peers: Array<Record<string, unknown>> = admitted.local.map((caller) => ({
    podSelector: { matchLabels: { ...caller.selector } },
    ...(caller.namespace !== service.namespace ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: caller.namespace } } } : {}),
  }));
  for (const block of remoteBlocks(cluster, admitted.remote)) peers.push({ ipBlock: { cidr: block } });
  const ports = service.ports.map(containerPort);
  return admittingPolicy(service, name, peers, ports);
}

/** A container port a NetworkPolicy admits. */
export interface PolicyPort {
  readonly port: number;
  readonly protocol: string;
}

/** The container port behind a Service port: NetworkPolicies and mesh rules see the port the pod receives on. */
export function containerPort(p: ServicePort): PolicyPort {
  return { port: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' };
}

/**
 * The NetworkPolicy admitting a cluster's Prometheus (pods labelled `podLabels` in `namespace`) to the service's
 * pods on the ports it scrapes: it scrapes pod addresses directly, from its own pod address, in the same cluster.
 */
export function scrapePolicy(service: ServiceModel, prometheus: { readonly namespace: string; readonly podLabels: { readonly [key: string]: string } }, ports: readonly PolicyPort[], name: string): Manifest {
  const peer = { podSelector: { matchLabels: { ...prometheus.podLabels } }, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: prometheus.namespace } } };
  return admittingPolicy(service, name, [peer], ports);
}

/**
 * The NetworkPolicy admitting north-south traffic to the service's pods on `ports` (its HTTP ports): the
 * ingress controller's pods by namespace (and labels), or the host-network addresses it sends from.
 */
export function ingressPolicy(service: ServiceModel, sources: readonly IngressSourceProps[], ports: readonly PolicyPort[], name: string): Manifest {
  const peers: Array<Record<string, unknown>> = [];
  for (const source of sources) {
    // A service account alone speaks to AuthorizationPolicies only.
    if (source.namespace !== undefined) {
      peers.push({ podSelector: { matchLabels: { ...(source.podLabels ?? {}) } }, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: source.namespace } } });
    }
    for (const cidr of source.cidrs ?? []) peers.push({ ipBlock: { cidr } });
  }
  return admittingPolicy(service, name, peers, ports);
}

/** An ingress NetworkPolicy on the service's pods admitting `peers` on `ports` (each once); no peer, no rule: nothing admitted. */
function admittingPolicy(service: ServiceModel, name: string, peers: ReadonlyArray<Record<string, unknown>>, ports: readonly PolicyPort[]): Manifest {
  const unique = [...new Map(ports.map((p) => [`${p.protocol}/${p.port}`, { protocol: p.protocol, port: p.port }] as const)).values()];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      podSelector: { matchLabels: { ...service.selector } },
      policyTypes: ['Ingress'],
      // No peer at all (callers: [] in one cluster): no rule, so nothing is admitted.
      ingress: peers.length > 0 ? [{ from: [...peers], ports: unique }] : [],
    },
  };
}

/** The default-deny ingress NetworkPolicy of a namespace: every pod selected, nothing admitted. */
export function defaultDenyPolicy(namespace: string): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: DEFAULT_DENY_NAME, namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
}

/**
 * The source ranges of the remote clusters, sorted and once each. A range overlapping the cluster's own pods
 * is left out: it would admit every local pod, and Submariner cannot join such clusters without Globalnet.
 */
function remoteBlocks(cluster: Cluster, remote: readonly Cluster[]): string[] {
  const blocks = new Set<string>();
  for (const r of remote) {
    if (r.name === cluster.name) continue;
    const range = r.globalnetCidr ?? r.podCidr;
    if (!range) continue;
    if (cluster.podCidr && cidrsOverlap(range, cluster.podCidr)) continue;
    blocks.add(range.text);
  }
  return [...blocks].sort();
}
