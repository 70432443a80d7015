// A tiny declarative checker of runtime shapes. Fleets are often loaded from JSON or YAML, where the
// TypeScript types protect nothing: each shape says what a field must hold, and reports, with the field
// and the value, what it holds instead.
import { describeValue } from './describe';
import { nearMiss } from './near-miss';

/** Receives one problem, already starting with the field it is about. */
export type Report = (message: string) => void;

/** Checks `value`, found at `field`, reporting each problem; true when it has the shape. */
export type Shape = (value: unknown, field: string, report: Report) => boolean;

/** One field of an object shape. */
export interface FieldShape {
  readonly shape: Shape;
  /** When set, the field must be present; the text says what to give, as in "give the service at least one port". */
  readonly required?: string;
}

/** `parent.child`, or `child` at the top. */
export function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

/** How a field is named at the start of a message: the top object itself is "props". */
function subject(field: string): string {
  return field === '' ? 'props' : field;
}

/** A string; `nonEmpty` refuses "". */
export function string(options: { readonly nonEmpty?: boolean } = {}): Shape {
  return (value, field, report) => {
    if (typeof value !== 'string') return fail(report, `${subject(field)} must be a string, got ${describeValue(value)}`);
    if (options.nonEmpty && value.trim() === '') return fail(report, `${subject(field)} is empty; give a value or remove it`);
    return true;
  };
}

/** The largest value Kubernetes stores in its int32 fields (replicas among them). */
export const INT32_MAX = 2147483647;

/**
 * A number meant to be a whole number. Whether it is whole and in range is the later checks' business
 * (with their own messages), except `max`: a number beyond what Kubernetes can store.
 */
export function integer(options: { readonly max?: number } = {}): Shape {
  return (value, field, report) => {
    if (typeof value !== 'number') return fail(report, `${subject(field)} must be a whole number, got ${describeValue(value)}`);
    if (options.max !== undefined && value > options.max) {
      return fail(report, `${subject(field)} ${value} is more than Kubernetes can store (at most ${options.max})`);
    }
    return true;
  };
}

export const boolean: Shape = (value, field, report) =>
  typeof value === 'boolean' || fail(report, `${subject(field)} must be true or false, got ${describeValue(value)}`);

