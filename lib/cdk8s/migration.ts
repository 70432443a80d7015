import { Construct } from 'constructs';
import { isObject } from '../core/validate/input/shape';
import type { MigrationProps } from '../core/api/migration';
import { type ClusterSet } from './cluster-set';
import { fleetOf, partProps } from './nearest-cluster-set';

/** Props of a Migration in the cdk8s flavour. */
export interface MigrationConstructProps extends MigrationProps {
  /** The fleet whose services move. @default - the nearest ClusterSet among the construct's scopes */
  readonly clusterSet?: ClusterSet;
}

/**
 * Services moving from one cluster to another, planned at one phase (BOTH_ACTIVE, SWITCH, DRAIN): each
 * phase is a complete plan, one reviewed commit; the previous phase is the failback (docs/operations.md).
 */
export class Migration extends Construct {
  /** The cluster the services leave ('' when the props give no string, which synth reports). */
  public readonly from: string;
  /** The cluster they move to ('' when the props give no string, which synth reports). */
  public readonly to: string;

  constructor(scope: Construct, id: string, props: MigrationConstructProps) {
    super(scope, id);
    // Props may come from JSON or YAML: their shape is checked with the fleet's plan, at synth.
    const given: Partial<MigrationConstructProps> = isObject(props) ? props : {};
    const fleet = fleetOf(this, 'Migration', given.clusterSet);
    // A value that is not a string is reported with the fleet's plan; nothing here may assume its type.
    this.from = typeof given.from === 'string' ? given.from : '';
    this.to = typeof given.to === 'string' ? given.to : '';
    fleet._addMigration({ path: this.node.path, props: partProps<MigrationProps>(props) });
  }
}
