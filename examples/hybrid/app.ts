import { type AppProps, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { ClusterSet, ClusterSetApp, Delivery, MultiClusterService } from '../../lib';
import { hybridClusters } from './fleet';
import { hybridServicesFor } from './services';

/** Where the Argo CD flavour of the example expects its output in Git. */
const GIT_OPS = { repoURL: 'https://git.example.com/platform/clusterset-fleet.git', path: 'dist/argocd' };

/**
 * The hybrid example as a cdk8s app, ready to synth; main.ts is the program cdk8s.yaml runs. The
 * delivery engine is the one switch that changes; the services stay as they are, but for the one
 * EndpointSlice Karmada cannot carry (see hybridServicesFor).
 */
export function hybridApp(props: AppProps = {}, delivery: Delivery = Delivery.DIRECT): ClusterSetApp {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery, gitOps: GIT_OPS });
  addHybridServices(fleet);
  if (delivery === Delivery.KUBEVELA || delivery === Delivery.KARMADA) return app;

  // Objects of your own sit next to the planned ones in a cluster's chart: app-a keeps two of its
  // three replicas in prodc through node drains.
  new k8s.KubePodDisruptionBudget(fleet.chart('prodc'), 'app-a-pdb', {
    metadata: { name: 'app-a', namespace: 'ns' },
    spec: { minAvailable: k8s.IntOrString.fromNumber(2), selector: { matchLabels: { 'app.kubernetes.io/name': 'app-a' } } },
  });
  return app;
}

/** Declares the hybrid services on a cdk8s fleet, as the delivery can carry them. */
export function addHybridServices(fleet: ClusterSet): MultiClusterService[] {
  return Object.entries(hybridServicesFor(fleet.delivery)).map(([id, options]) => new MultiClusterService(fleet, id, options));
}

/** Each cluster's objects of the example, rendered in memory. */
export function hybridManifests(): Record<string, Array<Record<string, unknown>>> {
  const app = hybridApp();
  return Object.fromEntries(app.charts.map((chart) => [chart.node.id, chart.toJson()]));
}

/** Each cluster's YAML stream of the example. */
export function hybridYaml(): Record<string, string> {
  return Object.fromEntries(Object.entries(hybridManifests()).map(([cluster, objects]) => [cluster, Yaml.stringify(...objects)]));
}
