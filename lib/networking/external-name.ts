import { serviceManifest } from '../core/objects';
import { mutualTlsProblems, plainHostMutualTls } from './mutual-tls';
import type { PlaceholderWiring, WiringContext } from './wiring';

/**
 * The plain name becomes a DNS alias: a Service of type ExternalName whose CNAME is the clusterset name.
 * Needs no address and no mesh, but only Lighthouse DNS in the placeholder cluster, and clients that do
 * not check the host name (TLS, HTTP Host routing) against the plain name.
 */
export const externalNameWiring: PlaceholderWiring = {
  name: 'EXTERNAL_NAME',

  addressNeeded: () => undefined,

  problems(context: WiringContext): string[] {
    const { service, cluster } = context;
    const problems = mutualTlsProblems('EXTERNAL_NAME', context);
    if (!cluster.mcs) {
      problems.push(
        `networking EXTERNAL_NAME needs Lighthouse DNS in cluster "${cluster.name}" to resolve ${service.clustersetHost}, ` +
          'but the cluster sets mcs: false; enable mcs there or use Networking.ENDPOINT_SLICE',
      );
    }
    return problems;
  },

  objects: (context: WiringContext) => [
    serviceManifest(context.service, { role: 'placeholder', withSelector: false, externalName: context.service.clustersetHost }),
    ...plainHostMutualTls(context),
  ],
};
