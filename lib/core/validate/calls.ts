// Checks of the declared calls: each resolves where its caller runs, and crosses meshes that trust each other.
import type { Problems } from '../errors';
import type { Assignment, FleetPlan, ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import { type CallGraph, holdingClusters, runningClusters, serviceKey } from '../resolve/callers';
import { runsPods } from '../resolve/cluster-scaling';
import { isExported } from '../resolve/exported';
import { meshIsStrict } from '../resolve/mesh-strict';
import type { TrafficRules } from '../resolve/traffic-rules';

/** SPIFFE's trust domain characters: lowercase letters, digits, dots, dashes and underscores. */
const TRUST_DOMAIN = /^[a-z0-9._-]+$/;

/** Checks every mesh's trust domain and federated trust domains. */
export function checkTrustDomains(clusters: readonly Cluster[], problems: Problems): void {
  for (const c of clusters) {
    if (!c.mesh) continue;
    const check = (field: string, value: string) => {
      if (!TRUST_DOMAIN.test(value)) {
        problems.add(c.path, `cluster "${c.name}" ${field} "${value}" is not a trust domain: use lowercase letters, digits, ".", "-" and "_" only (SPIFFE), such as prod.example.com`);
      }
    };
    check('mesh.trustDomain', c.mesh.trustDomain);
    c.mesh.federatedTrustDomains.forEach((d, i) => check(`mesh.federatedTrustDomains[${i}]`, d));
  }
}

/** Whether the meshes of `a` and `b` accept each other's certificates. */
export function meshesTrust(a: Cluster, b: Cluster): boolean {
  if (!a.mesh || !b.mesh) return false;
  const x = a.mesh;
  const y = b.mesh;
  return x.trustDomain === y.trustDomain || x.federatedTrustDomains.includes(y.trustDomain) || y.federatedTrustDomains.includes(x.trustDomain);
}

/**
 * Where a pod of `callee`'s caller in `from` sends a call to the callee's plain name: its own pods when it runs
 * there, else the active clusters that export it (through the placeholder there).
 */
export function callTargets(callee: ResolvedService, from: string): Cluster[] {
  const here = callee.assignments.find((a) => a.cluster.name === from);
  if (!here) return [];
  if (runsPods(here)) return [here.cluster];
  return callee.assignments.filter(servesExport).map((a) => a.cluster);
}

/**
 * Every declared call must resolve: the caller runs only where the callee's plain name exists (active or
 * placeholder). Under governance that needs mutual TLS into the callee (STRICT or AuthorizationPolicies), a
 * caller in another cluster needs a mesh the callee's mesh trusts.
 */
export function checkCalls(services: readonly ResolvedService[], graph: CallGraph, rules: ReadonlyMap<string, TrafficRules>, problems: Problems): void {
  for (const callee of services) {
    const callers = graph.get(callee.model.path);
    if (!callers) continue;
    const { name, namespace } = callee.model;
    const authorize = rules.get(namespace)?.authorizeCallers === true;
    const report = (message: string) => problems.add(callee.model.path, message);
    for (const caller of callers) {
      const key = serviceKey(caller);
      for (const from of runningClusters(caller)) {
        if (!holdingClusters(callee).includes(from)) {
          report(
            `caller ${key} runs in cluster "${from}", where ${name} has no Service, so its calls to ${name}.${namespace}.svc cannot resolve; ` +
              `add "${from}" to a PlaceholderPlacement of ${name}, or remove "${key}" from callers`,
          );
          continue;
        }
        const origin = caller.assignments.find((a) => a.cluster.name === from)?.cluster;
        if (!origin) continue;
        for (const target of callTargets(callee, from)) {
          if (target.name === from || !target.mesh) continue;
          const needsIdentity = authorize;
          if (!origin.mesh) {
            if (needsIdentity) {
              report(
                `caller ${key} runs in cluster "${from}", which has no mesh, so its calls to ${name} in "${target.name}" carry no identity the AuthorizationPolicy there could allow; ` +
                  `give "${from}" mesh: { network, trustDomain } trusted by "${target.name}", or leave mesh.authorizeCallers off for namespace "${namespace}"`,
              );
            }
            continue;
          }
          if ((needsIdentity || meshIsStrict(target, namespace)) && !meshesTrust(origin, target)) {
            report(
              `caller ${key} runs in cluster "${from}", whose mesh has trust domain "${origin.mesh.trustDomain}", and calls ${name} in "${target.name}", whose mesh has trust domain "${target.mesh.trustDomain}"; ` +
                `neither lists the other's in mesh.federatedTrustDomains, so "${target.name}" refuses the certificates of "${from}" and the mutual TLS call fails; ` +
                `give both meshes one trust domain (and root CA), or add "${origin.mesh.trustDomain}" to mesh.federatedTrustDomains of "${target.name}"`,
            );
          }
        }
      }
    }
  }
}

/**
 * Every placeholder that reaches the active clusters with mutual TLS needs meshes that trust each other: its
 * sidecars originate mTLS to all of them when any accepts only mTLS into the service's namespace, or (ISTIO) when
 * its own mesh does. Between two trust domains neither federates, the handshake fails.
 */
export function checkPlaceholderTrust(services: readonly ResolvedService[], problems: Problems): void {
  for (const s of services) {
    const { name, namespace } = s.model;
    const exporting = s.assignments.filter(servesExport);
    // The rule making the sidecars originate mTLS names the service's host, so it covers every active cluster.
    const anyStrict = exporting.some((a) => meshIsStrict(a.cluster, namespace));
    for (const p of s.assignments.filter((a) => a.role === 'placeholder')) {
      const here = p.cluster;
      if (!here.mesh) continue;
      const mutual = anyStrict || (String(p.networking) === 'ISTIO' && meshIsStrict(here, namespace));
      if (!mutual) continue;
      for (const a of exporting) {
        const there = a.cluster;
        if (!there.mesh || meshesTrust(here, there)) continue;
        problems.add(
          s.model.path,
          `the placeholder in cluster "${here.name}" reaches ${name} in "${there.name}" with mutual TLS, but the meshes do not trust each other (trust domains "${here.mesh.trustDomain}" and "${there.mesh.trustDomain}", neither in the other's mesh.federatedTrustDomains); ` +
            `give both meshes one trust domain (and root CA), or add "${here.mesh.trustDomain}" to mesh.federatedTrustDomains of "${there.name}"`,
        );
      }
    }
  }
}

/**
 * A declared call through an Istio placeholder needs the placeholder's routes exported to the caller's
 * namespace: a sidecar that does not see the VirtualService falls back to the selector-less Service, which has
 * no endpoint. Read from the planned objects (after each wiring wrote them).
 */
export function checkCallsSeeRoutes(plan: FleetPlan, services: readonly ResolvedService[], graph: CallGraph, problems: Problems): void {
  for (const callee of services) {
    const callers = graph.get(callee.model.path);
    if (!callers) continue;
    const { name, namespace, localHost } = callee.model;
    for (const caller of callers) {
      for (const from of runningClusters(caller)) {
        const here = plan.clusters.find((c) => c.cluster === from)?.objects ?? [];
        const route = here.find((o) => o.servicePath === callee.model.path && o.manifest.kind === 'VirtualService' && ((o.manifest.spec as { hosts?: unknown })?.hosts as unknown[] | undefined)?.includes(localHost));
        const exportTo = (route?.manifest.spec as { exportTo?: unknown } | undefined)?.exportTo;
        if (!route || !Array.isArray(exportTo) || exportTo.length === 0) continue;
        const seen = exportTo.some((e) => e === '*' || e === caller.model.namespace || (e === '.' && namespace === caller.model.namespace));
        if (seen) continue;
        const key = serviceKey(caller);
        problems.add(
          callee.model.path,
          `caller ${key} runs in cluster "${from}", where the routes of ${name} are exported to ${JSON.stringify(exportTo)} only, so the sidecars of namespace "${caller.model.namespace}" do not see them and its calls find no endpoint; ` +
            `add "${caller.model.namespace}" to exportTo of Networking.istio({ exportTo }), or remove "${key}" from callers`,
        );
      }
    }
  }
}

/** Whether the cluster runs the service's pods and exports them: where the clusterset name leads. */
function servesExport(a: Assignment): boolean {
  return runsPods(a) && isExported(a);
}
