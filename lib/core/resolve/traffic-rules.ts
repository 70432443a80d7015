// The traffic rules of each governed namespace, merged over every FleetGovernance naming it.
import type { IngressSourceProps } from '../api/ingress-source';
import type { GovernanceSpec } from '../model';
import type { Cluster } from '../resolved';

/** What governance asks of the traffic into one namespace. */
export interface TrafficRules {
  /** A STRICT PeerAuthentication in its mesh clusters. */
  readonly strictMtls: boolean;
  /** AuthorizationPolicies from declared callers in its mesh clusters. */
  readonly authorizeCallers: boolean;
  /** NetworkPolicies from declared callers in every cluster. */
  readonly networkPolicies: boolean;
  /** A default-deny ingress NetworkPolicy. */
  readonly defaultDeny: boolean;
  /** Where north-south traffic comes from, as each governance naming the namespace gives it. */
  readonly ingressFrom: readonly IngressSourceProps[];
}

/** The rules of each governed namespace that asks for any; a namespace two governances name takes what either asks. */
export function trafficRules(governance: readonly GovernanceSpec[]): ReadonlyMap<string, TrafficRules> {
  const rules = new Map<string, TrafficRules>();
  for (const { props } of governance) {
    const asked: TrafficRules = {
      strictMtls: props.mesh?.strictMtls === true,
      authorizeCallers: props.mesh?.authorizeCallers === true,
      networkPolicies: props.networkPolicies !== undefined,
      defaultDeny: props.networkPolicies?.defaultDeny === true,
      ingressFrom: props.ingressFrom ? [props.ingressFrom] : [],
    };
    if (!asked.strictMtls && !asked.authorizeCallers && !asked.networkPolicies) continue;
    for (const namespace of props.namespaces) {
      const earlier = rules.get(namespace);
      rules.set(
        namespace,
        earlier
          ? {
              strictMtls: earlier.strictMtls || asked.strictMtls,
              authorizeCallers: earlier.authorizeCallers || asked.authorizeCallers,
              networkPolicies: earlier.networkPolicies || asked.networkPolicies,
              defaultDeny: earlier.defaultDeny || asked.defaultDeny,
              ingressFrom: [...earlier.ingressFrom, ...asked.ingressFrom],
            }
          : asked,
      );
    }
  }
  return rules;
}

/**
 * The clusters with their meshes told which namespaces accept mutual TLS only: a STRICT PeerAuthentication
 * refuses plain text, and an AuthorizationPolicy naming callers needs their identity, which only mutual TLS
 * carries. Placeholder wirings read it to originate mutual TLS (lib/networking/mutual-tls.ts).
 */
export function withStrictNamespaces(clusters: readonly Cluster[], rules: ReadonlyMap<string, TrafficRules>): Cluster[] {
  const strict = [...rules].filter(([, r]) => r.strictMtls || r.authorizeCallers).map(([namespace]) => namespace).sort();
  if (strict.length === 0) return [...clusters];
  return clusters.map((c) => (c.mesh ? { ...c, mesh: { ...c.mesh, strictNamespaces: strict } } : c));
}

/** Whether the rules' NetworkPolicies select a service's pods: under default deny, or when it declares its callers. */
export function podsGuarded(rule: TrafficRules | undefined, declaresCallers: boolean): boolean {
  return rule !== undefined && rule.networkPolicies && (rule.defaultDeny || declaresCallers);
}
