// What reaches a governed service's pods from outside the fleet's services, admitted by name (docs/governance.md,
// "North-south and monitoring under default deny"): the cluster's Prometheus on the metrics ports, and the ingress
// controller of `ingressFrom` on the HTTP ports the ingress nodes forward.
import type { NorthSouthTable } from '../model';
import type { Manifest } from '../kube/manifest';
import type { Cluster, ServiceModel } from '../resolved';
import type { TrafficRules } from '../resolve/traffic-rules';
import type { Scraping } from './scraping';
import { isHttpPort } from './north-south';
import { METRICS_PORT_NAMES } from './monitoring-names';
import { containerPort, ingressPolicy, scrapePolicy } from './network-policies';
import { type PortAccess, principal } from './mesh-policies';

/** The suffix of a service's NetworkPolicy admitting the cluster's Prometheus to its metrics ports. */
export const METRICS_SUFFIX = '-metrics';
/** The suffix of a service's NetworkPolicy admitting north-south traffic (`ingressFrom`) to its HTTP ports. */
export const INGRESS_SUFFIX = '-ingress';

/** Who else may reach one service's pods in one cluster. */
export interface OutsideCallers {
  /** NetworkPolicies admitting them: written where the rules' NetworkPolicies guard the pods, else none is needed. */
  readonly networkPolicies: Manifest[];
  /** The ingress controller's mesh identity and ports, for the service's AuthorizationPolicy where it has one. */
  readonly identities: PortAccess[];
  /**
   * The Prometheus's mesh identity and the metrics ports, for an AuthorizationPolicy of its own where the service has
   * one: ALLOW policies add up, so the monitoring's rule stays out of the object the governance owns (the Pulumi
   * flavour creates each once, by the component that plans it first).
   */
  readonly scrapers: PortAccess[];
}

/** What the outside callers of a service need in `cluster`, under the rules of its namespace. */
export function outsideCallers(
  service: ServiceModel,
  cluster: Cluster,
  rule: TrafficRules,
  guarded: boolean,
  scraping: Scraping | undefined,
  northSouth: readonly NorthSouthTable[],
): OutsideCallers {
  const networkPolicies: Manifest[] = [];
  const identities: PortAccess[] = [];
  const scrapers: PortAccess[] = [];
  const scraped = scraping?.targets.get(cluster.name)?.get(service.path) ?? [];
  if (scraping && scraped.length > 0) {
    if (guarded) networkPolicies.push(scrapePolicy(service, scraping, scraped, `${service.name}${METRICS_SUFFIX}`));
    // It scrapes with its mesh identity (its sidecar's certificates) where the pods accept mutual TLS only.
    if (cluster.mesh) scrapers.push({ principal: principal(cluster.mesh.trustDomain, scraping.namespace, scraping.account), ports: scraped.map((p) => p.port) });
  }
  const fronted = northSouth.some((t) => t.path === service.path && t.entries.some((e) => e.cluster === cluster.name));
  if (fronted && rule.ingressFrom.length > 0) {
    // The ports the ingress nodes forward, but for metrics ports: those are the cluster's Prometheus's.
    const ports = service.ports.filter((p) => isHttpPort(p) && !METRICS_PORT_NAMES.includes(p.name)).map(containerPort);
    if (guarded) networkPolicies.push(ingressPolicy(service, rule.ingressFrom, ports, `${service.name}${INGRESS_SUFFIX}`));
    for (const source of rule.ingressFrom) {
      if (cluster.mesh && source.namespace !== undefined && source.serviceAccount !== undefined) {
        identities.push({ principal: principal(cluster.mesh.trustDomain, source.namespace, source.serviceAccount), ports: ports.map((p) => p.port) });
      }
    }
  }
  return { networkPolicies, identities, scrapers };
}
