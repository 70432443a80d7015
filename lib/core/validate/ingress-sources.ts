// Checks of where north-south traffic comes from (GovernanceProps.ingressFrom), and that every guarded service a
// cluster fronts through its ingress nodes can still be reached from there (docs/governance.md).
import type { IngressSourceProps } from '../api/ingress-source';
import type { Problems } from '../errors';
import { parseCidr } from '../kube/cidr';
import type { GovernanceSpec, NorthSouthTable } from '../model';
import type { Cluster } from '../resolved';
import type { CallGraph } from '../resolve/callers';
import { podsGuarded, type TrafficRules } from '../resolve/traffic-rules';

/** An ingress source names something to admit, by selector or address, and only what its fields can name. */
export function checkIngressSources(governance: readonly GovernanceSpec[], problems: Problems): void {
  for (const g of governance) {
    const source: IngressSourceProps | undefined = g.props.ingressFrom;
    if (source === undefined) continue;
    if (source.namespace === undefined && (source.cidrs ?? []).length === 0) {
      problems.add(g.path, `ingressFrom ${JSON.stringify(source)} names no source; give the ingress controller's namespace (and podLabels), or the cidrs it sends from on the host network`);
    }
    for (const field of ['podLabels', 'serviceAccount'] as const) {
      if (source[field] !== undefined && source.namespace === undefined) {
        problems.add(g.path, `ingressFrom.${field} is given without ingressFrom.namespace, so it would match in no namespace; give the namespace the ingress controller runs in`);
      }
    }
    (source.cidrs ?? []).forEach((cidr, i) => {
      if (typeof parseCidr(cidr) === 'string') problems.add(g.path, `ingressFrom.cidrs[${i}] "${cidr}" is not an IPv4 CIDR; write the address range such as "192.0.2.11/32"`);
    });
  }
}

/**
 * A service a cluster fronts through its ingress nodes, in a namespace whose rules guard its pods, needs the
 * ingress source named: NetworkPolicies need its namespace or addresses, pods that accept mutual TLS only its
 * identity. Reported on the service, naming the cluster.
 */
export function checkIngressAdmitted(
  tables: readonly NorthSouthTable[],
  clusters: readonly Cluster[],
  graph: CallGraph,
  rules: ReadonlyMap<string, TrafficRules>,
  problems: Problems,
): void {
  for (const table of tables) {
    const rule = rules.get(table.namespace);
    if (rule === undefined) continue;
    const declares = graph.get(table.path) !== undefined;
    const key = `${table.namespace}/${table.name}`;
    for (const entry of table.entries) {
      const fronting = `cluster "${entry.cluster}" fronts ${key} through its ingress nodes (north-south)`;
      if (podsGuarded(rule, declares) && !rule.ingressFrom.some((s) => s.namespace !== undefined || (s.cidrs ?? []).length > 0)) {
        problems.add(
          table.path,
          `${fronting}, but the NetworkPolicies of namespace "${table.namespace}" (${rule.defaultDeny ? 'default deny' : 'declared callers'}) would refuse the ingress controller's traffic; ` +
            `name where it comes from with ingressFrom of the governance (the controller's namespace and podLabels, or the cidrs of a host-network controller)`,
        );
      }
      const mesh = clusters.find((c) => c.name === entry.cluster)?.mesh;
      const identityNeeded = mesh !== undefined && (rule.strictMtls || (rule.authorizeCallers && declares));
      if (identityNeeded && !rule.ingressFrom.some((s) => s.namespace !== undefined && s.serviceAccount !== undefined)) {
        problems.add(
          table.path,
          `${fronting}, but its pods there accept mutual TLS only${rule.authorizeCallers && declares ? ' from the identities their AuthorizationPolicy allows' : ''} (governance mesh of namespace "${table.namespace}"), which a controller outside the mesh cannot send; ` +
            `run the ingress controller with an Istio sidecar and give its namespace and serviceAccount in ingressFrom of the governance`,
        );
      }
    }
  }
}
