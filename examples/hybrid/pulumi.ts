// The Pulumi program of the hybrid example (Pulumi.yaml): `pulumi up --stack dev` deploys it to the
// clusters named in Pulumi.dev.yaml. `npm run preview:pulumi -- --stack dev` previews it offline.
import { ClusterSet, MultiClusterService } from '../../lib/pulumi';
import { hybridServices } from './services';

const fleet = ClusterSet.fromConfig('fleet');

const deployed = Object.entries(hybridServices).map(([name, options]) => new MultiClusterService(name, { ...options, clusterSet: fleet }));

/** Per service: where it runs, what each cluster received, and its DNS names. */
export const services = Object.fromEntries(
  deployed.map((s) => [s.serviceName, { clustersetHost: s.clustersetHost, localHost: s.localHost, clusters: s.clusters }]),
);
