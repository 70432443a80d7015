// A cluster's ingress nodes as the outer load balancer lists them (docs/north-south.md): one address per
// node, each node once in the fleet. The shape of each field was checked before (input/cluster-shape.ts).
import type { ClusterProps } from '../api/cluster';
import { hostPortKey } from '../kube/host-port';
import { ingressAddressesOf } from '../emit/north-south';

/** Reports, through `report(i, message)` for clusters[i], addresses that do not match the nodes or repeat one. */
export function checkIngressNodes(clusters: readonly ClusterProps[], report: (index: number, message: string) => void): void {
  const seen = new Map<string, string>();
  clusters.forEach((c, i) => {
    const given = c.ingressAddresses;
    if (given !== undefined && c.ingressNodes === undefined) {
      report(i, `cluster "${c.name}" lists ${given.length} ingressAddresses but no ingressNodes; set ingressNodes: ${Math.max(1, given.length)} (one per address), or remove ingressAddresses`);
      return;
    }
    if (given !== undefined && c.ingressNodes !== undefined && given.length !== c.ingressNodes) {
      report(
        i,
        `cluster "${c.name}" lists ${given.length} ingressAddresses for ingressNodes ${c.ingressNodes}; give one address per ingress node ` +
          `(${c.ingressNodes}), or set ingressNodes to ${Math.max(1, given.length)}`,
      );
      return;
    }
    ingressAddressesOf(c).forEach((address, n) => {
      const where = given !== undefined ? `ingressAddresses[${n}] "${address}"` : `default ingress address "${address}" (node ${n + 1})`;
      const key = hostPortKey(address);
      const first = seen.get(key);
      if (first !== undefined) {
        report(i, `cluster "${c.name}" ${where} is already ${first}; the outer load balancer would count that node twice, so give each ingress node once in the fleet`);
      } else {
        seen.set(key, `the address of clusters[${i}] ("${c.name}") node ${n + 1}`);
      }
    });
  });
}
