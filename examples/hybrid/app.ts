import { type AppProps, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { ClusterSet, ClusterSetApp, MultiClusterService } from '../../lib';
import { hybridClusters } from './fleet';
import { hybridServices } from './services';

/** The hybrid example as a cdk8s app, ready to synth; main.ts is the program cdk8s.yaml runs. */
export function hybridApp(props: AppProps = {}): ClusterSetApp {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters });
  addHybridServices(fleet);

  // Objects of your own sit next to the planned ones in a cluster's chart: app-a keeps two of its
  // three replicas in prodc through node drains.
  new k8s.KubePodDisruptionBudget(fleet.chart('prodc'), 'app-a-pdb', {
    metadata: { name: 'app-a', namespace: 'ns' },
    spec: { minAvailable: k8s.IntOrString.fromNumber(2), selector: { matchLabels: { 'app.kubernetes.io/name': 'app-a' } } },
  });
  return app;
}

/** Declares the hybrid services on a cdk8s fleet. */
export function addHybridServices(fleet: ClusterSet): MultiClusterService[] {
  return Object.entries(hybridServices).map(([id, options]) => new MultiClusterService(fleet, id, options));
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
