// Whether the ClusterIPs the plan relies on reach the clusters through the chosen delivery. Karmada
// removes spec.clusterIP (unless "None") from every Service it propagates, after its OverridePolicies
// were applied, so a member cluster allocates an address of its own (docs/delivery.md has the pipeline).
import { Delivery } from '../api/delivery';
import type { Problems } from '../errors';
import { ActivePlacement } from '../api/placement';
import type { ResolvedService } from '../model';

/** Refuses, under Delivery.KARMADA, wirings that point at an active Service's ClusterIP and pinned ClusterIPs. */
export function checkDeliveredAddresses(delivery: Delivery, services: readonly ResolvedService[], problems: Problems): void {
  if (delivery !== Delivery.KARMADA) return;
  const dropped = 'but Delivery.KARMADA removes spec.clusterIP from every Service before it propagates it, so that cluster allocates another address';
  for (const s of services.filter((x) => !x.model.headless)) {
    const active = s.assignments.filter((a) => a.role === 'active');
    for (const p of s.assignments) {
      const wiring = p.role === 'placeholder' ? p.networking?.wiring : undefined;
      if (!wiring) continue;
      const targets = active.filter((a) => wiring.addressNeeded(p.cluster, a.cluster) === 'clusterIP').map((a) => `"${a.cluster.name}"`);
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
