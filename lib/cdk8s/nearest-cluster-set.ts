import type { Construct } from 'constructs';
import { ClusterSet } from './cluster-set';
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { isObject } from '../core/validate/input/shape';

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

/**
 * A fleet-level construct's props as the planner takes them: without the `clusterSet` it was given (a
 * construct, not a prop of the part), and as they are when they are not an object (the shape checks report it).
 */
export function partProps<T>(props: unknown): T {
  if (!isObject(props)) return props as T;
  const plain: Record<string, unknown> = { ...props };
  delete plain.clusterSet;
  return plain as unknown as T;
}
