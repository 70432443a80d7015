// Random and malformed props, made by mutating a valid fleet, through every public entry point: planFleet,
// a cdk8s ClusterSetApp synth into a temporary folder, and the Pulumi flavour under mocks. Every failure
// must be a ClusterSetValidationError (for Pulumi, or a pulumi.ResourceError caused by one) naming the
// mutated field and its value, with nothing written; every success must emit valid objects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  ActivePlacement,
  ClusterSet,
  ClusterSetApp,
  type FleetPlan,
  MultiClusterService,
  Networking,
  PlaceholderPlacement,
} from '../../lib';
import * as flavour from '../../lib/pulumi';
import { installMocks, settle } from '../pulumi/mocks';
import { readTree, removeDir, tempDir } from '../support/files';
import { schemaProblems } from '../support/schema';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { PLAN_FILE } from '../../lib/core/report/plan-document';

installMocks();

/** Marks, in a blueprint, an object that becomes a placement or a Networking when the fleet is built. */
const PLACEMENT = Symbol('placement');
const NETWORKING = Symbol('networking');

type Node = unknown;
interface Blueprint {
  clusters: Node;
  services: Record<string, Node>;
}

const active = (props: Record<string, unknown>) => ({ [PLACEMENT]: 'active', props });
const placeholder = (props: Record<string, unknown>, networking: 'ENDPOINT_SLICE' | 'ISTIO' | 'EXTERNAL_NAME') => ({
  [PLACEMENT]: 'placeholder',
  props: { ...props, networking: { [NETWORKING]: networking } },
});

