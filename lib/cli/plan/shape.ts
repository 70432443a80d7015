// A check of the plan document's fields that `clusterset plan` reads, before it reads them: a document edited
// by hand or written by another tool gets a message naming the field, never a TypeError.
import { quantityProblem } from '../../core/kube/quantity';
import type { PlanDocument } from '../../core/report/plan-document';

/** One wrong field, as `fleets[0].services[2].replicas.east must be a number, got "3"`. */
type Found = string[];

type Check = (value: unknown, at: string, found: Found) => void;

const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 40) ?? String(value));
const must = (ok: boolean, what: string): Check => (value, at, found) => {
  if (!ok) found.push(`${at} must be ${what}, got ${shown(value)}`);
};

const str: Check = (v, at, found) => must(typeof v === 'string', 'a string')(v, at, found);
const num: Check = (v, at, found) => must(typeof v === 'number' && Number.isFinite(v), 'a number')(v, at, found);
// Usage against allocatable is computed exactly (BigInt), so an exponent of thousands of digits is refused here.
const quantity: Check = (v, at, found) =>
  must(typeof v === 'string' && quantityProblem(v) === undefined && !/[eE][+-]?\d{4,}$/.test(v), 'a quantity such as 500m or 1Gi')(v, at, found);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(each: Check): Check {
  return (v, at, found) => {
    if (!Array.isArray(v)) return void found.push(`${at} must be a list, got ${shown(v)}`);
    v.forEach((item, i) => each(item, `${at}[${i}]`, found));
  };
}

function record(each: Check): Check {
  return (v, at, found) => {
    if (!isObject(v)) return void found.push(`${at} must be an object, got ${shown(v)}`);
    for (const [key, item] of Object.entries(v)) each(item, `${at}.${key}`, found);
  };
}

/** An object with these fields; a field marked optional may be absent. */
function fields(shape: Record<string, Check>, optional: readonly string[] = []): Check {
  return (v, at, found) => {
    if (!isObject(v)) return void found.push(`${at} must be an object, got ${shown(v)}`);
    for (const [key, check] of Object.entries(shape)) {
      if (v[key] === undefined && optional.includes(key)) continue;
      check(v[key], `${at}.${key}`, found);
    }
  };
}

const replicas = record(num);
const service = fields(
  {
    path: str,
    name: str,
    namespace: str,
    active: list(str),
    placeholders: list(fields({ cluster: str, networking: str })),
    replicas,
    withdrawn: list(str),
    addresses: record(fields({ clusterIP: str, globalnetIP: str }, ['clusterIP', 'globalnetIP'])),
  },
  ['withdrawn'],
);
const usage = fields(
  { cluster: str, pods: num, cpu: quantity, memory: quantity, allocatable: fields({ pods: num, cpu: quantity, memory: quantity }, ['pods', 'cpu', 'memory']) },
  ['allocatable'],
);
const operations = fields({
  clusters: list(fields({ cluster: str, status: str })),
  migrations: list(fields({ path: str, from: str, to: str, phase: str, services: list(str) })),
  services: list(
    fields({
      path: str,
      name: str,
      namespace: str,
      planned: replicas,
      beforeDegrade: replicas,
      replicas,
      degraded: replicas,
      moves: list(fields({ from: str, to: str, replicas: num, reason: str })),
    }),
  ),
});
const northSouth = fields({
  path: str,
  namespace: str,
  name: str,
  entries: list(fields({ cluster: str, pods: num, nodes: list(fields({ address: str, weight: num })) })),
  unfronted: list(str),
});
const cluster = fields(
  {
    cluster: fields({ name: str, status: str }, ['status']),
    folder: str,
    objects: list(fields({ apiVersion: str, kind: str, name: str })),
  },
  ['folder'],
);
const fleet = fields(
  { path: str, delivery: str, clusters: list(cluster), services: list(service), usage: list(usage), operations, northSouth: list(northSouth) },
  ['usage', 'operations', 'northSouth'],
);
const document = fields({ fleets: list(fleet) });

/** Every field of `value` that `clusterset plan` reads and that has the wrong type, at most `limit` of them. */
export function planShapeProblems(value: unknown, limit = 5): string[] {
  const found: Found = [];
  document(value, '(document)', found);
  return found.map((f) => f.replace(/^\(document\)\./, '')).slice(0, limit);
}

/** Narrows a checked document (planShapeProblems found nothing). */
export function isPlanDocument(value: unknown): value is PlanDocument {
  return planShapeProblems(value, 1).length === 0;
}