/** One of a closed set of strings (the values of a TypeScript string enum). */
export function oneOf(values: readonly string[]): Shape {
  return (value, field, report) => {
    if (typeof value === 'string' && values.includes(value)) return true;
    const near = typeof value === 'string' ? nearMiss(value, values) : undefined;
    const shown = typeof value === 'string' ? `"${value}"` : describeValue(value);
    return fail(report, `${subject(field)} ${shown} is not one of ${values.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
  };
}

/** A key JavaScript reads as an object's prototype, never as data. */
const PROTOTYPE_KEY = '__proto__';

/**
 * A key cdk8s cannot render in an object it writes (it takes the object for a class instance): refused in
 * maps whose entries become fields of Kubernetes objects (labels, annotations, resources, patch values).
 */
const CDK8S_UNRENDERABLE_KEY = 'constructor';

/** A plain object of any keys, each value of `of` (preferences by cluster...); `emitted` for maps written into objects. */
export function mapOf(of: Shape, options: { readonly emitted?: boolean } = {}): Shape {
  return (value, field, report) => {
    if (!isPlainObject(value)) return fail(report, `${subject(field)} must be an object of keys and values, got ${describeValue(value)}`);
    let ok = true;
    for (const key of Object.keys(value)) {
      const at = `${subject(field)}[${JSON.stringify(key)}]`;
      if (key === PROTOTYPE_KEY) ok = fail(report, `${at}: "${key}" is a JavaScript prototype key, which cannot be used as a key; rename it`);
      else if (options.emitted && key === CDK8S_UNRENDERABLE_KEY) ok = fail(report, `${at}: "${key}" is a key cdk8s cannot write (it reads it as the object's class); rename it`);
      else ok = of(value[key], at, report) && ok;
    }
    return ok;
  };
}

/** Strings by key, written into the objects emitted (labels, annotations, env, resources). */
export const stringMap: Shape = mapOf(string(), { emitted: true });

/** A list, each item of `of`. */
export function listOf(of: Shape): Shape {
  return (value, field, report) => {
    if (!Array.isArray(value)) return fail(report, `${subject(field)} must be a list, got ${describeValue(value)}`);
    let ok = true;
    value.forEach((item, i) => {
      ok = of(item, `${subject(field)}[${i}]`, report) && ok;
    });
    return ok;
  };
}

/**
 * An object with known fields: a missing required field, a field of the wrong shape and an unknown field
 * (with the nearest known name when it looks misspelt) are each reported. Fields set to `undefined` count
 * as absent, as TypeScript's optional fields do.
 */
export function object(fields: Readonly<Record<string, FieldShape>>): Shape {
  const known = Object.keys(fields);
  const required = known.filter((k) => fields[k].required !== undefined);
  return (value, field, report) => {
    if (!isObject(value) || isOpaque(value)) return fail(report, `${subject(field)} must be an object, got ${describeValue(value)}`);
    const record = value as Record<string, unknown>;
    const present = Object.keys(record).filter((k) => record[k] !== undefined);
    if (present.length === 0 && required.length > 0 && field !== '') {
      const last = field.slice(field.lastIndexOf('.') + 1);
      const give = `{ ${required.map((k) => `${k}: ...`).join(', ')} }`;
      return fail(report, `${field} is empty; give ${/^[A-Za-z]+$/.test(last) ? `${last}: ` : ''}${give} or remove it`);
    }
    let ok = true;
    for (const key of Object.keys(record)) {
      if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
      const near = nearMiss(key, known);
      const where = field === '' ? '' : `${field}: `;
      ok = fail(report, `${where}unknown field "${key}"${near ? ` (did you mean "${near}"?)` : `; known fields: ${known.join(', ')}`}`);
    }
    for (const key of known) {
      const at = join(field, key);
      const given = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
      if (given === undefined) {
        if (fields[key].required !== undefined) ok = fail(report, `${at} is required; ${fields[key].required}`);
        continue;
      }
      ok = fields[key].shape(given, at, report) && ok;
    }
    return ok;
  };
}

/** The first of `shapes` whose kind of value matches; `expected` says what was wanted when none does. */
export function either(expected: string, ...alternatives: ReadonlyArray<{ readonly accepts: (value: unknown) => boolean; readonly shape: Shape }>): Shape {
  return (value, field, report) => {
    const match = alternatives.find((a) => a.accepts(value));
    if (!match) return fail(report, `${subject(field)} must be ${expected}, got ${describeValue(value)}`);
    return match.shape(value, field, report);
  };
}

/** Any JSON value (a patch's value): no functions, undefined, NaN, Infinity or cycles, which JSON cannot carry. */
export const json: Shape = (value, field, report) => {
  const problem = jsonProblem(value, [], 0);
  return problem === undefined || fail(report, `${subject(field)}${problem.at} ${problem.message}`);
};

function jsonProblem(value: unknown, seen: readonly unknown[], depth: number): { at: string; message: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { at: '', message: `is ${describeValue(value)}, which JSON cannot carry` };
  if (typeof value !== 'object') return { at: '', message: `is ${describeValue(value)}, which JSON cannot carry` };
  if (seen.includes(value) || depth > 64) return { at: '', message: 'refers to itself (or nests deeper than 64 levels), which JSON cannot carry' };
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value).map(([k, v]) => [`[${JSON.stringify(k)}]`, v]);
  if (!Array.isArray(value) && !isPlainObject(value)) return { at: '', message: `is ${describeValue(value)}, not JSON data` };
  const badKey = Array.isArray(value) ? undefined : Object.keys(value).find((k) => k === PROTOTYPE_KEY || k === CDK8S_UNRENDERABLE_KEY);
  if (badKey !== undefined) return { at: '', message: `has the key "${badKey}", which JavaScript or cdk8s cannot carry as data; rename it` };
  for (const [at, item] of entries) {
    const inner = jsonProblem(item, [...seen, value], depth + 1);
    if (inner) return { at: `${at}${inner.at}`, message: inner.message };
  }
  return undefined;
}

/** An object (not null, not a list, not a function). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Built-in objects whose content is not in their own fields (a Map's entries, a Date's time): read for
 * fields, they would pass as an empty object and their content be dropped without a word.
 */
const OPAQUE: ReadonlyArray<new (...args: never[]) => object> = [Map, Set, WeakMap, WeakSet, Date, RegExp, Promise];

function isOpaque(value: object): boolean {
  return OPAQUE.some((type) => value instanceof type);
}

/** An object literal or JSON object, from any realm; not a Map, a Date or another class's instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function fail(report: Report, message: string): false {
  report(message);
  return false;
}
