// `clusterset validate` on the example fleets' outputs (every engine), on outputs broken on purpose (a file
// edited by hand, a damaged plan), and on bad command lines: what it prints and the exit code CI sees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ExitCode } from '../../lib/cli/command';
import { COMMANDS } from '../../lib/cli/commands';
import { validateCommand } from '../../lib/cli/commands/validate';
import { main } from '../../lib/cli/main';
import { MigrationPhase } from '../../lib';
import { activeActiveApp } from '../../examples/active-active/app';
import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';
import { migrationApp } from '../../examples/migration/app';
import { shopApp } from '../../examples/shop/app';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';
import { LIBRARY_ROOT } from '../support/gatekeeper';
import { CRD_ROOT } from '../support/schema';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach(removeDir);
  dirs = [];
});

function fresh(prefix: string): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

const SCHEMAS = ['--crds', CRD_ROOT, '--crds', LIBRARY_ROOT];

async function validate(args: string[], options: { color?: boolean } = {}) {
  const captured = captureIo(options);
  const code = await main(['validate', ...args], captured.io, { env: {} });
  return { code, out: captured.out(), err: captured.err() };
}

function hybrid(engine: string): string {
  const outdir = fresh(`validate-${engine}`);
  hybridApp({ outdir }, hybridDelivery(engine)).synth();
  return outdir;
}

/** Rewrites every object of one YAML file of an output through `edit`. */
function editFile(dir: string, file: string, edit: (manifest: any) => void): void {
  const full = path.join(dir, file);
  const docs = parseAllDocuments(fs.readFileSync(full, 'utf8')).map((d) => d.toJS());
  docs.forEach(edit);
  fs.writeFileSync(full, docs.map((d) => stringify(d)).join('---\n'));
}

/** The closing line's counts. */
function counts(out: string): string {
  return out.trim().split('\n').pop() ?? '';
}

