// The address ranges of each cluster as the network table reads them, and which ranges of two clusters overlap.
import type { ClusterProps } from '../api/cluster';
import { cidrsOverlap, type Ipv4Cidr, parseCidr } from '../kube/cidr';

/** The kinds of range a cluster declares, as the table names them. */
export enum RangeKind {
  SERVICE = 'service',
  POD = 'pod',
  GLOBALNET = 'globalnet',
}

/** One range of a cluster, parsed when it can be. */
export interface ClusterRange {
  readonly cluster: string;
  readonly kind: RangeKind;
  readonly text: string;
  readonly cidr?: Ipv4Cidr;
}

/** Every range each cluster declares, in fleet order, service then pod then Globalnet. */
export function clusterRanges(clusters: readonly ClusterProps[]): ClusterRange[] {
  return clusters.flatMap((c) => {
    const declared: Array<[RangeKind, string | undefined]> = [
      [RangeKind.SERVICE, c.serviceCidr],
      [RangeKind.POD, c.podCidr],
      [RangeKind.GLOBALNET, c.globalnetCidr],
    ];
    return declared.flatMap(([kind, text]) => {
      if (typeof text !== 'string') return [];
      const parsed = parseCidr(text);
      return [{ cluster: c.name, kind, text, ...(typeof parsed === 'string' ? {} : { cidr: parsed }) }];
    });
  });
}

/**
 * The service and pod ranges of `a` that overlap those of `b`, as `<a's kind>/<b's kind>` (such as
 * `pod/service`): what Submariner cannot route between them without Globalnet.
 */
export function overlapsBetween(ranges: readonly ClusterRange[], a: string, b: string): string[] {
  const routed = (cluster: string) => ranges.filter((r) => r.cluster === cluster && r.kind !== RangeKind.GLOBALNET && r.cidr);
  return routed(a).flatMap((ra) => routed(b).flatMap((rb) => (ra.cidr && rb.cidr && cidrsOverlap(ra.cidr, rb.cidr) ? [`${ra.kind}/${rb.kind}`] : [])));
}
