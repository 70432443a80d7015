import { serviceManifest } from '../core/emit/objects';
import { strictSources } from './mutual-tls';
import type { IPlaceholderWiring, WiringContext } from '../core/wiring';

/**
 * The plain name becomes a DNS alias: a Service of type ExternalName whose CNAME is the clusterset name.
 * Needs no address and no mesh, but only Lighthouse DNS in the placeholder cluster, and clients that do
 * not check the host name (TLS, HTTP Host routing) against the plain name.
 */
export const externalNameWiring: IPlaceholderWiring = {
  name: 'EXTERNAL_NAME',

  addressNeeded: () => undefined,

  problems(context: WiringContext): string[] {
    const { service, cluster } = context;
    const problems: string[] = [];
    const strict = strictSources(context);
    if (strict.length > 0) {
      // Istio (1.21 on) treats an ExternalName Service as a DNS alias: no DestinationRule applies to it.
      problems.push(
        `networking EXTERNAL_NAME in cluster "${cluster.name}" would send plain text to ${service.name}.${service.namespace} in ` +
          `${strict.map((c) => `"${c}"`).join(', ')}, whose mesh enforces STRICT mTLS and refuses it: Istio treats an ExternalName Service as a DNS alias, ` +
          'so no DestinationRule can make the sidecars originate mutual TLS; use Networking.ISTIO (or Networking.ENDPOINT_SLICE with a mesh in ' +
          `"${cluster.name}"), or set mesh.mtls to MeshMtls.PERMISSIVE in the active clusters`,
      );
    }
    if (!cluster.mcs) {
      problems.push(
        `networking EXTERNAL_NAME needs Lighthouse DNS in cluster "${cluster.name}" to resolve ${service.clustersetHost}, ` +
          'but the cluster sets mcs: false; enable mcs there or use Networking.ENDPOINT_SLICE',
      );
    }
    return problems;
  },

  objects: ({ service }: WiringContext) => [serviceManifest(service, { role: 'placeholder', withSelector: false, externalName: service.clustersetHost })],
};