describe('clusterset validate: the example fleets are valid', () => {
  test.each(['Direct', 'ArgoCD', 'Flux', 'KubeVela', 'Karmada'])('hybrid, delivered with %s', async (engine) => {
    const dir = hybrid(engine);
    const { code, out, err } = await validate([dir, ...SCHEMAS]);
    expect({ code, err }).toEqual({ code: ExitCode.OK, err: '' });
    expect(counts(out)).toMatch(/^\d+ objects from \d+ files: \d+ valid, 0 invalid, 0 of unknown kinds$/);
  }, 60_000);

  const examples: Array<[string, (outdir: string) => { synth(): void }]> = [
    ['active-active', (outdir) => activeActiveApp({ outdir }).app],
    ['shop', (outdir) => shopApp({ outdir }).app],
    ...Object.values(MigrationPhase).map((phase): [string, (outdir: string) => { synth(): void }] => [`migration ${phase}`, (outdir) => migrationApp(phase, { outdir }).app]),
  ];
  test.each(examples)('%s', async (_name, app) => {
    const dir = fresh('validate-example');
    app(dir).synth();
    const { code, out } = await validate(['--dir', dir, ...SCHEMAS]);
    expect(code).toBe(ExitCode.OK);
    expect(counts(out)).toMatch(/ 0 invalid, 0 of unknown kinds$/);
  }, 60_000);

  test('hub engines: the member objects the plan holds inline are checked too, named by fleet and cluster', async () => {
    const dir = hybrid('KubeVela');
    const planFile = path.join(dir, 'clusterset.plan.json');
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    const prodc = plan.fleets[0].clusters.find((c: any) => c.cluster.name === 'prodc');
    const deployment = prodc.objects.find((o: any) => o.kind === 'Deployment').manifest;
    deployment.spec.replicas = 'three';
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const { code, out } = await validate([dir, ...SCHEMAS]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain(`clusterset.plan.json (fleet ${plan.fleets[0].path}, cluster prodc)\n  Deployment ns/${deployment.metadata.name}\n    spec.replicas: must be integer\n`);
  }, 60_000);

  test('the command is listed for the dispatcher, with its help', async () => {
    expect(COMMANDS).toContain(validateCommand);
    const { code, out } = await validate(['--help']);
    expect(code).toBe(ExitCode.OK);
    expect(out).toBe(validateCommand.help);
    expect(out).toMatch(/^Usage: clusterset validate \[<dir>\] \[--crds DIR \.\.\.\] \[--allow-unknown-kinds\]/);
  });
});

describe('clusterset validate: objects broken on purpose', () => {
  test('a wrong type, an unknown field and a missing required field: each with its file, object and field', async () => {
    const dir = hybrid('Direct');
    editFile(dir, 'prodc/1-Deployment.ns.app-a.k8s.yaml', (d) => (d.spec.replicas = 'three'));
    editFile(dir, 'prodc/2-ServiceExport.ns.app-a.k8s.yaml', (d) => (d.spec = { exportNmae: 'app-a' }));
    editFile(dir, 'localproda/1-Service.ns.app-b.k8s.yaml', (d) => delete d.spec.ports[0].port);
    const { code, out } = await validate([dir, ...SCHEMAS]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('localproda/1-Service.ns.app-b.k8s.yaml\n  Service ns/app-b\n    spec.ports[0]: must have required property port\n');
    expect(out).toContain('prodc/1-Deployment.ns.app-a.k8s.yaml\n  Deployment ns/app-a\n    spec.replicas: must be integer\n');
    expect(out).toContain('prodc/2-ServiceExport.ns.app-a.k8s.yaml\n  ServiceExport ns/app-a\n    spec.exportNmae: unknown field "exportNmae" (CRD serviceexport.yaml)\n');
    expect(counts(out)).toMatch(/ 3 invalid, 0 of unknown kinds$/);
    // Sorted by file: the same report every time.
    expect(out.indexOf('localproda/')).toBeLessThan(out.indexOf('prodc/1-Deployment'));
    expect((await validate([dir, ...SCHEMAS])).out).toBe(out);
  }, 60_000);

  test('a kind no schema knows is listed and fails the run, unless --allow-unknown-kinds (still listed)', async () => {
    const dir = hybrid('Direct');
    fs.writeFileSync(path.join(dir, 'prodc', 'widget.yaml'), stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } }));
    const strict = await validate([dir, ...SCHEMAS]);
    expect(strict.code).toBe(ExitCode.FLAGGED);
    expect(strict.out).toContain('Kinds with no schema (not checked; add their CRDs with --crds DIR, or pass --allow-unknown-kinds):\n  example.com/v1 Widget: 1 object (prodc/widget.yaml)\n');
    expect(counts(strict.out)).toMatch(/ 0 invalid, 1 of unknown kinds$/);
    const allowed = await validate([dir, ...SCHEMAS, '--allow-unknown-kinds']);
    expect(allowed.code).toBe(ExitCode.OK);
    expect(allowed.out).toContain('Kinds with no schema (not checked; allowed by --allow-unknown-kinds):\n  example.com/v1 Widget: 1 object (prodc/widget.yaml)\n');
  }, 60_000);

  test('without --crds, custom resources are listed as unknown kinds, core and Istio kinds still checked', async () => {
    const dir = hybrid('Direct');
    editFile(dir, 'prodc/1-Deployment.ns.app-a.k8s.yaml', (d) => (d.spec.replicas = 'three'));
    const { code, out } = await validate([dir]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('spec.replicas: must be integer');
    expect(out).toMatch(/\n {2}multicluster\.x-k8s\.io\/v1alpha1 ServiceExport: 2 objects\s+\(localproda\/2-ServiceExport\.ns\.app-b\.k8s\.yaml, prodc\/2-ServiceExport\.ns\.app-a\.k8s\.yaml\)\n/);
    expect(out).not.toMatch(/VirtualService:/);
  }, 60_000);

  test('a CRD the user gives makes its kind known: int-or-string, required fields and undeclared fields are checked', async () => {
    const crds = fresh('validate-crds');
    // A CRD written in flow style: no `kind: Widget` line to find it by, so only the full read finds it.
    const widgetCrd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', required: ['size'], properties: { size: { 'x-kubernetes-int-or-string': true }, colour: { type: 'string', enum: ['red', 'blue'] } } } },
              },
            },
          },
        ],
      },
    };
    fs.mkdirSync(path.join(crds, 'nested'));
    fs.writeFileSync(path.join(crds, 'nested', 'widget.yaml'), stringify(widgetCrd, { collectionStyle: 'flow' }));
    expect(fs.readFileSync(path.join(crds, 'nested', 'widget.yaml'), 'utf8')).not.toMatch(/^\s*kind: Widget/m);
    const dir = fresh('validate-widgets');
    const widget = (name: string, spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace: 'ns' }, spec });
    const widgets = [widget('a', { size: 3 }), widget('b', { size: '3' }), widget('c', { size: true }), widget('d', { colour: 'green' }), widget('e', { size: 1, shape: 'round' })];
    fs.writeFileSync(path.join(dir, 'widgets.yaml'), widgets.map((w) => stringify(w)).join('---\n'));
    const { code, out } = await validate([dir, '--crds', crds]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('  Widget ns/c\n    spec.size: must be integer (CRD widget.yaml)\n    spec.size: must be string (CRD widget.yaml)\n    spec.size: must match a schema in anyOf (CRD widget.yaml)\n');
    expect(out).toContain('  Widget ns/d\n    spec: must have required property size (CRD widget.yaml)\n    spec.colour: must be equal to one of the allowed values: ["red","blue"] (CRD widget.yaml)\n');
    expect(out).toContain('  Widget ns/e\n    spec.shape: unknown field "shape" (CRD widget.yaml)\n');
    expect(out).not.toContain('Widget ns/a');
    expect(out).not.toContain('Widget ns/b');
    expect(counts(out)).toBe('5 objects from 1 file: 2 valid, 3 invalid, 0 of unknown kinds');
  });

  test('colour only when the io asks for it', async () => {
    const dir = hybrid('Direct');
    editFile(dir, 'prodc/1-Deployment.ns.app-a.k8s.yaml', (d) => (d.spec.replicas = 'three'));
    expect((await validate([dir, ...SCHEMAS])).out).not.toContain('\u001b[');
    expect((await validate([dir, ...SCHEMAS], { color: true })).out).toContain('\u001b[31mDeployment ns/app-a\u001b[39m');
  }, 60_000);
});

