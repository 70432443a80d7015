import type { Construct } from 'constructs';
import { ClusterSet } from './cluster-set';
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';

/** The ClusterSet among `scope` and its ancestors, nearest first. */
export function nearestClusterSet(scope: Construct | undefined): ClusterSet | undefined {
  for (let s = scope; s; s = s.node.scope as Construct | undefined) {
    if (s instanceof ClusterSet) return s;
  }
  return undefined;
}

/**
 * The fleet a construct of `kind` joins: the `clusterSet` its props give (which must be one), else the
 * nearest among its scopes; throws ClusterSetValidationError naming the construct otherwise.
 */
export function fleetOf(construct: Construct, kind: string, given: unknown): ClusterSet {
  if (given !== undefined && !(given instanceof ClusterSet)) {
    throw new ClusterSetValidationError([`${construct.node.path}: clusterSet must be a ClusterSet, got ${describeValue(given)}`]);
  }
  const fleet = given ?? nearestClusterSet(construct.node.scope as Construct | undefined);
  if (!fleet) throw new ClusterSetValidationError([`${construct.node.path}: a ${kind} needs a ClusterSet; create it inside one, or pass clusterSet`]);
  return fleet;
}
