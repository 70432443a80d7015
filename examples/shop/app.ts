import type { AppProps } from 'cdk8s';
import { ClusterSet, ClusterSetApp, MultiClusterService } from '../../lib';
import { shopClusters, shopNamespaces } from './fleet';
import { shopServices } from './services';

/** The shop example as a cdk8s app, ready to synth. */
export function shopApp(props: AppProps = {}): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: shopClusters, namespaces: shopNamespaces });
  for (const [id, options] of Object.entries(shopServices)) new MultiClusterService(fleet, id, options);
  return { app, fleet };
}
