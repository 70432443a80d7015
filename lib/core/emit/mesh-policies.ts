// Istio security from governance (docs/governance.md, "Least-privilege traffic"): STRICT mutual TLS per namespace,
// and per service an AuthorizationPolicy allowing only its declared callers, by workload identity.
import type { Manifest } from '../kube/manifest';
import { LABELS, type Cluster, type ServiceModel } from '../resolved';

/** Name of the namespace-wide PeerAuthentication clusterset writes. */
export const STRICT_MTLS_NAME = 'clusterset-strict-mtls';

/** The `security.istio.io` version for a cluster's mesh: it follows the mesh's `apiVersion` (both serve v1 from Istio 1.22). */
function securityApiVersion(cluster: Cluster): string {
  return `security.istio.io/${cluster.mesh?.apiVersion ?? 'v1beta1'}`;
}

/** A namespace-wide PeerAuthentication: the namespace's pods accept mutual TLS only. */
export function strictMtlsPolicy(cluster: Cluster, namespace: string): Manifest {
  return {
    apiVersion: securityApiVersion(cluster),
    kind: 'PeerAuthentication',
    metadata: { name: STRICT_MTLS_NAME, namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: { mtls: { mode: 'STRICT' } },
  };
}

/** The identity Istio gives a pod: `<trust domain>/ns/<namespace>/sa/<service account>`, as AuthorizationPolicies name it. */
export function principal(trustDomain: string, namespace: string, account: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${account}`;
}

/** A workload allowed to some ports only: the cluster's Prometheus on the metrics ports, the ingress controller on the HTTP ports. */
export interface PortAccess {
  readonly principal: string;
  readonly ports: readonly number[];
}

/**
 * An ALLOW AuthorizationPolicy on the service's pods naming `principals` (sorted, once each), and each of `limited`
 * on its ports only. Without any rule, Istio reads it as allowing nothing.
 */
export function callersAuthorization(service: ServiceModel, cluster: Cluster, principals: readonly string[], name: string, limited: readonly PortAccess[] = []): Manifest {
  const sorted = [...new Set(principals)].sort();
  const rules: Array<Record<string, unknown>> = sorted.length > 0 ? [{ from: [{ source: { principals: sorted } }] }] : [];
  for (const access of limited.filter((a) => a.ports.length > 0)) {
    // Istio matches `ports` against the port the pod receives on, as strings.
    rules.push({ from: [{ source: { principals: [access.principal] } }], to: [{ operation: { ports: [...new Set(access.ports)].sort((a, b) => a - b).map(String) } }] });
  }
  return {
    apiVersion: securityApiVersion(cluster),
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      selector: { matchLabels: { ...service.selector } },
      action: 'ALLOW',
      ...(rules.length > 0 ? { rules } : {}),
    },
  };
}
