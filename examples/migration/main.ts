// `npm run synth:migration` writes dist/migration/<cluster>/ at the phase CLUSTERSET_PHASE names
// (BOTH_ACTIVE, SWITCH or DRAIN; BOTH_ACTIVE when unset).
import { migrationApp } from './app';

migrationApp().app.synth();
