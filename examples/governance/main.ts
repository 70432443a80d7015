// `npm run synth:governance` writes dist/governance/<cluster>/: design document 002's governed hybrid fleet.
import { governanceApp } from './app';

governanceApp().app.synth();
