// `npm run synth:shop` writes dist/shop/<cluster>/.
import { shopApp } from './app';

shopApp().app.synth();
