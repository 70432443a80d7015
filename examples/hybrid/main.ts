// The cdk8s app of the hybrid example: `npm run synth` (or `cdk8s synth`) writes dist/<cluster>/.
// CLUSTERSET_DELIVERY=KubeVela|ArgoCD picks another delivery engine (npm run synth:kubevela, synth:argocd).
import { Delivery } from '../../lib';
import { hybridApp } from './app';

const chosen = process.env.CLUSTERSET_DELIVERY ?? Delivery.DIRECT;
const delivery = Object.values(Delivery).find((d) => d.toLowerCase() === chosen.toLowerCase());
if (!delivery) throw new Error(`CLUSTERSET_DELIVERY="${chosen}" is not one of ${Object.values(Delivery).join(', ')}`);
hybridApp({}, delivery).synth();
