// The route model of one fleet of a synthesized output, for `explain` and `diff`: the clusters and the Globalnet IPs come from
// the plan document, the objects from the cluster folders (or inline, for hub engines). The same model the
// test suite checks emitted objects with, so `explain`, `diff` and the tests cannot disagree on a route.
import type { LoadedFleet } from './output';
import { RouteModel } from './route-model';

/**
 * The route model of a fleet: its clusters as declared (readOutput checked their shape), their objects, and the
 * Globalnet IP Submariner gives each exported Service (`cluster` -> `namespace/name` -> IP, from the services'
 * addresses in the plan: what Lighthouse answers with between Globalnet clusters).
 * @param clientNamespaces namespaces of client pods calling every Service, besides the Service's own
 */
export function routeModelOf(fleet: LoadedFleet, clientNamespaces: readonly string[] = []): RouteModel {
  const globalnetIPs: Record<string, Record<string, string>> = {};
  for (const service of fleet.document.services) {
    for (const [cluster, address] of Object.entries(service.addresses ?? {})) {
      if (address.globalnetIP !== undefined) (globalnetIPs[cluster] ??= {})[`${service.namespace}/${service.name}`] = address.globalnetIP;
    }
  }
  return new RouteModel(
    fleet.document.clusters.map((c) => c.cluster),
    fleet.objects,
    globalnetIPs,
    clientNamespaces,
  );
}
