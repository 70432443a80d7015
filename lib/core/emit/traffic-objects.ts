// The traffic rules of governed namespaces as objects of each cluster (docs/governance.md): namespace-level
// ones owned by the namespace, a service's own by the service, so every engine delivers them with it.
import { type FleetPlan, type NorthSouthTable, OwnerKind, type ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import type { FleetObject } from './fleet-objects';
import { podsGuarded, type TrafficRules } from '../resolve/traffic-rules';
import type { Scraping } from './scraping';
import { METRICS_SUFFIX, outsideCallers } from './outside-callers';
import { type CallGraph, holdingClusters, runningClusters } from '../resolve/callers';
import { compare } from './order';
import { type Admitted, callersPolicy, defaultDenyPolicy } from './network-policies';
import { callersAuthorization, principal, strictMtlsPolicy } from './mesh-policies';

/** What the traffic objects are made from. */
export interface TrafficInput {
  /** The plan built so far: the workloads tell the callers' service accounts. */
  readonly plan: FleetPlan;
  readonly clusters: readonly Cluster[];
  /** Sorted by namespace and name. */
  readonly services: readonly ResolvedService[];
  readonly graph: CallGraph;
  readonly rules: ReadonlyMap<string, TrafficRules>;
  /** What each cluster's Prometheus scrapes, when a FleetMonitoring runs: admitted where the rules guard the pods. @default - no scraping */
  readonly scraping?: Scraping;
  /** The north-south tables: the clusters fronting each service through their ingress nodes. @default - none */
  readonly northSouth?: readonly NorthSouthTable[];
}

/** The suffix of a service's NetworkPolicy and AuthorizationPolicy admitting its declared callers. */
export const CALLERS_SUFFIX = '-callers';
/** The suffix of the NetworkPolicy admitting its own namespace to a service without declared callers, under default deny. */
export const NAMESPACE_SUFFIX = '-same-namespace';

/** Every traffic object of the governed namespaces, cluster by cluster in fleet order, namespaces and services sorted. */
export function trafficObjects(input: TrafficInput): FleetObject[] {
  const { clusters, services, graph, rules } = input;
  const objects: FleetObject[] = [];
  const byName = new Map(clusters.map((c) => [c.name, c]));
  for (const cluster of clusters) {
    for (const namespace of [...rules.keys()].sort(compare)) {
      const rule = rules.get(namespace) as TrafficRules;
      const inNamespace = services.filter((s) => s.model.namespace === namespace);
      const here = inNamespace.filter((s) => holdingClusters(s).includes(cluster.name));
      if (here.length === 0) continue;
      const namespaceOwner = { kind: OwnerKind.NAMESPACE, name: namespace };
      if (rule.strictMtls && cluster.mesh) objects.push({ cluster: cluster.name, manifest: strictMtlsPolicy(cluster, namespace), owner: namespaceOwner });
      if (rule.networkPolicies && rule.defaultDeny) objects.push({ cluster: cluster.name, manifest: defaultDenyPolicy(namespace), owner: namespaceOwner });
      for (const s of here) {
        const owner = { kind: OwnerKind.SERVICE, name: s.model.path };
        const callers = graph.get(s.model.path);
        // Where the rules guard the pods, what reaches them from outside the fleet's services is admitted by name.
        const outside = outsideCallers(s.model, cluster, rule, podsGuarded(rule, callers !== undefined), input.scraping, input.northSouth ?? []);
        for (const manifest of outside.networkPolicies) objects.push({ cluster: cluster.name, manifest, owner });
        if (callers === undefined) {
          if (!(rule.networkPolicies && rule.defaultDeny)) continue;
          // Its own namespace, wherever the namespace is: locally any pod of it, from afar the clusters holding it.
          const holding = [...new Set(inNamespace.flatMap(holdingClusters))].map((c) => byName.get(c)).filter((c): c is Cluster => c !== undefined);
          const admitted: Admitted = { local: [{ namespace, selector: {} }], remote: holding };
          objects.push({ cluster: cluster.name, manifest: callersPolicy(s.model, cluster, admitted, `${s.model.name}${NAMESPACE_SUFFIX}`), owner });
          continue;
        }
        if (rule.networkPolicies) {
          const remote = [...new Set(callers.flatMap(runningClusters))].map((c) => byName.get(c)).filter((c): c is Cluster => c !== undefined);
          const admitted: Admitted = { local: callers.map((c) => ({ namespace: c.model.namespace, selector: c.model.selector })), remote };
          objects.push({ cluster: cluster.name, manifest: callersPolicy(s.model, cluster, admitted, `${s.model.name}${CALLERS_SUFFIX}`), owner });
        }
        if (rule.authorizeCallers && cluster.mesh) {
          const principals = callers.flatMap((c) =>
            runningClusters(c).flatMap((from) => {
              const mesh = byName.get(from)?.mesh;
              return mesh ? [principal(mesh.trustDomain, c.model.namespace, serviceAccountOf(input.plan, c, from))] : [];
            }),
          );
          // A meshed ingress controller by identity, on its ports only; the Prometheus likewise, in a policy of its own.
          objects.push({ cluster: cluster.name, manifest: callersAuthorization(s.model, cluster, principals, `${s.model.name}${CALLERS_SUFFIX}`, outside.identities), owner });
          if (outside.scrapers.length > 0) {
            objects.push({ cluster: cluster.name, manifest: callersAuthorization(s.model, cluster, [], `${s.model.name}${METRICS_SUFFIX}`, outside.scrapers), owner });
          }
        }
      }
    }
  }
  return objects;
}

/** The service account of a service's pods in one cluster, as its planned workload there says: Kubernetes' `default` when unset. */
function serviceAccountOf(plan: FleetPlan, s: ResolvedService, cluster: string): string {
  const workload = plan.clusters
    .find((c) => c.cluster === cluster)
    ?.objects.find((o) => o.servicePath === s.model.path && (o.manifest.kind === 'Deployment' || o.manifest.kind === 'StatefulSet'));
  const spec = (workload?.manifest.spec as { template?: { spec?: { serviceAccountName?: unknown; serviceAccount?: unknown } } } | undefined)?.template?.spec;
  const account = spec?.serviceAccountName ?? spec?.serviceAccount;
  return typeof account === 'string' && account !== '' ? account : 'default';
}
