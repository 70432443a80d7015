// Whether the ClusterIPs the plan relies on reach the clusters through the chosen delivery. An engine
// that does not keep them (Karmada removes spec.clusterIP, unless "None", from every Service it propagates,
// after its OverridePolicies were applied) leaves each member cluster to allocate an address of its own
// (docs/delivery.md has the pipeline).
import type { IDeliveredAddresses } from '../api/delivery';
import type { Problems } from '../errors';
import { ActivePlacement } from '../api/placement';
import type { ResolvedService } from '../model';
import { AddressKind } from '../wiring';

/** Refuses, under an engine that drops ClusterIPs, wirings that point at an active Service's ClusterIP and pinned ClusterIPs. */
export function checkDeliveredAddresses(delivery: IDeliveredAddresses | undefined, services: readonly ResolvedService[], problems: Problems): void {
  if (delivery === undefined || delivery.keepsClusterIPs) return;
  const dropped = `but ${delivery.name} removes spec.clusterIP from every Service on its way to the cluster, so that cluster allocates another address`;
  for (const s of services.filter((x) => !x.model.headless)) {
    const active = s.assignments.filter((a) => a.role === 'active');
    for (const p of s.assignments) {
      const wiring = p.role === 'placeholder' ? p.networking?.wiring : undefined;
      if (!wiring) continue;
      const targets = active.filter((a) => wiring.addressNeeded(p.cluster, a.cluster) === AddressKind.CLUSTER_IP).map((a) => `"${a.cluster.name}"`);
      if (targets.length === 0) continue;
      problems.add(
        s.model.path,
        `networking ${wiring.name} in cluster "${p.cluster.name}" points at the ClusterIP of the Service in ${targets.join(', ')}, ${dropped} ` +
          'and the endpoints would route nowhere; use Networking.ISTIO or Networking.EXTERNAL_NAME there, or another delivery',
      );
    }
    for (const a of s.assignments.filter((x) => x.placement instanceof ActivePlacement)) {
      const pinned = (a.placement as ActivePlacement).props.clusterIP;
      if (pinned !== undefined) {
        problems.add(s.model.path, `the ActivePlacement of cluster "${a.cluster.name}" pins clusterIP "${pinned}", ${dropped}; remove clusterIP, or use another delivery`);
      }
    }
  }
}
