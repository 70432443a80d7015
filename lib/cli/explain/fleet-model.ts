// The route model of one fleet of a synthesized output: the clusters' settings and the Globalnet IPs come from
// the plan document, the objects from the cluster folders (or inline, for hub engines). The same model the
// test suite checks emitted objects with, so `explain` and the tests cannot disagree on a route.
import type { LoadedFleet } from '../output';
import { type ModelCluster, RouteModel } from '../route-model';

// The plan document is JSON a user may have edited: every field is read as possibly missing or of another type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, read field by field
type Json = any;

/** The clusters of a fleet as the route model reads them: a declared mesh without `mtls` is PERMISSIVE, Istio's default. */
export function modelClustersOf(fleet: LoadedFleet): ModelCluster[] {
  return fleet.document.clusters.map(({ cluster }): ModelCluster => {
    const c: Json = cluster;
    const mesh: Json = c.mesh;
    return {
      name: c.name,
      ...(typeof c.serviceCidr === 'string' ? { serviceCidr: c.serviceCidr } : {}),
      ...(typeof c.podCidr === 'string' ? { podCidr: c.podCidr } : {}),
      ...(typeof c.globalnetCidr === 'string' ? { globalnetCidr: c.globalnetCidr } : {}),
      ...(mesh && typeof mesh === 'object'
        ? { mesh: { mtls: typeof mesh.mtls === 'string' ? mesh.mtls : 'PERMISSIVE', trustDomain: stringOr(mesh.trustDomain), federatedTrustDomains: stringsOr(mesh.federatedTrustDomains) } }
        : {}),
      ...(c.mcs !== undefined ? { mcs: c.mcs } : {}),
    };
  });
}

/**
 * The Globalnet IP Submariner gives each exported Service, `cluster` -> `namespace/name` -> IP, from the
 * services' addresses in the plan (pinned, or allocated by the planner): what Lighthouse answers with between
 * Globalnet clusters, and what EndpointSlices of placeholders point at.
 */
export function globalnetIPsOf(fleet: LoadedFleet): Record<string, Record<string, string>> {
  const ips: Record<string, Record<string, string>> = {};
  for (const service of fleet.document.services) {
    for (const [cluster, address] of Object.entries((service.addresses ?? {}) as Record<string, Json>)) {
      if (typeof address?.globalnetIP === 'string') (ips[cluster] ??= {})[`${service.namespace}/${service.name}`] = address.globalnetIP;
    }
  }
  return ips;
}

/** The route model of a fleet: its clusters' settings, their objects, and their Globalnet IPs. */
export function routeModelOf(fleet: LoadedFleet): RouteModel {
  return new RouteModel(modelClustersOf(fleet), fleet.objects, globalnetIPsOf(fleet));
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringsOr(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}
