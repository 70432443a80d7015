// The fields of a cluster's objects that the route model reads as given (it trusts emitted objects, as the tests
// hand it): checked before `explain` follows a route or `diff` compares the routes of two outputs, so a hand-edited
// or damaged file is reported by file, object and field with what was expected, instead of as a TypeError half-way
// through a route. What every command needs of an object (apiVersion, kind, metadata.name) readOutput checks.
import { PLAN_FILE } from '../core/report/plan-document';
import type { LoadedFleet } from './output';

// Objects of the output are JSON; every field below the identity may be missing or of another type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, read field by field
type Obj = Record<string, any>;

/** Where a field must be an object, by kind (`spec`, wherever it is set, must be one for every kind). */
const OBJECTS: Readonly<Record<string, readonly string[]>> = {
  Service: ['spec'],
  Deployment: ['spec', 'spec.template'],
  StatefulSet: ['spec', 'spec.template'],
  VirtualService: ['spec'],
  NetworkPolicy: ['spec'],
};
/** Where a field, when set (null counts as unset: the model reads `?? []`), must be a list of objects, by kind. */
const LISTS: Readonly<Record<string, readonly string[]>> = {
  Service: ['spec.ports'],
  EndpointSlice: ['endpoints', 'ports'],
  Deployment: ['spec.template.spec.containers'],
  StatefulSet: ['spec.template.spec.containers'],
};

/** Every field of the fleet's objects the route model cannot read, as `where: field is value, not what; fix`. */
export function routeShapeProblems(fleet: LoadedFleet): string[] {
  const problems: string[] = [];
  for (const cluster of fleet.document.clusters) {
    const objects = fleet.objects[cluster.cluster.name] ?? [];
    objects.forEach((raw, index) => {
      const o = raw as unknown as Obj;
      const entry = cluster.objects[index];
      const file = entry.file ?? `${PLAN_FILE} (inline)`;
      const where = `${file}: ${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name} of cluster "${cluster.cluster.name}"`;
      const bad = (field: string, value: unknown, expected: string) =>
        problems.push(`${where}: ${field} is ${JSON.stringify(value) ?? 'missing'}, not ${expected}; fix the file or synthesize the program again`);
      const objectFields = OBJECTS[o.kind] ?? (o.spec !== undefined ? ['spec'] : []);
      for (const field of objectFields) {
        const value = at(o, field);
        if (!isObject(value)) bad(field, value, 'an object');
      }
      for (const field of LISTS[o.kind] ?? []) {
        const value = at(o, field);
        if (value === undefined || value === null) continue;
        if (!Array.isArray(value)) bad(field, value, 'a list');
        else value.forEach((item, i) => isObject(item) || bad(`${field}[${i}]`, item, 'an object'));
      }
    });
  }
  return problems;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined where a step is missing or not an object. */
function at(o: Obj, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), o);
}