/** A valid fleet touching most props: three clusters, a Deployment, a divided service with overrides, a StatefulSet. */
function baseBlueprint(): Blueprint {
  return {
    clusters: [
      { name: 'prodc', labels: { region: 'hangzhou', cloud: 'public' }, serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a', mtls: 'PERMISSIVE' } },
      {
        name: 'hangzhou-1',
        labels: { region: 'hangzhou', cloud: 'public' },
        serviceCidr: '10.160.0.0/16',
        podCidr: '10.176.0.0/16',
        mesh: { network: 'net-c' },
        capacity: 4,
        mcs: { enabled: true },
        status: 'READY',
        allocatable: { pods: 40, cpu: '16', memory: '64Gi' },
      },
      {
        name: 'localproda',
        labels: { region: 'local', cloud: 'private' },
        serviceCidr: '10.112.0.0/16',
        podCidr: '10.128.0.0/16',
        mesh: { network: 'net-b', apiVersion: 'v1' },
        registry: 'registry.example.com',
      },
    ],
    services: {
      'app-a': {
        namespace: 'ns',
        image: 'team/app-a:1.4.2',
        replicas: 3,
        ports: [{ name: 'http', port: 7070, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }],
        env: { LOG_LEVEL: 'info' },
        labels: { tier: 'web' },
        annotations: { 'example.com/owner': 'sre' },
        command: ['/app'],
        args: ['--serve'],
        resources: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } },
        placements: [
          active({ clusters: ['prodc'], clusterIP: '10.96.0.50', overrides: { labels: { zone: 'a' }, env: { ZONE: 'a' } } }),
          placeholder({ clusterLabelSelector: { matchLabels: { cloud: 'private' } }, overrides: { image: { registry: 'registry.example.com' } } }, 'ENDPOINT_SLICE'),
        ],
        clusterOverrides: { localproda: { annotations: { note: 'mirror' } } },
      },
      checkout: {
        namespace: 'shop',
        image: 'team/checkout:2.0.0',
        replicas: 6,
        ports: [
          { name: 'http', port: 80 },
          { name: 'grpc', port: 9090 },
        ],
        scheduling: { type: 'Divided', totalReplicas: 6, preferences: { prodc: { weight: 2, minReplicas: 1 }, '*': { weight: 1, maxReplicas: 4 } }, current: { prodc: 2 }, rebalance: false },
        autoscaling: {
          minReplicas: 2,
          maxReplicas: 8,
          cpuUtilization: 70,
          metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        },
        disruptionBudget: { maxUnavailablePercent: 25 },
        degrade: { priority: 10, floorPercent: 50 },
        placements: [
          active({
            clusterLabelSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['hangzhou'] }] },
            excludeClusters: [],
            overrides: {
              imageOverriders: [{ component: 'Tag', operator: 'replace', value: '2.0.1' }],
              labelsOverriders: [{ operator: 'add', value: { team: 'shop' } }],
              annotationsOverriders: [{ operator: 'add', value: { 'example.com/tier': 'gold' } }],
              commandOverriders: [{ operator: 'add', value: ['--fast'] }],
              argsOverriders: [{ containerName: 'checkout', operator: 'add', value: ['-v'] }],
              patches: [{ op: 'add', path: '/spec/template/spec/nodeSelector', value: { zone: 'a' } }],
            },
          }),
          placeholder({ clusters: ['localproda'] }, 'ISTIO'),
        ],
        clusterOverrides: { prodc: { resources: { requests: { cpu: '200m' } }, env: { REGION: 'hz' } } },
      },
      ledger: {
        namespace: 'finance',
        image: 'registry.example.com/team/ledger:1.0',
        workload: 'StatefulSet',
        ports: [{ name: 'tcp-db', port: 5432 }],
        placements: [active({ clusters: ['localproda'] }), placeholder({ clusters: ['prodc', 'hangzhou-1'] }, 'EXTERNAL_NAME')],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Blueprints: copying, walking, mutating, building

function isRecord(value: unknown): value is Record<string | symbol, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Sets an own property, even "__proto__", which plain assignment would take for the prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of plain data, keeping markers and own "__proto__" keys; anything else is shared as it is. */
function copy(node: Node): Node {
  if (Array.isArray(node)) return node.map(copy);
  if (!isRecord(node)) return node;
  const out: Record<string | symbol, unknown> = {};
  for (const marker of [PLACEMENT, NETWORKING]) if (marker in node) out[marker] = node[marker];
  for (const key of Object.keys(node)) define(out as Record<string, unknown>, key, copy(node[key]));
  return out;
}

type Path = ReadonlyArray<string | number>;

/** Every path into the blueprint, and whether it leads to an object whose keys may be added or removed. */
function pathsOf(node: Node, at: Path = []): Array<{ path: Path; isObject: boolean }> {
  const here = at.length > 0 ? [{ path: at, isObject: isRecord(node) && !(PLACEMENT in node) && !(NETWORKING in node) }] : [];
  if (Array.isArray(node)) return [...here, ...node.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (isRecord(node) && !(NETWORKING in node)) return [...here, ...Object.keys(node).flatMap((k) => pathsOf(node[k], [...at, k]))];
  return here;
}

function parentOf(root: Node, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

type Mutation =
  | { readonly op: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'wrap'; readonly at: number }
  | { readonly op: 'add'; readonly at: number; readonly key: string; readonly value: unknown };

/**
 * What a failure must name. A change that breaks a field's type (a string where a number was, an unknown
 * field) must be reported by one problem naming the field (a path part or the added key) and, for a
 * primitive, the value. A deleted field must be named. Any other change must be reported by naming the
 * field or its value, unless it breaks a check of another field that reads it (CROSS_FIELD).
 */
interface Expectation {
  readonly op: Mutation['op'] | 'none';
  /** The path changed, as `services.checkout.ports.0.port`. */
  readonly where: string;
  readonly field: string;
  readonly value?: readonly string[];
  /** The cluster or service changed, as the base fleet names it. */
  readonly owner: string;
  readonly typeBroken: boolean;
  readonly description: string;
}

/** Fields whose keys are the user's (labels, env...): adding a key there is well-formed. */
const MAPS: readonly string[] = ['labels', 'annotations', 'env', 'matchLabels', 'requests', 'limits', 'preferences', 'current', 'clusterOverrides', 'value'];

/** Whether `after` is of another kind than `before`; undefined is no value at all, as a deletion. */
function typeChanged(before: unknown, after: unknown): boolean {
  return after !== undefined && kindOf(before) !== kindOf(after);
}

/** Fields that take values of two kinds: `mcs` is true, false or an object; a quantity (`averageValue`) a string or a number. */
const EITHER: readonly string[] = ['mcs', 'averageValue'];

function kindOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isRecord(value)) return 'instance';
  return value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
}

function mutate(blueprint: Blueprint, mutation: Mutation): Expectation {
  // A patch's value is written as given, like cdk8s's addJsonPatch: what it holds is the user's to get right.
  // The services record is how this test names services (their construct ids), not a prop.
  const paths = pathsOf(blueprint).filter((p) => p.path.length > 1 || p.path[0] !== 'services').filter((p) => !p.path.some((part, i) => part === 'value' && p.path[i - 2] === 'patches'));
  if (paths.length === 0) return { op: 'none', where: '', field: '', owner: '', typeBroken: false, description: 'nothing left to change' };
  const target = paths[mutation.at % paths.length];
  const parent = parentOf(blueprint, target.path);
  const last = target.path[target.path.length - 1];
  // Messages name a placement's props as the placement's own fields: `placements[1].clusters`.
  const field = String([...target.path].reverse().find((p, i, reversed) => typeof p === 'string' && !(p === 'props' && reversed[i + 2] === 'placements')));
  const where = target.path.join('.');
  const owner = ownerOf(target.path);
  const before = parent[last];
  const at = { op: mutation.op, where, owner };
  switch (mutation.op) {
    case 'replace':
      parent[last] = mutation.value;
      return { ...at, field, typeBroken: typeChanged(before, mutation.value) && !EITHER.includes(field), value: valueText(mutation.value), description: `${where} = ${show(mutation.value)}` };
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      return { ...at, field, typeBroken: false, description: `delete ${where}` };
    case 'wrap':
      parent[last] = [parent[last]];
      return { ...at, field, typeBroken: true, description: `wrap ${where} in a list` };
    case 'add': {
      const node = parent[last];
      if (!target.isObject || !isRecord(node)) {
        parent[last] = mutation.value;
        return { ...at, op: 'replace', field, typeBroken: typeChanged(before, mutation.value) && !EITHER.includes(field), value: valueText(mutation.value), description: `${where} = ${show(mutation.value)}` };
      }
      const siblings = Object.keys(node);
      // A near miss of a field that is there, or a key of its own.
      const key = mutation.key === '<misspelt>' && siblings.length > 0 ? `${siblings[0].slice(0, -1)}` : mutation.key;
      define(node as Record<string, unknown>, key, mutation.value);
      // In a map of the user's keys a new entry is well-typed when it is of the kind of the entries there.
      const entryKind = siblings.length > 0 ? kindOf(node[siblings[0]]) : 'string';
      const typeBroken = !MAPS.includes(String(last)) || mutation.value === undefined || kindOf(mutation.value) !== entryKind || key === '__proto__';
      return { ...at, field: key, typeBroken, description: `${where}[${JSON.stringify(key)}] = ${show(mutation.value)}` };
    }
  }
}

/** The name of the cluster or the service a path leads into, as the base fleet calls it. */
function ownerOf(path: Path): string {
  if (path[0] === 'services') return String(path[1]);
  const base = baseBlueprint().clusters as Array<{ name: string }>;
  return typeof path[1] === 'number' ? (base[path[1]]?.name ?? 'clusters') : 'clusters';
}

/** The longest start of a string a message is sure to show: describeValue shortens to 60 characters. */
const SHOWN = 40;

/**
 * How messages may show a value: a primitive as itself (a long string by its start, marked "…"; an empty
 * one, or one with spaces at its ends, in quotes), a list of primitives by any of its items. Undefined for
 * values a message can only describe.
 */
function valueText(value: unknown): readonly string[] | undefined {
  if (Array.isArray(value)) {
    const items = value.map((item) => (Array.isArray(item) ? undefined : valueText(item)));
    return items.length > 0 && items.every((i) => i !== undefined) ? items.flatMap((i) => i ?? []) : undefined;
  }
  if (typeof value === 'string') {
    if (!/^[\x20-\x7e]*$/.test(value) || /["\\]/.test(value)) return undefined;
    // Only quotes show an empty string or one with spaces at its ends.
    const text = value.trim() !== value || value === '' ? `"${value}"` : value;
    return [text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text];
  }
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return value === null ? ['null'] : undefined;
}

function show(value: unknown): string {
  try {
    return typeof value === 'function' ? 'a function' : typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Turns marked nodes into placements and networkings, leaving everything else (garbage included) as it is. */
function build(node: Node): unknown {
  if (Array.isArray(node)) return node.map(build);
  if (!isRecord(node)) return node;
  if (NETWORKING in node) return Networking[node[NETWORKING] as 'ISTIO'];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) define(out, key, build(node[key]));
  if (PLACEMENT in node) {
    const props = out.props as never;
    return node[PLACEMENT] === 'active' ? new ActivePlacement(props) : new PlaceholderPlacement(props);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Random values

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', '3', 'Statefulset', 'divided', 'c2', 'UPPER', 'x'.repeat(70), 'has space', 'a/b', '-lead', '__proto__', 'constructor', '10.0.0.0/8', 'ÄÖ'),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, 2 ** 31, 3, 65536, -0),
  fc.integer({ min: -5, max: 100 }),
  fc.constantFrom(null, undefined, true, false),
  fc.constantFrom([], {}, [null], { a: 1 }, ['x'], [[]]),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(new Map([['a', 'b']]), () => 1, Symbol('s'), BigInt(3), new Date(0)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: garbage }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom('<misspelt>', '__proto__', 'constructor', 'extra', 'toString'), value: garbage }),
  },
);

// ---------------------------------------------------------------------------------------------------------------
// The entry points

/** What one entry point did with the fleet: its problems, or the objects it produced. */
type Outcome = { readonly problems: readonly string[] } | { readonly manifests: ReadonlyArray<Record<string, unknown>> };

function serviceName(key: string, options: unknown): string {
  const given = isRecord(options) ? options.name : undefined;
  return typeof given === 'string' ? given : key;
}

/** Problems of a ClusterSetValidationError; anything else is rethrown, failing the property. */
function problemsOf(error: unknown): readonly string[] {
  if (error instanceof ClusterSetValidationError) return error.problems;
  throw error;
}

function viaPlanFleet(clusters: unknown, services: Record<string, unknown>): Outcome {
  try {
    const plan: FleetPlan = planFleet({
      path: 'fleet',
      clusters: clusters as never,
      services: Object.entries(services).map(([key, options]) => ({ path: `fleet/${key}`, name: serviceName(key, options), options: options as never })),
    });
    return { manifests: plan.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, unknown>)) };
  } catch (error) {
    return { problems: problemsOf(error) };
  }
}

