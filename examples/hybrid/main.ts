// The cdk8s app of the hybrid example: `npm run synth` (or `cdk8s synth`) writes dist/<cluster>/.
import { hybridApp } from './app';

hybridApp().synth();
