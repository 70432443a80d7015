import { Construct } from 'constructs';
import { isObject } from '../core/validate/input/shape';
import type { GovernanceProps } from '../core/api/governance';
import { type ClusterSet } from './cluster-set';
import { fleetOf, partProps } from './nearest-cluster-set';

/** Props of a FleetGovernance in the cdk8s flavour. */
export interface FleetGovernanceProps extends GovernanceProps {
  /** The fleet it governs. @default - the nearest ClusterSet among the construct's scopes */
  readonly clusterSet?: ClusterSet;
}

/**
 * Guardrails and traffic rules for namespaces of the fleet, emitted in every cluster holding their
 * services from the same plan, and checked against those services (docs/governance.md).
 */
export class FleetGovernance extends Construct {
  /** The fleet it governs. */
  public readonly clusterSet: ClusterSet;

  constructor(scope: Construct, id: string, props: FleetGovernanceProps) {
    super(scope, id);
    // Props may come from JSON or YAML: their shape is checked with the fleet's plan, at synth.
    const given: Partial<FleetGovernanceProps> = isObject(props) ? props : {};
    this.clusterSet = fleetOf(this, 'FleetGovernance', given.clusterSet);
    this.clusterSet._addGovernance({ path: this.node.path, props: partProps<GovernanceProps>(props) });
  }
}