/** Synthesizes with ClusterSetApp into a fresh folder; on failure, the folder must not even exist. */
function viaCdk8s(clusters: unknown, services: Record<string, unknown>): Outcome {
  const dir = tempDir('fuzz');
  const outdir = path.join(dir, 'dist');
  try {
    const app = new ClusterSetApp({ outdir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: clusters as never });
    for (const [key, options] of Object.entries(services)) new MultiClusterService(fleet, key, options as never);
    try {
      app.synth();
    } catch (error) {
      const problems = problemsOf(error);
      expect(fs.existsSync(outdir)).toBe(false);
      return { problems };
    }
    // The plan document beside the folders is no object of any cluster.
    const files = Object.entries(readTree(outdir)).filter(([file]) => file !== PLAN_FILE).map(([, text]) => text);
    return { manifests: files.flatMap((yaml) => parseAllDocuments(yaml).map((d) => d.toJSON() as Record<string, unknown>)) };
  } finally {
    removeDir(dir);
  }
}

let pulumiRun = 0;

/** Deploys under Pulumi mocks; a failure is a ClusterSetValidationError or a pulumi.ResourceError caused by one. */
async function viaPulumi(clusters: unknown, services: Record<string, unknown>): Promise<Outcome> {
  const name = `fz${pulumiRun++}`;
  try {
    const fleet = new flavour.ClusterSet(name, { clusters: clusters as never });
    const created = Object.entries(services).map(([key, options]) => {
      const args = isRecord(options) ? { ...options, name: serviceName(key, options), clusterSet: fleet } : options;
      // Named as the construct id, so problems read `fz1/app-a: ...` as planFleet's read `fleet/app-a: ...`.
      return new flavour.MultiClusterService(key, args as never);
    });
    await settle(created.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    return { manifests: [] };
  } catch (error) {
    if (pulumi.ResourceError.isInstance(error)) {
      expect(error.message).toContain('Nothing was deployed for');
      return { problems: problemsOf((error as Error & { cause?: unknown }).cause) };
    }
    return { problems: problemsOf(error) };
  }
}

/** An outcome with its objects as canonical JSON (keys sorted) in a stable order, to compare flavours that write them differently. */
function sorted(outcome: Outcome): { problems: readonly string[] } | { manifests: string[] } {
  if ('problems' in outcome) return outcome;
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
        : value;
  return { manifests: outcome.manifests.map((m) => JSON.stringify(canonical(m))).sort() };
}

/**
 * Checks of one field that read another, so a well-typed change to the other (matched by `changed`, on
 * the path changed) is reported by a problem (matched by `problem`) naming the field checked, not the one
 * changed. Such a problem must still name the cluster or service changed. Nothing else may name less.
 */
const CROSS_FIELD: ReadonlyArray<{ readonly changed: RegExp; readonly problem: RegExp; readonly reason: string }> = [
  {
    changed: /^clusters\.\d+$/,
    problem: /selects cluster "[^"]*", which is not in the ClusterSet|names a cluster this service is not placed in|is not an active cluster of this service/,
    reason: 'placements, clusterOverrides and scheduling name clusters: a cluster taken out of the fleet is reported where it is named',
  },
  {
    changed: /^clusters\.\d+\.labels(\.|$)/,
    problem: /clusterLabelSelector "[^"]*" matches no cluster|is selected by placements\[\d+\] \(\w+\) and again by|names a cluster this service is not placed in|is not an active cluster of this service/,
    reason:
      "placements select clusters by their labels: a changed label moves the cluster in or out of a placement, which the checks of the placements " +
      'and of the fields naming the clusters a service is placed in (clusterOverrides, scheduling) report, naming the cluster',
  },
  {
    changed: /^services\.[^.]+\.placements\.\d+(\.props\.(clusters|clusterLabelSelector|excludeClusters)(\..*)?)?$/,
    problem: /is selected by placements\[\d+\] \(\w+\) and again by|names a cluster this service is not placed in|is not an active cluster of this service|but no active cluster for them to reach/,
    reason:
      'clusterOverrides, scheduling and placeholders name the clusters the placements choose, and placements may not overlap: a placement ' +
      'removed or choosing other clusters is reported by those checks, naming the placement or the cluster',
  },
  {
    changed: /\.imageOverriders\.\d+\.value$/,
    problem: /imageOverriders make "[^"]*", which/,
    reason: 'image overriders apply in order to the service image, and the image they make is checked whole: the message shows it, the value inside',
  },
];

