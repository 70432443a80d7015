// Mutual TLS across clusters: a server whose mesh enforces STRICT accepts only ISTIO_MUTUAL, which a
// client sidecar originates for a remote address only when a DestinationRule tells it to.
import type { Manifest } from '../core/kube/manifest';
import type { ServiceModel } from '../core/resolved';
import type { WiringContext } from '../core/wiring';
import { meshIsStrict } from '../core/resolve/mesh-strict';

/** The active clusters of the context whose mesh refuses plain text. */
export function strictSources({ service, sources }: WiringContext): string[] {
  return sources.filter((s) => meshIsStrict(s.cluster, service.namespace)).map((s) => s.cluster.name);
}

/**
 * Why a wiring that reaches the active clusters by address (ENDPOINT_SLICE) cannot satisfy STRICT mTLS there: the placeholder needs a sidecar to originate mutual TLS, and every
 * active cluster a mesh to accept it.
 */
export function mutualTlsProblems(mode: string, context: WiringContext): string[] {
  const strict = strictSources(context);
  if (strict.length === 0) return [];
  const { service, cluster } = context;
  const target = `${service.name}.${service.namespace}`;
  const problems: string[] = [];
  if (!cluster.mesh) {
    problems.push(
      `networking ${mode} in cluster "${cluster.name}" would send plain text to ${target} in ${strict.map((c) => `"${c}"`).join(', ')}, ` +
        `whose mesh enforces STRICT mTLS and refuses it; "${cluster.name}" has no mesh to originate mutual TLS: give it mesh: { network: ... }, ` +
        'or set mesh.mtls to MeshMtls.PERMISSIVE in the active clusters',
    );
  }
  return [...problems, ...unmeshedSourceProblems(strict, target, context)];
}

/** Why mutual TLS, required by the `strict` clusters, cannot reach the active clusters that run no mesh. */
export function unmeshedSourceProblems(strict: readonly string[], target: string, { cluster, sources }: WiringContext): string[] {
  return sources
    .filter((s) => !s.cluster.mesh)
    .map(
      (source) =>
        `STRICT mTLS in ${strict.map((c) => `"${c}"`).join(', ')} makes calls to ${target} from "${cluster.name}" use ISTIO_MUTUAL, ` +
        `but active cluster "${source.cluster.name}" has no mesh to accept it; add Istio there or set mesh.mtls to MeshMtls.PERMISSIVE`,
    );
}

/** A DestinationRule making the placeholder's sidecars originate ISTIO_MUTUAL to `host`. */
export function mutualTlsRule(service: ServiceModel, apiVersion: string, host: string, name: string): Manifest {
  return {
    apiVersion,
    kind: 'DestinationRule',
    metadata: { name, namespace: service.namespace, labels: { ...service.labels } },
    spec: { host, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
  };
}

/** For ENDPOINT_SLICE: the rule on the plain host (a selector-less Service) when an active cluster is STRICT. */
export function plainHostMutualTls(context: WiringContext): Manifest[] {
  const { service, cluster } = context;
  if (strictSources(context).length === 0 || !cluster.mesh) return [];
  return [mutualTlsRule(service, `networking.istio.io/${cluster.mesh.apiVersion}`, service.localHost, `${service.name}.mtls`)];
}
