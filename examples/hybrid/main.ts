// The cdk8s app of the hybrid example: `npm run synth` (or `cdk8s synth`) writes dist/<cluster>/.
// CLUSTERSET_DELIVERY=ArgoCD|Flux|KubeVela|Karmada picks another delivery engine (npm run synth:argocd, ...).
import { hybridApp, hybridDelivery } from './app';

hybridApp({}, hybridDelivery(process.env.CLUSTERSET_DELIVERY ?? 'Direct')).synth();
