// The package as a user gets it: `npm pack`, the tarball installed into a fresh project next to the
// peers, then `cdk8s synth`, the offline Pulumi preview, stack traces and type checks there.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeDir, tempDir } from '../support/files';
import { CRD_ROOT } from '../support/schema';

const ROOT = path.resolve(__dirname, '../..');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

/** The version this repository develops against, so the fresh install comes from the npm cache. */
function devVersion(name: string): string {
  return `${name}@${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version}`;
}

// Without the variables `npm test` sets for this package, so npm in the project sees only the project.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^INIT_CWD$/.test(key)));

function run(command: string, args: string[], cwd: string) {
  return spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Runs a command that must succeed; returns its output. */
function ok(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** Installs packages into the project from the npm cache; install scripts (Pulumi's plugin downloads) are skipped. */
function install(project: string, packages: string[]): void {
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...packages], project);
}

/** Every installed copy of a package in the project, as folders. */
function copiesOf(project: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    if (fs.existsSync(path.join(modules, name, 'package.json'))) found.push(path.join(modules, name));
    for (const entry of fs.readdirSync(modules)) {
      const folders = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((e) => path.join(modules, entry, e)) : [path.join(modules, entry)];
      for (const folder of folders) walk(path.join(folder, 'node_modules'));
    }
  };
  walk(path.join(project, 'node_modules'));
  return found.map((f) => path.relative(project, f));
}

/** The files of the stack frames inside the installed package. */
function packageFrames(stack: string): string[] {
  return [...stack.matchAll(/\((\/[^():]+):\d+:\d+\)/g)].map((m) => m[1]).filter((file) => file.includes(`${path.sep}node_modules${path.sep}clusterset${path.sep}`));
}

const FLEET = `
const fleet = new ClusterSet(app, 'fleet', {
  clusters: [
    { name: 'east', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' },
    { name: 'west', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16' },
  ],
});
for (const namespace of ['team-a', 'team-b']) {
  new MultiClusterService(fleet, 'api-' + namespace, {
    name: 'api', namespace, image: 'team/api:1.0', ports: [{ name: 'http', port: 8080 }],
    placements: [new ActivePlacement({ clusters: ['east'] }), new PlaceholderPlacement({ clusters: ['west'], networking: Networking.EXTERNAL_NAME })],
  });
}
`;

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true }),
  'cdk8s.yaml': 'language: javascript\napp: node main.js\noutput: dist\n',
  // The README's program shape, with a binding from the package.
  'main.js': `const { ActivePlacement, ClusterSet, ClusterSetApp, MultiClusterService, Networking, PlaceholderPlacement, ServiceImport } = require('clusterset');
const app = new ClusterSetApp();
${FLEET}
new ServiceImport(fleet.chart('west'), 'import', { metadata: { name: 'api', namespace: 'team-a' }, spec: { type: 'ClusterSetIP', ports: [{ port: 8080 }] } });
app.synth();
`,
  // A plain App whose folder layout would let team-b's files overwrite team-a's: the check must refuse it.
  'collide.js': `const { App, YamlOutputType } = require('cdk8s');
const { ActivePlacement, ClusterSet, MultiClusterService, Networking, PlaceholderPlacement } = require('clusterset');
const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
${FLEET}
app.synth();
`,
  'throw.js': `const { ClusterSetErrors, FleetPlanner } = require('clusterset');
try {
  FleetPlanner.plan({ path: 'fleet', clusters: [{ name: 'east', serviceCidr: 'not-a-cidr', podCidr: '10.244.0.0/16' }], services: [] });
} catch (error) {
  if (!ClusterSetErrors.isValidationError(error) || ClusterSetErrors.problemsOf(error).length !== 1) throw new Error('not a validation error');
  console.log(error.stack);
}
`,
  'Pulumi.yaml': 'name: fresh-fleet\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n',
  'Pulumi.dev.yaml': `config:
  clusterset:clusters:
    - { name: east, context: dev-east, serviceCidr: 10.96.0.0/16, podCidr: 10.244.0.0/16 }
    - name: west
      context: dev-west
      kubeconfig:
        secure: v1:AAAAbase64ciphertext
      serviceCidr: 10.112.0.0/16
      podCidr: 10.128.0.0/16
`,
  'index.ts': `import { ActivePlacement, ClusterSet, MultiClusterService, Networking, PlaceholderPlacement } from 'clusterset/pulumi';

const fleet = ClusterSet.fromConfig('fleet');
const api = new MultiClusterService('api', {
  clusterSet: fleet,
  namespace: 'team-a',
  image: 'team/api:1.0',
  ports: [{ name: 'http', port: 8080 }],
  placements: [new ActivePlacement({ clusters: ['east'] }), new PlaceholderPlacement({ clusters: ['west'], networking: Networking.ENDPOINT_SLICE })],
});
export const host = api.clustersetHost;
`,
  'check.ts': `import { ClusterSet, ClusterSetApp, ServiceExport, ServiceImport, type ServiceImportProps, ServiceImportSpecType } from 'clusterset';
import { ClusterSet as PulumiClusterSet, previewStack, type StackPreview } from 'clusterset/pulumi';

const app = new ClusterSetApp();
const fleet = new ClusterSet(app, 'fleet', { clusters: [{ name: 'east', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' }] });
new ServiceExport(fleet.chart('east'), 'export', { metadata: { name: 'api', namespace: 'team-a' } });
const props: ServiceImportProps = { spec: { type: ServiceImportSpecType.CLUSTER_SET_IP, ports: [{ port: 8080 }] } };
new ServiceImport(fleet.chart('east'), 'import', props);
export const pulumiFlavour: [typeof PulumiClusterSet, typeof previewStack, StackPreview | undefined] = [PulumiClusterSet, previewStack, undefined];
`,
};