/**
 * Whether `text` names the field `field` (a whole word: "port" is not in "ports") or shows one of `value`
 * (a whole token: "0" is not in "10.96.0.0"; one ending in "…" is the start of a token).
 */
function mentions(text: string, { field, value = [] }: { field?: string; value?: readonly string[] }): boolean {
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (field !== undefined && field !== '' && new RegExp(`(?<![A-Za-z0-9_-])${escape(field)}(?![A-Za-z0-9_-])`).test(text)) return true;
  return value.some((v) =>
    v.endsWith('…') ? new RegExp(`(?<![A-Za-z0-9_.-])${escape(v.slice(0, -1))}`).test(text) : new RegExp(`(?<![A-Za-z0-9_.-])${escape(v)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`).test(text),
  );
}

/** The failure names the mutated field and its value (see Expectation). */
function expectNamed(problems: readonly string[], expected: Expectation): void {
  const text = problems.join('\n');
  if (expected.typeBroken) {
    const field = problems.filter((p) => mentions(p, { field: expected.field }));
    if (field.length === 0) throw new Error(`after ${expected.description}, no problem names the field "${expected.field}":\n${text}`);
    if (expected.value !== undefined && !field.some((p) => mentions(p, { value: expected.value }))) {
      throw new Error(`after ${expected.description}, no problem naming "${expected.field}" shows the value ${expected.value.join(' or ')}:\n${text}`);
    }
    return;
  }
  const named = problems.some((p) => mentions(p, { field: expected.field, value: expected.op === 'delete' ? undefined : expected.value }));
  if (named) return;
  const crossField = CROSS_FIELD.some((c) => c.changed.test(expected.where) && problems.some((p) => c.problem.test(p) && p.includes(expected.owner)));
  if (!crossField) {
    const what = expected.op === 'delete' ? `"${expected.field}"` : `"${expected.field}" or its value${expected.value === undefined ? '' : ` ${expected.value.join(' or ')}`}`;
    throw new Error(`after ${expected.description}, no problem names ${what}, and none is a cross-field check naming "${expected.owner}":\n${text}`);
  }
}

