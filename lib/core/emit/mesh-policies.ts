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

/**
 * An ALLOW AuthorizationPolicy on the service's pods naming `principals` (sorted, once each). Without any, it has
 * no rule, which Istio reads as allowing nothing.
 */
export function callersAuthorization(service: ServiceModel, cluster: Cluster, principals: readonly string[], name: string): Manifest {
  const sorted = [...new Set(principals)].sort();
  return {
    apiVersion: securityApiVersion(cluster),
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: service.namespace, labels: { ...service.labels } },
    spec: {
      selector: { matchLabels: { ...service.selector } },
      action: 'ALLOW',
      ...(sorted.length > 0 ? { rules: [{ from: [{ source: { principals: sorted } }] }] } : {}),
    },
  };
}
