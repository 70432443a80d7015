// Pulumi program of the hybrid example (Pulumi.yaml). Until the Pulumi flavour lands (issue #3) it
// plans the same fleet through the shared core and exports where each service runs as stack outputs;
// it creates no resources yet.
import { planFleet } from '../../lib';
import { hybridClusters } from './fleet';
import { hybridServices } from './services';

const plan = planFleet({
  path: 'fleet',
  clusters: hybridClusters,
  services: Object.entries(hybridServices).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
});

export const services = plan.services;
export const objectsPerCluster = Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.length]));