/**
 * The cdk8s flavour reports the plan's problems (and may add its own, such as a cluster name no chart can
 * take), or writes the same objects.
 */
function expectSameInCdk8s(synthesized: Outcome, planned: Outcome, expected: Expectation): void {
  if ('problems' in planned) {
    expect(synthesized).toEqual({ problems: expect.arrayContaining([...planned.problems]) });
  } else if ('problems' in synthesized) {
    expectNamed(synthesized.problems, expected);
  } else {
    expect(sorted(synthesized)).toEqual(sorted(planned));
  }
}

/**
 * Checks only the Pulumi flavour makes, each with why: a fleet planFleet accepts may fail in Pulumi only
 * with these. None can fail here: its ClusterSet and MultiClusterService plan with the core's checks, one
 * service at a time, and claim names and pinned addresses across services as planFleet checks them for
 * the whole fleet; its own checks are of fields this test never sets (kubeconfig, context, provider,
 * clusterSet). The other way round, planFleet has one check Pulumi does not make: a static band with no
 * free address (Pulumi reads unpinned addresses from the deployed Services), which no mutation here reaches.
 */
const PULUMI_ONLY: ReadonlyArray<{ readonly problem: RegExp; readonly reason: string }> = [];

/** The Pulumi flavour refuses what planFleet refuses, and accepts what it accepts but for PULUMI_ONLY checks. */
function expectSameOutcomeInPulumi(deployed: Outcome, planned: Outcome, description: string): void {
  if ('problems' in planned && !('problems' in deployed)) {
    throw new Error(`after ${description}, Pulumi deployed a fleet planFleet refuses:\n${planned.problems.join('\n')}`);
  }
  if ('manifests' in planned && 'problems' in deployed) {
    const unexplained = deployed.problems.filter((p) => !PULUMI_ONLY.some((c) => c.problem.test(p)));
    if (unexplained.length > 0) throw new Error(`after ${description}, planFleet accepted the fleet but Pulumi refused it:\n${unexplained.join('\n')}`);
  }
}