describe('the packed package installed in a fresh project', () => {
  const work = tempDir('package');
  const project = path.join(work, 'project');

  beforeAll(() => {
    ok('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
    const [tarball] = fs.readdirSync(work).filter((f) => f.endsWith('.tgz'));
    fs.mkdirSync(project);
    for (const [file, text] of Object.entries(FILES)) fs.writeFileSync(path.join(project, file), text);
    // What a cdk8s user installs: the package and its peers (TypeScript for the type checks below).
    install(project, [path.join(work, tarball), devVersion('cdk8s'), devVersion('constructs'), devVersion('typescript'), devVersion('@types/node')]);
  }, 240_000);
  afterAll(() => removeDir(work));

  describe('as a cdk8s user', () => {
    test('one cdk8s and one constructs are installed, the project\'s, and none under clusterset', () => {
      expect(copiesOf(project, 'cdk8s')).toEqual([path.join('node_modules', 'cdk8s')]);
      expect(copiesOf(project, 'constructs')).toEqual([path.join('node_modules', 'constructs')]);
      expect(fs.existsSync(path.join(project, 'node_modules', 'clusterset', 'node_modules', 'cdk8s'))).toBe(false);
      expect(fs.existsSync(path.join(project, 'node_modules', 'clusterset', 'node_modules', 'constructs'))).toBe(false);
    });

    test('Pulumi is not installed, and clusterset loads without it', () => {
      expect(copiesOf(project, '@pulumi/pulumi')).toEqual([]);
      expect(ok(process.execPath, ['-e', "console.log(typeof require('clusterset').ClusterSet)"], project)).toBe('function\n');
    });

    test('cdk8s synth writes each cluster\'s files, bindings from the package included', () => {
      ok(CDK8S, ['synth', '--no-check-upgrade'], project);
      const east = fs.readdirSync(path.join(project, 'dist', 'east')).sort();
      const west = fs.readdirSync(path.join(project, 'dist', 'west')).sort();
      expect(east).toEqual(expect.arrayContaining(['1-Deployment.team-a.api.k8s.yaml', '1-Deployment.team-b.api.k8s.yaml', '2-ServiceExport.team-a.api.k8s.yaml']));
      expect(west).toEqual(expect.arrayContaining(['1-Service.team-a.api.k8s.yaml', '1-Service.team-b.api.k8s.yaml', '2-ServiceImport.team-a.api.k8s.yaml']));
      expect(fs.readFileSync(path.join(project, 'dist', 'west', '2-ServiceImport.team-a.api.k8s.yaml'), 'utf8')).toContain('apiVersion: multicluster.x-k8s.io/v1alpha1');
    }, 120_000);

    test('clusterset validate, from the installed package, checks the synthesized output offline', () => {
      const valid = run('npx', ['clusterset', 'validate', 'dist', '--crds', path.join(CRD_ROOT, 'mcs-api')], project);
      expect({ status: valid.status, stderr: valid.stderr }).toEqual({ status: 0, stderr: '' });
      expect(valid.stdout).toMatch(/^\d+ objects from \d+ files: \d+ valid, 0 invalid, 0 of unknown kinds\n$/m);
      // Without the CRDs, the ServiceExport and ServiceImport are listed and fail the run.
      const unknown = run('npx', ['clusterset', 'validate', 'dist'], project);
      expect(unknown.status).toBe(1);
      expect(unknown.stdout).toContain('multicluster.x-k8s.io/v1alpha1 ServiceImport: 1 object');
      // The model packages are the package's own dependencies, installed with it.
      for (const name of ['kubernetes-models', '@kubernetes-models/istio', '@kubernetes-models/argo-cd', '@kubernetes-models/prometheus-operator', 'ajv']) {
        expect(copiesOf(project, name)).toContain(path.join('node_modules', name));
      }
    }, 120_000);

    test('the package\'s clusterset bin: --help lists the commands, plan reads the output, synth runs the project\'s app', () => {
      const help = ok('npx', ['clusterset', '--help'], project);
      expect(help).toContain('usage: clusterset <command> [options]');
      expect(help).toMatch(/^ {2}plan +the fleet as planned/m);
      expect(help).toMatch(/^ {2}synth +run the project's cdk8s app/m);
      const plan = ok('npx', ['clusterset', 'plan', '--dir', 'dist'], project);
      expect(plan).toContain('Fleet fleet (Delivery.direct())');
      expect(plan).toMatch(/^team-a\/api +east +active +\d+ +- +10\.96\./m);
      expect(plan).toMatch(/^ +west +placeholder +- +EXTERNAL_NAME +-$/m);
      const synth = ok('npx', ['clusterset', 'synth', '--output', 'dist-cli'], project);
      expect(synth).toMatch(/^synthesized 1 fleet, 2 clusters, \d+ objects, \d+ files into .*dist-cli in \d+\.\ds\n$/);
      const unknown = run('npx', ['clusterset', 'plna'], project);
      expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('did you mean "plan"?')]);
    }, 120_000);

    test('the output-layout check runs: files of two namespaces are refused rather than overwritten', () => {
      const result = run(CDK8S, ['synth', '--no-check-upgrade', '--app', 'node collide.js', '--output', 'collide'], project);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('Service team-b/api and Service team-a/api would both be written to east/Service.api.k8s.yaml');
    }, 120_000);

    test.each([[[]], [['--enable-source-maps']]])('stack traces point at files the package ships (node %j)', (flags: string[]) => {
      const stack = ok(process.execPath, [...flags, 'throw.js'], project);
      expect(stack).toContain('serviceCidr "not-a-cidr" is not an IPv4 CIDR');
      const frames = packageFrames(stack);
      expect(frames.length).toBeGreaterThan(0);
      for (const file of frames) expect(fs.existsSync(file) ? file : `${file} (not shipped)`).toBe(file);
      // Source maps lead to the shipped TypeScript sources, otherwise frames name the shipped JavaScript.
      expect(frames[0]).toMatch(flags.length > 0 ? /clusterset\/lib\/core\/errors\.ts$/ : /clusterset\/build\/lib\/core\/errors\.js$/);
    });
  });

  describe('as a Pulumi user', () => {
    beforeAll(() => install(project, [devVersion('@pulumi/pulumi'), devVersion('@pulumi/kubernetes')]), 240_000);

    test('Pulumi is installed once, the project\'s, and cdk8s still once', () => {
      expect(copiesOf(project, '@pulumi/pulumi')).toEqual([path.join('node_modules', '@pulumi', 'pulumi')]);
      expect(copiesOf(project, 'cdk8s')).toEqual([path.join('node_modules', 'cdk8s')]);
    });

    test('the package\'s clusterset-preview bin previews the project\'s own program offline', () => {
      const out = ok(path.join(project, 'node_modules', '.bin', 'clusterset-preview'), ['--stack', 'dev'], project);
      expect(out).toContain('Preview of stack "dev" (project fresh-fleet), offline under mocks: 2 providers, 8 resources');
      expect(out).toContain('provider fleet-west (context dev-west): 4 resources');
      expect(out).toContain('fleet/west/team-a/api-east takes its address from the live Service: [{"addresses":["<clusterIP of fleet/east/team-a/api>"]');
    }, 120_000);

    test.each([
      ['commonjs', 'node10'],
      ['node16', 'node16'],
      ['esnext', 'bundler'],
    ])('clusterset, clusterset/pulumi and the bindings type-check under module %s, moduleResolution %s', (module, moduleResolution) => {
      const config = `tsconfig.${moduleResolution}.json`;
      // Library declarations are checked too (no skipLibCheck) under the classic resolution.
      const compilerOptions = { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: moduleResolution !== 'node10' };
      fs.writeFileSync(path.join(project, config), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
      const tsc = run(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], project);
      expect({ status: tsc.status, errors: tsc.stdout }).toEqual({ status: 0, errors: '' });
    }, 120_000);
  });
});
