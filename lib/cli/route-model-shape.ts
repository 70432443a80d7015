// The fields of a cluster's objects that the route model reads as given (it trusts emitted objects, as the tests
// hand it): checked before `explain` follows a route or `diff` compares the routes of two outputs, so a hand-edited
// or damaged file is reported by file, object and field with what was expected, instead of as a TypeError half-way
// through a route. What every command needs of an object (apiVersion, kind, metadata.name) readOutput checks.
import { PLAN_FILE } from '../core/report/plan-document';
import type { LoadedFleet } from './output';

// Objects of the output are JSON; every field below the identity may be missing or of another type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, read field by field
type Obj = Record<string, any>;

/** What a field must hold: an object, a list of objects, a list of strings, or a string. */
type Expect = 'object' | 'objects' | 'strings' | 'string';

const EXPECTED: Readonly<Record<Expect, string>> = { object: 'an object', objects: 'a list of objects', strings: 'a list of strings', string: 'a string' };

/** A label selector at `at`, as the model matches it (matchLabels, matchExpressions with their values). */
const selector = (at: string): Array<[string, Expect]> => [
  [at, 'object'],
  [`${at}.matchLabels`, 'object'],
  [`${at}.matchExpressions`, 'objects'],
  [`${at}.matchExpressions[].values`, 'strings'],
];

/** Istio's routes of one kind (`http`, `tcp`, `tls`) in a VirtualService. */
const routes = (kind: string): Array<[string, Expect]> => [
  [`spec.${kind}`, 'objects'],
  [`spec.${kind}[].match`, 'objects'],
  [`spec.${kind}[].match[].sniHosts`, 'strings'],
  [`spec.${kind}[].route`, 'objects'],
  [`spec.${kind}[].route[].destination`, 'object'],
  [`spec.${kind}[].route[].destination.port`, 'object'],
];

/**
 * The fields the route model reads, by kind, where set (null counts as unset: the model reads `?? []`); `[]`
 * stands for each item of a list. Fields of kinds not listed, and other fields, it reads only through `?.`.
 */
const FIELDS: Readonly<Record<string, ReadonlyArray<[string, Expect]>>> = {
  Namespace: [],
  Service: [['spec.ports', 'objects'], ['spec.selector', 'object']],
  EndpointSlice: [['endpoints', 'objects'], ['endpoints[].addresses', 'strings'], ['endpoints[].conditions', 'object'], ['ports', 'objects']],
  Deployment: workload(),
  StatefulSet: workload(),
  VirtualService: [['spec.hosts', 'strings'], ['spec.exportTo', 'strings'], ...routes('http'), ...routes('tcp'), ...routes('tls')],
  ServiceEntry: [['spec.hosts', 'strings'], ['spec.ports', 'objects'], ['spec.exportTo', 'strings']],
  DestinationRule: [['spec.host', 'string'], ['spec.exportTo', 'strings'], ['spec.trafficPolicy', 'object'], ['spec.trafficPolicy.tls', 'object']],
  NetworkPolicy: [
    ...selector('spec.podSelector'),
    ['spec.policyTypes', 'strings'],
    ['spec.ingress', 'objects'],
    ['spec.ingress[].ports', 'objects'],
    ['spec.ingress[].from', 'objects'],
    ['spec.ingress[].from[].ipBlock', 'object'],
    ['spec.ingress[].from[].ipBlock.cidr', 'string'],
    ['spec.ingress[].from[].ipBlock.except', 'strings'],
    ...selector('spec.ingress[].from[].podSelector'),
    ...selector('spec.ingress[].from[].namespaceSelector'),
  ],
  PeerAuthentication: [['spec.mtls', 'object'], ...selector('spec.selector')],
  AuthorizationPolicy: [
    ...selector('spec.selector'),
    ['spec.rules', 'objects'],
    ['spec.rules[].to', 'objects'],
    ['spec.rules[].to[].operation', 'object'],
    ['spec.rules[].to[].operation.ports', 'strings'],
    ['spec.rules[].from', 'objects'],
    ['spec.rules[].from[].source', 'object'],
    ['spec.rules[].from[].source.principals', 'strings'],
    ['spec.rules[].from[].source.namespaces', 'strings'],
  ],
  Prometheus: [
    ['spec.podMetadata', 'object'],
    ['spec.podMetadata.labels', 'object'],
    ['spec.podMetadata.annotations', 'object'],
    ['spec.volumes', 'objects'],
    ['spec.volumeMounts', 'objects'],
    ...selector('spec.serviceMonitorSelector'),
    ...selector('spec.serviceMonitorNamespaceSelector'),
  ],
  ServiceMonitor: [...selector('spec.selector'), ['spec.endpoints', 'objects']],
};

/** The fields of a Deployment's or StatefulSet's pods the model reads: their labels and the ports their containers listen on. */
function workload(): Array<[string, Expect]> {
  return [
    ['spec.template.metadata', 'object'],
    ['spec.template.metadata.labels', 'object'],
    ['spec.template.spec', 'object'],
    ['spec.template.spec.containers', 'objects'],
    ['spec.template.spec.containers[].ports', 'objects'],
  ];
}

/** Where a field must be an object even when unset, by kind (`spec`, wherever it is set, must be one for every kind). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  Service: ['spec'],
  Deployment: ['spec', 'spec.template'],
  StatefulSet: ['spec', 'spec.template'],
  VirtualService: ['spec'],
  NetworkPolicy: ['spec'],
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
        problems.push(`${where}: ${field} is ${JSON.stringify(value)?.slice(0, 60) ?? 'missing'}, not ${expected}; fix the file or synthesize the program again`);
      const before = problems.length;
      for (const field of REQUIRED[o.kind] ?? (o.spec !== undefined ? ['spec'] : [])) {
        const value = valuesAt(o, field)[0][1];
        if (!isObject(value)) bad(field, value, 'an object');
      }
      if (problems.length > before) return;
      for (const [pattern, expect] of [['metadata.labels', 'object'] as [string, Expect], ...(FIELDS[o.kind] ?? [])]) {
        for (const [field, value] of valuesAt(o, pattern)) {
          if (value === undefined || value === null || holds(value, expect)) continue;
          bad(field, value, EXPECTED[expect]);
        }
      }
    });
  }
  return problems;
}

function holds(value: unknown, expect: Expect): boolean {
  switch (expect) {
    case 'object':
      return isObject(value);
    case 'objects':
      return Array.isArray(value) && value.every(isObject);
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'string':
      return typeof value === 'string';
  }
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The values a pattern reaches, each with its path: `a.b` one value (undefined where a step is missing or not an
 * object), `a[].b` the `b` of each item of the list `a` (none where `a` is no list: its own check reports that).
 */
function valuesAt(o: Obj, pattern: string): Array<[string, unknown]> {
  let found: Array<[string, unknown]> = [['', o]];
  for (const step of pattern.split('.')) {
    const each = step.endsWith('[]');
    const key = each ? step.slice(0, -2) : step;
    found = found.flatMap(([at, value]): Array<[string, unknown]> => {
      const next: unknown = isObject(value) ? value[key] : undefined;
      const path = at === '' ? key : `${at}.${key}`;
      if (!each) return [[path, next]];
      return Array.isArray(next) ? next.map((item, i): [string, unknown] => [`${path}[${i}]`, item]) : [];
    });
  }
  return found;
}
