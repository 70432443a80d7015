// `npm run report:migration` prints the plan report of every phase of the migration example, the way a
// reviewer reads each phase's commit: what runs where, what moved, what was degraded, usage against capacity.
import { migrationApp } from './app';
import { MigrationPhase } from '../../lib';

for (const phase of Object.values(MigrationPhase)) {
  process.stdout.write(`${migrationApp(phase).fleet.report()}\n\n`);
}
