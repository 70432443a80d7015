// `npm run synth:active-active` writes dist/active-active/<cluster>/.
import { activeActiveApp } from './app';

activeActiveApp().app.synth();
