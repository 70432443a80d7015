import type { AppProps } from 'cdk8s';
import { ClusterSet, ClusterSetApp, MultiClusterService } from '../../lib';
import { activeActiveClusters } from './fleet';
import { activeActiveServices } from './services';

/** The active-active example as a cdk8s app, ready to synth. */
export function activeActiveApp(props: AppProps = {}): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: activeActiveClusters });
  for (const [id, options] of Object.entries(activeActiveServices)) new MultiClusterService(fleet, id, options);
  return { app, fleet };
}
