import type { ResolvedAddress, ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import { cidrContains, formatIpv4, type Ipv4Cidr, parseIpv4, staticBand } from '../kube/cidr';
import type { Problems } from '../errors';
import { fnv1a32 } from '../kube/hash';
import { ActivePlacement } from '../api/placement';
import { AddressKind } from '../wiring';

/** One exported Service in one active cluster, with what placeholders need of its address. */
export interface AddressRequest {
  readonly cluster: Cluster;
  /** `namespace/name`: the allocation key, so an IP depends only on the service, not on declaration order. */
  readonly serviceKey: string;
  readonly path: string;
  readonly needsClusterIP: boolean;
  readonly needsGlobalnetIP: boolean;
  readonly pinnedClusterIP?: string;
  readonly pinnedGlobalnetIP?: string;
}

export function addressKey(cluster: string, serviceKey: string): string {
  return `${cluster}|${serviceKey}`;
}

/**
 * Pins or allocates the Service IPs placeholders point at. Allocation hashes `namespace/name` into the
 * static band of the cluster's serviceCidr and probes upward past taken addresses (services in sorted
 * order), so an address never collides with another pinned or allocated one in that cluster and depends
 * only on the service, unless a service added later hashes to the same address and sorts before it:
 * then the later one takes it. ClusterIPs are immutable, so pin clusterIP where that must never happen.
 */
export function resolveAddresses(requests: readonly AddressRequest[], problems: Problems, options: { readonly allocate: boolean }): Map<string, ResolvedAddress> {
  const resolved = new Map<string, ResolvedAddress>();
  const byCluster = new Map<string, AddressRequest[]>();
  for (const r of requests) byCluster.set(r.cluster.name, [...(byCluster.get(r.cluster.name) ?? []), r]);
  for (const list of byCluster.values()) {
    const clusterIPs = resolveClusterIPs(list, problems, options.allocate);
    const globalnetOwners = new Map<string, string>();
    for (const r of list) {
      const clusterIP = clusterIPs.get(r.serviceKey);
      const globalnetIP = resolveGlobalnetIP(r, problems);
      const owner = globalnetIP !== undefined ? globalnetOwners.get(globalnetIP) : undefined;
      if (owner !== undefined) {
        problems.add(
          r.path,
          `globalnetIP "${globalnetIP}" is already pinned by ${owner} in cluster "${r.cluster.name}"; Submariner gives each exported ` +
            'Service its own Globalnet IP, so pin the one it allocated to this Service',
        );
      } else if (globalnetIP !== undefined) globalnetOwners.set(globalnetIP, r.path);
      resolved.set(addressKey(r.cluster.name, r.serviceKey), {
        ...(clusterIP !== undefined ? { clusterIP } : {}),
        ...(globalnetIP !== undefined ? { globalnetIP } : {}),
      });
    }
  }
  return resolved;
}

function resolveClusterIPs(requests: readonly AddressRequest[], problems: Problems, allocate: boolean): Map<string, string> {
  const chosen = new Map<string, string>();
  const taken = new Map<number, string>();
  const cidr = requests[0].cluster.serviceCidr;
  // serviceCidr is required; one that did not parse was reported with the cluster, so nothing more to say.
  if (!cidr) return chosen;
  taken.set(cidr.first + 1, 'the kubernetes Service');
  taken.set(cidr.first + 10, 'kube-dns (by convention the tenth address)');
  for (const r of requests.filter((q) => q.pinnedClusterIP !== undefined)) {
    const ip = checkedPin(r, cidr, taken, problems);
    if (ip !== undefined) {
      taken.set(ip, r.path);
      chosen.set(r.serviceKey, formatIpv4(ip));
    }
  }
  const reserved = new Set(taken.keys());
  const band = staticBand(cidr);
  const wanting = allocate ? requests.filter((r) => r.pinnedClusterIP === undefined) : [];
  const byKey = (a: AddressRequest, b: AddressRequest) => (a.serviceKey < b.serviceKey ? -1 : 1);
  const free = band ? band.last - band.first + 1 - [...reserved].filter((ip) => ip >= band.first && ip <= band.last).length : 0;
  // One namespace/name order, so what an EndpointSlice points at never moves another service's address;
  // only a band too small for every reservation serves the addresses slices need first.
  const ordered =
    wanting.length <= free
      ? [...wanting].sort(byKey)
      : [...wanting.filter((r) => r.needsClusterIP).sort(byKey), ...wanting.filter((r) => !r.needsClusterIP).sort(byKey)];
  for (const r of ordered) {
    const ip = band && probe(band.first, band.last, fnv1a32(r.serviceKey), reserved);
    if (ip === undefined) {
      // Only an address an EndpointSlice points at must be known; the others can be allocated live.
      if (!r.needsClusterIP) continue;
      problems.add(
        r.path,
        `no free address left in the static band of serviceCidr ${cidr.text} of cluster "${r.cluster.name}" for the ` +
          'EndpointSlice to point at; pin clusterIP on the ActivePlacement or use Networking.ISTIO or Networking.EXTERNAL_NAME',
      );
      continue;
    }
    reserved.add(ip);
    chosen.set(r.serviceKey, formatIpv4(ip));
  }
  return chosen;
}

function probe(first: number, last: number, hash: number, reserved: ReadonlySet<number>): number | undefined {
  const size = last - first + 1;
  for (let step = 0; step < size; step++) {
    const candidate = first + ((hash + step) % size);
    if (!reserved.has(candidate)) return candidate;
  }
  return undefined;
}

function checkedPin(r: AddressRequest, cidr: Ipv4Cidr, taken: ReadonlyMap<number, string>, problems: Problems): number | undefined {
  const text = r.pinnedClusterIP ?? '';
  const ip = parseIpv4(text);
  const fix = `pick a free address of ${cidr.text} (cluster "${r.cluster.name}"), best in its static band`;
  if (ip === undefined || !cidrContains(cidr, ip) || ip === cidr.first || ip === cidr.first + cidr.size - 1) {
    problems.add(r.path, `clusterIP "${text}" is not a usable address of serviceCidr ${cidr.text}; ${fix}`);
    return undefined;
  }
  const owner = taken.get(ip);
  if (owner !== undefined) {
    problems.add(r.path, `clusterIP "${text}" is already taken by ${owner} in cluster "${r.cluster.name}"; ${fix}`);
    return undefined;
  }
  return ip;
}

function resolveGlobalnetIP(r: AddressRequest, problems: Problems): string | undefined {
  const pinned = r.pinnedGlobalnetIP;
  const cidr = r.cluster.globalnetCidr;
  if (pinned !== undefined) {
    const ip = parseIpv4(pinned);
    if (!cidr) {
      problems.add(r.path, `globalnetIP "${pinned}" is set but cluster "${r.cluster.name}" has no globalnetCidr; set globalnetCidr or drop globalnetIP`);
    } else if (ip === undefined || !cidrContains(cidr, ip)) {
      problems.add(r.path, `globalnetIP "${pinned}" is not in globalnetCidr ${cidr.text} of cluster "${r.cluster.name}"`);
    }
    return pinned;
  }
  if (r.needsGlobalnetIP) {
    problems.add(
      r.path,
      `placeholders reach cluster "${r.cluster.name}" through Globalnet, and its Globalnet IP is only known once Submariner ` +
        'allocates it; set globalnetIP on an ActivePlacement of that cluster alone, or use Networking.ISTIO or Networking.EXTERNAL_NAME',
    );
  }
  return undefined;
}

/**
 * The address of every Service clusterset gives a ClusterIP, in every cluster of every service whatever
 * its role, so that a cluster turning from placeholder to active (or back) keeps its Service's address:
 * a ClusterIP cannot change in place. `needsClusterIP` marks the ones an EndpointSlice points at, which
 * must get one; the others fall back to a dynamic address when the static band is full.
 */
export function addressRequests(services: readonly ResolvedService[]): AddressRequest[] {
  const requests: AddressRequest[] = [];
  for (const s of services.filter((x) => !x.model.headless)) {
    const placeholders = s.assignments.filter((a) => a.networking?.wiring);
    // Idle clusters of a divided service are checked too: their pins must be valid whatever the shares.
    for (const a of s.assignments) {
      const props = a.placement instanceof ActivePlacement ? a.placement.props : {};
      const needs = a.role === 'active' ? placeholders.map((p) => p.networking?.wiring.addressNeeded(p.cluster, a.cluster)) : [];
      requests.push({
        cluster: a.cluster,
        serviceKey: `${s.model.namespace}/${s.model.name}`,
        path: s.model.path,
        needsClusterIP: needs.includes(AddressKind.CLUSTER_IP),
        needsGlobalnetIP: needs.includes(AddressKind.GLOBALNET),
        pinnedClusterIP: props.clusterIP,
        pinnedGlobalnetIP: props.globalnetIP,
      });
    }
  }
  return requests;
}
