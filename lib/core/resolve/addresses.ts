import type { ResolvedAddress, ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import { cidrContains, formatIpv4, type Ipv4Cidr, parseIpv4, staticBand } from '../kube/cidr';
import type { Problems } from '../errors';
import type { FleetLedger } from '../validate/fleet-ledger';
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
 * Pins or allocates the Service IPs placeholders point at, claiming each on the fleet's ledger, which
 * refuses an address another service claimed in the same cluster. Allocation hashes `namespace/name` into
 * the static band of the cluster's serviceCidr and probes upward past taken addresses (services in sorted
 * order), so an address never collides with another pinned or allocated one in that cluster and depends
 * only on the service, unless a service added later hashes to the same address and sorts before it:
 * then the later one takes it. ClusterIPs are immutable, so pin clusterIP where that must never happen.
 */
export function resolveAddresses(
  requests: readonly AddressRequest[],
  ledger: FleetLedger,
  problems: Problems,
  options: { readonly allocate: boolean },
): Map<string, ResolvedAddress> {
  const resolved = new Map<string, ResolvedAddress>();
  const byCluster = new Map<string, AddressRequest[]>();
  for (const r of requests) byCluster.set(r.cluster.name, [...(byCluster.get(r.cluster.name) ?? []), r]);
  for (const list of byCluster.values()) {
    const clusterIPs = resolveClusterIPs(list, ledger, problems, options.allocate);
    for (const r of list) {
      const clusterIP = clusterIPs.get(r.serviceKey);
      const globalnetIP = resolveGlobalnetIP(r, problems);
      if (globalnetIP !== undefined) ledger.claimGlobalnetIP(r.cluster, globalnetIP, r.path, problems);
      resolved.set(addressKey(r.cluster.name, r.serviceKey), {
        ...(clusterIP !== undefined ? { clusterIP } : {}),
        ...(globalnetIP !== undefined ? { globalnetIP } : {}),
      });
    }
  }
  return resolved;
}

/** Addresses no Service of clusterset may take, by their offset in the serviceCidr. */
const RESERVED: ReadonlyArray<readonly [number, string]> = [
  [1, 'the kubernetes Service'],
  [10, 'kube-dns (by convention the tenth address)'],
];

function resolveClusterIPs(requests: readonly AddressRequest[], ledger: FleetLedger, problems: Problems, allocate: boolean): Map<string, string> {
  const chosen = new Map<string, string>();
  const cluster = requests[0].cluster;
  const cidr = cluster.serviceCidr;
  // serviceCidr is required; one that did not parse was reported with the cluster, so nothing more to say.
  if (!cidr) return chosen;
  for (const r of requests.filter((q) => q.pinnedClusterIP !== undefined)) {
    const ip = checkedPin(r, cidr, problems);
    if (ip !== undefined && ledger.claimClusterIP(r.cluster, cidr, ip, r.pinnedClusterIP ?? '', r.path, problems)) chosen.set(r.serviceKey, formatIpv4(ip));
  }
  const wanting = allocate ? requests.filter((r) => r.pinnedClusterIP === undefined) : [];
  if (wanting.length === 0) return chosen;
  const reserved = new Set([...RESERVED.map(([offset]) => cidr.first + offset), ...ledger.claimedClusterIPs(cluster.name)]);
  const band = staticBand(cidr);
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
    ledger.claimClusterIP(r.cluster, cidr, ip, formatIpv4(ip), r.path, problems);
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

/** The pinned ClusterIP of `r` if it is a usable address of `cidr` that Kubernetes does not reserve; reports it otherwise. */
function checkedPin(r: AddressRequest, cidr: Ipv4Cidr, problems: Problems): number | undefined {
  const text = r.pinnedClusterIP ?? '';
  const ip = parseIpv4(text);
  const fix = `pick a free address of ${cidr.text} (cluster "${r.cluster.name}"), best in its static band`;
  if (ip === undefined || !cidrContains(cidr, ip) || ip === cidr.first || ip === cidr.first + cidr.size - 1) {
    problems.add(r.path, `clusterIP "${text}" is not a usable address of serviceCidr ${cidr.text}; ${fix}`);
    return undefined;
  }
  const reserved = RESERVED.find(([offset]) => ip === cidr.first + offset);
  if (reserved) {
    problems.add(r.path, `clusterIP "${text}" is already taken by ${reserved[1]} in cluster "${r.cluster.name}"; ${fix}`);
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