function expectValid(manifests: ReadonlyArray<Record<string, unknown>>, expected: Expectation): void {
  const problems = manifests.flatMap((m) => schemaProblems(m));
  if (problems.length > 0) {
    throw new Error(`after ${expected.description}, the fleet was accepted but emitted invalid objects:\n${problems.map((p) => `  - ${p.object}: ${p.message}`).join('\n')}`);
  }
}

describe('fuzzing the public API with malformed props', () => {
  test('the base fleet is valid through every entry point', async () => {
    const base = build(baseBlueprint()) as Blueprint;
    const planned = viaPlanFleet(base.clusters, base.services);
    expect(planned).toHaveProperty('manifests');
    expect(sorted(viaCdk8s(base.clusters, base.services))).toEqual(sorted(planned));
    expect(await viaPulumi(base.clusters, base.services)).toEqual({ manifests: [] });
  });

  test('every failure is a ClusterSetValidationError naming the field and value; every success is valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 1 }), async ([change]) => {
        const blueprint = copy(baseBlueprint()) as Blueprint;
        const expected = mutate(blueprint, change);
        const { clusters, services } = build(blueprint) as Blueprint;
        const planned = viaPlanFleet(clusters, services);
        if ('problems' in planned) expectNamed(planned.problems, expected);
        else if (expected.typeBroken) throw new Error(`after ${expected.description}, which no field accepts, the fleet was accepted`);
        else expectValid(planned.manifests, expected);
        expectSameInCdk8s(viaCdk8s(clusters, services), planned, expected);
        const deployed = await viaPulumi(clusters, services);
        expectSameOutcomeInPulumi(deployed, planned, expected.description);
        if ('problems' in deployed) expectNamed(deployed.problems, expected);
      }),
      { numRuns: 100 },
    );
  });

  test('several mutations at once still fail cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 2, maxLength: 5 }), async (changes) => {
        const blueprint = copy(baseBlueprint()) as Blueprint;
        const expectations = changes.map((c) => mutate(blueprint, c));
        const { clusters, services } = build(blueprint) as Blueprint;
        const planned = viaPlanFleet(clusters, services);
        if ('manifests' in planned) expectValid(planned.manifests, expectations[0]);
        const synthesized = viaCdk8s(clusters, services);
        if ('problems' in planned) expect(synthesized).toEqual({ problems: expect.arrayContaining([...planned.problems]) });
        expectSameOutcomeInPulumi(await viaPulumi(clusters, services), planned, expectations.map((e) => e.description).join(', '));
      }),
      { numRuns: 40 },
    );
  });
});
