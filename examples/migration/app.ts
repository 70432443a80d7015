import type { AppProps } from 'cdk8s';
import { ClusterSet, ClusterSetApp, Migration, MigrationPhase, MultiClusterService } from '../../lib';
import { migrationClusters } from './fleet';
import { migrationServices } from './services';

/** The phase to plan, from CLUSTERSET_PHASE: each phase is one commit, and the previous one is the failback. */
export function phaseFromEnvironment(value = process.env.CLUSTERSET_PHASE): MigrationPhase {
  const phases = Object.values(MigrationPhase);
  if (value === undefined || value === '') return MigrationPhase.BOTH_ACTIVE;
  const phase = phases.find((p) => p === value);
  if (!phase) throw new Error(`CLUSTERSET_PHASE "${value}" is not a migration phase; use one of ${phases.join(', ')}`);
  return phase;
}

/** The migration example as a cdk8s app at one phase: `c`'s services move to `b` while `a` is down. */
export function migrationApp(phase: MigrationPhase = phaseFromEnvironment(), props: AppProps = {}): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp(props);
  const fleet = new ClusterSet(app, 'fleet', { clusters: migrationClusters });
  for (const [id, options] of Object.entries(migrationServices)) new MultiClusterService(fleet, id, options);
  new Migration(fleet, 'c-to-b', { from: 'c', to: 'b', phase });
  return { app, fleet };
}