describe('clusterset validate: usage errors and unreadable inputs exit 2', () => {
  test('a --crds folder that does not exist', async () => {
    const dir = hybrid('Direct');
    const missing = path.join(dir, 'no-such-crds');
    const { code, out, err } = await validate([dir, '--crds', missing]);
    expect({ code, out }).toEqual({ code: ExitCode.USAGE, out: '' });
    expect(err).toBe(`clusterset validate: --crds ${missing}: no such folder; point it at a folder of CRD YAML files; see clusterset validate --help\n`);
  }, 60_000);

  test.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--crds'], "Option '--crds <value>' argument missing"],
    [['a', 'b'], 'unexpected argument "b"'],
    [['a', '--dir', 'b'], 'the output folder is given twice (a and --dir b); keep one'],
  ])('the command line %j', async (args, message) => {
    const { code, err } = await validate(args);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toContain(message);
    expect(err).toContain('; see clusterset validate --help');
  });

  test('an output folder that does not exist, and one with nothing in it', async () => {
    const empty = fresh('validate-empty');
    const missing = path.join(empty, 'dist');
    expect(await validate(['--dir', missing])).toEqual({ code: ExitCode.USAGE, out: '', err: expect.stringContaining(`${missing} is not a folder; synthesize the program first`) });
    expect(await validate([empty])).toEqual({ code: ExitCode.USAGE, out: '', err: expect.stringContaining(`${empty} holds no objects`) });
  });

  test('the default folder is dist, under the current directory', async () => {
    const cwd = fresh('validate-cwd');
    hybridApp({ outdir: path.join(cwd, 'dist') }, hybridDelivery('Direct')).synth();
    const captured = captureIo({ cwd });
    expect(await validateCommand.run([...SCHEMAS], captured.io)).toBe(ExitCode.OK);
  }, 60_000);

  test('a damaged YAML file is named, the rest still checked', async () => {
    const dir = hybrid('Direct');
    fs.writeFileSync(path.join(dir, 'prodc', '1-Service.ns.app-a.k8s.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: [\n');
    editFile(dir, 'prodc/1-Deployment.ns.app-a.k8s.yaml', (d) => (d.spec.replicas = 'three'));
    const { code, out } = await validate([dir, ...SCHEMAS]);
    expect(code).toBe(ExitCode.USAGE);
    expect(out).toMatch(/^unreadable prodc\/1-Service\.ns\.app-a\.k8s\.yaml: not valid YAML \(/m);
    expect(out).toContain('spec.replicas: must be integer');
    expect(counts(out)).toMatch(/, 1 invalid, 0 of unknown kinds, 1 unreadable file$/);
  }, 60_000);

  test('a damaged plan document, and one with odd values: unreadable as readOutput reads it, the YAML files still checked, never a TypeError', async () => {
    const dir = hybrid('Karmada');
    const planFile = path.join(dir, 'clusterset.plan.json');
    fs.writeFileSync(planFile, '{"schemaVersion": 1, "fleets": [');
    const damaged = await validate([dir, ...SCHEMAS]);
    expect(damaged.code).toBe(ExitCode.USAGE);
    expect(damaged.out).toContain('unreadable clusterset.plan.json: is not valid JSON (');
    const odd = { schemaVersion: 1, fleets: [null, 5, { path: 7, clusters: 'x' }, { clusters: [null, { cluster: 3, objects: [null, 'x', { manifest: 5 }, { manifest: { kind: 9 } }] }] }] };
    fs.writeFileSync(planFile, JSON.stringify(odd));
    const result = await validate([dir, ...SCHEMAS]);
    expect(result.err).toBe('');
    expect(result.code).toBe(ExitCode.USAGE);
    // The first few wrong fields, as every command names them; the hub's own YAML files are checked all the same.
    expect(result.out.replace(/\s+/g, ' ')).toContain(
      'unreadable clusterset.plan.json: is damaged: generator must be a string, got nothing; fleets[0] must be an object, got null; fleets[1] must be an object, got 5;',
    );
    expect(counts(result.out)).toMatch(/^[1-9]\d* objects? from [1-9]\d* files?: [1-9]\d* valid, 0 invalid, 0 of unknown kinds, 1 unreadable file$/);
    fs.writeFileSync(planFile, JSON.stringify({ schemaVersion: 2, fleets: [] }));
    // Wrapped to fit a terminal: the line breaks between words.
    const newer = (await validate([dir, ...SCHEMAS])).out;
    expect(newer.replace(/\s+/g, ' ')).toContain('unreadable clusterset.plan.json: has schemaVersion 2, newer than this clusterset reads (1); upgrade clusterset');
    expect(newer.split('\n').every((line) => line.length <= 100)).toBe(true);
  }, 60_000);

  test('a damaged CRD file in a --crds folder is named', async () => {
    const crds = fresh('validate-bad-crds');
    fs.writeFileSync(path.join(crds, 'broken.yaml'), 'kind: CustomResourceDefinition\nspec: [\n');
    const dir = fresh('validate-widget');
    fs.writeFileSync(path.join(dir, 'w.yaml'), stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }));
    const { code, err } = await validate([dir, '--crds', crds]);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toContain(`clusterset validate: ${path.join(crds, 'broken.yaml')}: not valid YAML (`);
  });

  test('without a plan document, the YAML files are still checked, with a note', async () => {
    const dir = fresh('validate-noplan');
    fs.writeFileSync(path.join(dir, 'ns.yaml'), stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
    const { code, out } = await validate([dir]);
    expect(code).toBe(ExitCode.OK);
    expect(out).toContain('note: no clusterset.plan.json here: only the YAML files are checked');
    expect(counts(out)).toBe('1 object from 1 file: 1 valid, 0 invalid, 0 of unknown kinds');
  });
});
