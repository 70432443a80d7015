// Small checks of JSON values by field, composed into the plan document's layout (plan-document-shape.ts): each
// reports a wrong field as `fleets[0].services[2].replicas.east must be a number, got "3"`.
import { quantityProblem } from '../core/kube/quantity';

/** The wrong fields found so far, each as `fleets[0].services[2].replicas.east must be a number, got "3"`. */
export type Found = string[];

export type Check = (value: unknown, at: string, found: Found) => void;

/** A value as a message shows it: its JSON, cut at 40 characters; `nothing` for a missing field. */
export const shown = (value: unknown) => (value === undefined ? 'nothing' : (JSON.stringify(value)?.slice(0, 40) ?? String(value)));
/** A check of one value: `ok` holds, or the field must be `what`. */
export const must = (ok: (v: unknown) => boolean, what: string): Check => (value, at, found) => {
  if (!ok(value)) found.push(`${at} must be ${what}, got ${shown(value)}`);
};

// The values of JSON fields, as the layout declares them.
export const str = must((v) => typeof v === 'string', 'a string');
export const name = must((v) => typeof v === 'string' && v !== '', 'a non-empty string');
export const bool = must((v) => typeof v === 'boolean', 'true or false');
export const num = must((v) => typeof v === 'number' && Number.isFinite(v), 'a number');
/** Replicas, pods, capacity: what Kubernetes counts in whole numbers. */
export const count = must((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, 'a whole number, at least 0');
// Usage against allocatable is computed exactly (BigInt), so an exponent of thousands of digits is refused here.
export const quantity = must((v) => typeof v === 'string' && quantityProblem(v) === undefined && !/[eE][+-]?\d{4,}$/.test(v), 'a quantity such as 500m or 1Gi');
export const oneOf = (values: readonly string[]) => must((v) => typeof v === 'string' && values.includes(v), `one of ${values.join(', ')}`);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function list(each: Check): Check {
  return (v, at, found) => {
    if (!Array.isArray(v)) return void found.push(`${at} must be a list, got ${shown(v)}`);
    v.forEach((item, i) => each(item, `${at}[${i}]`, found));
  };
}

export function record(each: Check): Check {
  return (v, at, found) => {
    if (!isObject(v)) return void found.push(`${at} must be an object, got ${shown(v)}`);
    for (const [key, item] of Object.entries(v)) each(item, `${at}.${key}`, found);
  };
}

/** An object with these fields; a field marked optional may be absent. Fields the layout does not declare are let be (a newer minor layout adds some). */
export function fields(shape: Record<string, Check>, optional: readonly string[] = []): Check {
  return (v, at, found) => {
    if (!isObject(v)) return void found.push(`${at} must be an object, got ${shown(v)}`);
    for (const [key, check] of Object.entries(shape)) {
      if (v[key] === undefined && optional.includes(key)) continue;
      check(v[key], `${at}.${key}`, found);
    }
  };
}

/** Checks only once `first` found nothing more: a check that reads what `first` vouches for. */
export function then(first: Check, second: Check): Check {
  return (v, at, found) => {
    const before = found.length;
    first(v, at, found);
    if (found.length === before) second(v, at, found);
  };
}
