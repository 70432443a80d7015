import { Construct } from 'constructs';
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { isObject } from '../core/validate/input/shape';
import type { MigrationProps } from '../core/api/migration';
import { ClusterSet } from './cluster-set';
import { nearestClusterSet } from './nearest-cluster-set';

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
  /** The cluster the services leave. */
  public readonly from: string;
  /** The cluster they move to. */
  public readonly to: string;

  constructor(scope: Construct, id: string, props: MigrationConstructProps) {
    super(scope, id);
    // Props may come from JSON or YAML: their shape is checked with the fleet's plan, at synth.
    const given: Partial<MigrationConstructProps> = isObject(props) ? props : {};
    if (given.clusterSet !== undefined && !(given.clusterSet instanceof ClusterSet)) {
      throw new ClusterSetValidationError([`${this.node.path}: clusterSet must be a ClusterSet, got ${describeValue(given.clusterSet)}`]);
    }
    const fleet = given.clusterSet ?? nearestClusterSet(scope);
    if (!fleet) throw new ClusterSetValidationError([`${this.node.path}: a Migration needs a ClusterSet; create it inside one, or pass clusterSet`]);
    this.from = String(given.from);
    this.to = String(given.to);
    const plain: Record<string, unknown> = isObject(props) ? { ...props } : {};
    delete plain.clusterSet;
    fleet._addMigration({ path: this.node.path, props: (isObject(props) ? plain : props) as unknown as MigrationProps });
  }
}
