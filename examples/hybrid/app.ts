import { type AppProps, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { ClusterSet, ClusterSetApp, Delivery, type IDeliveryEngine, MultiClusterService } from '../../lib';
import { hybridClusters } from './fleet';
import { hybridServicesFor } from './services';

/** The repository the GitOps flavours of the example expect their output in. */
const REPO_URL = 'https://git.example.com/platform/clusterset-fleet.git';

/** The engines the example synthesizes for, by the name CLUSTERSET_DELIVERY gives (npm run synth:<name>). */
export const HYBRID_DELIVERIES: Readonly<Record<string, () => IDeliveryEngine>> = {
  Direct: () => Delivery.direct(),
  ArgoCD: () => Delivery.argoCd({ repoURL: REPO_URL, path: 'dist/argocd' }),
  Flux: () => Delivery.flux({ repoURL: REPO_URL, path: 'dist/flux' }),
  KubeVela: () => Delivery.kubeVela(),
  Karmada: () => Delivery.karmada(),
};

/** The example's engine of that name (any case), or an error listing the known ones. */
export function hybridDelivery(name: string): IDeliveryEngine {
  const known = Object.keys(HYBRID_DELIVERIES);
  const found = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`CLUSTERSET_DELIVERY="${name}" is not one of ${known.join(', ')}`);
  return HYBRID_DELIVERIES[found]();
}

/**
 * The hybrid example as a cdk8s app, ready to synth; main.ts is the program cdk8s.yaml runs. The
 * delivery engine is the one switch that changes; the services stay as they are, but for the one
 * EndpointSlice Karmada cannot carry (see hybridServicesFor).
 */
export function hybridApp(props: AppProps = {}, delivery: IDeliveryEngine = Delivery.direct()): ClusterSetApp {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery });
  addHybridServices(fleet);
  // Engines that deploy from the hub write no cluster folder to add objects to.
  if (!delivery.clusterFolders) return app;

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
