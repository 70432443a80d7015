// Where two plans of one object differ: the whole-fleet plan of a FleetGovernance or FleetMonitoring against
// what a component created before it.
import { LiveValue } from '../core/kube/object-ref';

/** One field where two values differ, with both values as they would be written. */
export interface Difference {
  /** The field's path, such as `spec.replicas` or `spec.ports[0].port`; `` for the whole value. */
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/**
 * The first field, in key order, where `before` and `after` differ; undefined when they are the same. A
 * LiveValue (an address read from a cluster) is the same as another naming the same field of the same object.
 */
export function firstDifference(before: unknown, after: unknown, field = ''): Difference | undefined {
  if (before instanceof LiveValue || after instanceof LiveValue) {
    return String(before) === String(after) ? undefined : { field, before: shown(before), after: shown(after) };
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const found = firstDifference(before[i], after[i], `${field}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(before) && isRecord(after) && !Array.isArray(before) && !Array.isArray(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const found = firstDifference(before[key], after[key], field === '' ? key : `${field}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(before, after) ? undefined : { field, before: shown(before), after: shown(after) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A value as JSON, shortened: messages quote it, they do not reproduce it. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof LiveValue) return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
