// The args every component on a fleet takes: an object naming its ClusterSet, with the component's own props.
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { isObject } from '../core/validate/input/shape';
import { ClusterSet } from './cluster-set';

/** A component's args, checked: its fleet, its path for errors, and its own props, still unchecked. */
export interface ComponentArgs {
  readonly clusterSet: ClusterSet;
  /** The component's name, or its kind when the name is no string. */
  readonly name: string;
  /** `fleet/name`, the root of the component's errors. */
  readonly path: string;
  readonly props: Record<string, unknown>;
}

/**
 * The fleet and props of a component's args; throws ClusterSetValidationError when they are no object or name
 * no ClusterSet. `kind` stands in for a name that is no string; `example` shows such args; `fleet` says which
 * fleet to pass, such as "the fleet whose services it governs".
 */
export function componentArgs(kind: string, name: unknown, args: unknown, example: string, fleet: string): ComponentArgs {
  const where = typeof name === 'string' ? name : kind;
  if (!isObject(args)) throw new ClusterSetValidationError([`${where}: args must be an object such as ${example}, got ${describeValue(args)}`]);
  const { clusterSet, ...props } = args;
  if (!(clusterSet instanceof ClusterSet)) {
    const fix = clusterSet === undefined ? `is required; pass ${fleet}, such as ClusterSet.fromConfig('fleet')` : `must be a ClusterSet, got ${describeValue(clusterSet)}`;
    throw new ClusterSetValidationError([`${where}: clusterSet ${fix}`]);
  }
  return { clusterSet, name: where, path: `${clusterSet.fleetName}/${where}`, props };
}
