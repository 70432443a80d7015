// The cdk8s app of the hybrid example: `npm run synth` (or `cdk8s synth`) writes dist/<cluster>/.
import { ClusterSet, ClusterSetApp } from '../../lib';
import { hybridClusters } from './fleet';
import { addHybridServices } from './services';

const app = new ClusterSetApp();
const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters });
addHybridServices(fleet);
app.synth();
