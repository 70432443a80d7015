// `clusterset synth`: the project's app run as cdk8s synth runs it, progress per cluster on a large fleet,
// the one-line summary, a refused synth's problems with exit 1, and usage errors with exit 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '../../lib/cli/command';
import { main } from '../../lib/cli/main';
import { refusalProblems } from '../../lib/cli/synth/refusal';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { PLAN_FILE, type PlanDocument } from '../../lib/core/report/plan-document';
import { parseProgress, PROGRESS_ENV, type SynthProgress } from '../../lib/core/report/synth-progress';
import { hybridApp } from '../../examples/hybrid/app';
import { captureIo } from '../support/cli-io';
import { readTree, removeDir, tempDir } from '../support/files';

const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const LIB = path.join(ROOT, 'lib');

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach(removeDir);
  dirs = [];
});

function project(files: Record<string, string> = {}): string {
  const dir = tempDir('cli-synth');
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** `clusterset synth ...` through the dispatcher, in `cwd`. */
async function synth(cwd: string, ...args: string[]): Promise<{ code: ExitCode; out: string; err: string }> {
  const cli = captureIo({ cwd });
  const code = await main(['synth', ...args], cli.io, { env: {} });
  return { code, out: cli.out(), err: cli.err() };
}

/** A TypeScript app over the library, run with ts-node (and this repository's tsconfig) from the temp project. */
const tsApp = (file: string) => `TS_NODE_PROJECT=${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} ${JSON.stringify(process.execPath)} -r ${JSON.stringify(TS_NODE)} ${file}`;

/** A fleet of `clusters` clusters with one service active in the first and a placeholder in the others. */
function fleetApp(clusters: number, selected = 'c1'): string {
  return `import { ActivePlacement, ClusterSet, ClusterSetApp, MultiClusterService, Networking, PlaceholderPlacement } from ${JSON.stringify(LIB)};
const app = new ClusterSetApp();
const names = Array.from({ length: ${clusters} }, (_, i) => 'c' + (i + 1));
const fleet = new ClusterSet(app, 'fleet', { clusters: names.map((name, i) => ({ name, serviceCidr: '10.' + (64 + i) + '.0.0/16', podCidr: '10.' + (128 + i) + '.0.0/16' })) });
new MultiClusterService(fleet, 'api', {
  namespace: 'team', image: 'team/api:1.0', ports: [{ name: 'http', port: 8080 }],
  placements: [new ActivePlacement({ clusters: [${JSON.stringify(selected)}] }), new PlaceholderPlacement({ clusters: names.slice(1), networking: Networking.EXTERNAL_NAME })],
});
app.synth();
`;
}

const summary = /^synthesized (\d+) fleets?, (\d+) clusters?, (\d+) objects?, (\d+) files? into (.+) in (\d+\.\d)s$/;

describe('clusterset synth', () => {
  test('the shop example: the summary counts what the plan document lists and the files written, and 3 clusters show no progress', async () => {
    const out = project();
    const result = await synth(ROOT, '--app', 'npx ts-node --transpile-only examples/shop/main.ts', '--output', out);
    expect([result.code, result.err]).toEqual([ExitCode.OK, '']);
    const doc = JSON.parse(fs.readFileSync(path.join(out, PLAN_FILE), 'utf8')) as PlanDocument;
    const [, fleets, clusters, objects, files, dir] = summary.exec(result.out.trimEnd()) ?? [];
    expect([fleets, clusters, objects, files, dir]).toEqual([
      '1',
      '3',
      String(doc.fleets[0].clusters.reduce((n, c) => n + c.objects.length, 0)),
      String(Object.keys(readTree(out)).length),
      out,
    ]);
    expect(result.out.split('\n')).toHaveLength(2);
  }, 120_000);

  test('a large fleet: a line per cluster rendered and written, in order; --quiet none; files of an earlier synth listed', async () => {
    const dir = project({ 'app.ts': fleetApp(12) });
    const first = await synth(dir, '--app', tsApp('app.ts'));
    expect(first.code).toBe(ExitCode.OK);
    const names = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
    expect(first.err.split('\n').filter(Boolean)).toEqual([
      ...names.map((n, i) => `[${String(i + 1).padStart(2)}/12] rendered ${n}`),
      ...names.map((n, i) => `[${String(i + 1).padStart(2)}/12] wrote ${n}`),
    ]);
    expect(first.out).toMatch(/^synthesized 1 fleet, 12 clusters, \d+ objects, \d+ files into .*\/dist in \d+\.\ds\n$/);
    fs.mkdirSync(path.join(dir, 'dist', 'gone'));
    fs.writeFileSync(path.join(dir, 'dist', 'gone', 'old.k8s.yaml'), 'kind: ConfigMap\n');
    const second = await synth(dir, '--app', tsApp('app.ts'), '--quiet');
    expect(second.code).toBe(ExitCode.OK);
    expect(second.err).toBe(`clusterset synth: 1 file(s) in ${path.join(dir, 'dist')} are from an earlier synth (gone/old.k8s.yaml); remove them if their cluster is gone\n`);
    expect(second.out.trimEnd().match(summary)?.[4]).toBe(String(Object.keys(readTree(path.join(dir, 'dist'))).length - 1));
  }, 120_000);

  test('--progress on a small fleet', async () => {
    const dir = project({ 'app.ts': fleetApp(2) });
    const result = await synth(dir, '--app', tsApp('app.ts'), '--progress', '--output', 'out');
    expect(result.code).toBe(ExitCode.OK);
    expect(result.err).toBe('[1/2] rendered c1\n[2/2] rendered c2\n[1/2] wrote c1\n[2/2] wrote c2\n');
    expect(fs.existsSync(path.join(dir, 'out', PLAN_FILE))).toBe(true);
  }, 120_000);

  test('a refused synth: its problems, no stack, exit 1, nothing written', async () => {
    const dir = project({ 'app.ts': fleetApp(2, 'nope') });
    const result = await synth(dir, '--app', tsApp('app.ts'));
    expect(result.code).toBe(ExitCode.FLAGGED);
    expect(result.err).toBe(
      'clusterset synth: refused, 2 problems (nothing was written):\n' +
        '  - fleet/api: placements[0] (active) selects cluster "nope", which is not in the ClusterSet (known: c1, c2)\n' +
        '  - fleet/api: has placeholders in "c2" but no active cluster for them to reach; add an ActivePlacement (or turn one placeholder into an ActivePlacement)\n',
    );
    expect(result.err).not.toMatch(/^\s+at /m);
    expect(result.out).toBe('');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  }, 120_000);

  test('an app that fails otherwise: its stderr, then what failed, exit 2', async () => {
    const dir = project();
    const result = await synth(dir, '--app', `${JSON.stringify(process.execPath)} -e "throw new Error('boom')"`);
    expect(result.code).toBe(ExitCode.USAGE);
    expect(result.err).toContain('Error: boom');
    expect(result.err).toMatch(/clusterset synth: the app exited 1: .* -e "throw new Error\('boom'\)"; its output is above\n$/);
  }, 60_000);

  test('cdk8s.yaml gives app and output; an app without ClusterSetApp is counted by its files, its stdout passed on', async () => {
    const app = `${JSON.stringify(process.execPath)} -e "const fs = require('fs'); fs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true }); fs.writeFileSync(process.env.CDK8S_OUTDIR + '/a.k8s.yaml', 'kind: ConfigMap'); console.log('hello')"`;
    const dir = project({ 'cdk8s.yaml': `language: javascript\napp: ${JSON.stringify(app)}\noutput: manifests\n` });
    const result = await synth(dir);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.out).toMatch(new RegExp(`^hello\nsynthesized 0 fleets, 0 clusters, 0 objects, 1 file into ${path.join(dir, 'manifests')} in \\d+\\.\\ds\n$`));
    expect(result.err).toContain(`clusterset synth: ${path.join(dir, 'manifests', PLAN_FILE)} does not exist`);
    expect(result.err).toContain('does the app use ClusterSetApp?');
  }, 60_000);

  describe('usage errors, exit 2', () => {
    test.each([
      [{}, [], /^clusterset synth: no cdk8s\.yaml in .* and no --app; run in the project's folder, or give --app 'node main\.js'\n$/],
      [{ 'cdk8s.yaml': 'app: [\n' }, [], /^clusterset synth: .*cdk8s\.yaml is not valid YAML \(.*\); fix it, or give --app and --output\n$/],
      [{ 'cdk8s.yaml': 'app: 5\n' }, [], /^clusterset synth: .*cdk8s\.yaml: app must be a non-empty string, got 5; fix it, or give --app\n$/],
      [{ 'cdk8s.yaml': '- app\n' }, [], /^clusterset synth: .*cdk8s\.yaml must hold a mapping \(app: \.\.\., output: \.\.\.\), got \["app"\]/],
      [{ 'cdk8s.yaml': 'language: typescript\n' }, [], /^clusterset synth: .*cdk8s\.yaml has no app; add one \(app: node main\.js\) or give --app 'node main\.js'\n$/],
      [{}, ['--outdir', 'x'], /^clusterset synth: Unknown option '--outdir'; see clusterset synth --help\n$/],
      [{}, ['--app'], /^clusterset synth: Option '--app <value>' argument missing; see clusterset synth --help\n$/],
    ])('%j %j', async (files, args, message) => {
      const result = await synth(project(files), ...args);
      expect([result.code, result.out]).toEqual([ExitCode.USAGE, '']);
      expect(result.err).toMatch(message);
    });
  });
});

describe('a refusal read back from the app\'s stderr', () => {
  test('the problems of the message, one per line or over several, without the stack', () => {
    const error = new ClusterSetValidationError(['fleet/a: first', 'fleet/b: second\n  continued here']);
    const stderr = ['/app.ts:3', '    throw x', '', ...(error.stack ?? '').split('\n'), '{', '  problems: [...]', '}'];
    expect(refusalProblems(stderr)).toEqual(['fleet/a: first', 'fleet/b: second\n  continued here']);
    expect(refusalProblems(['Error: something else', '    at x'])).toBeUndefined();
    expect(refusalProblems(new ClusterSetValidationError(['one']).message.split('\n'))).toEqual(['one']);
  });
});

describe('the progress hook (CLUSTERSET_PROGRESS=1)', () => {
  function progressOf(env: string | undefined): SynthProgress[] {
    const outdir = project();
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const before = process.env[PROGRESS_ENV];
    try {
      if (env === undefined) delete process.env[PROGRESS_ENV];
      else process.env[PROGRESS_ENV] = env;
      hybridApp({ outdir }).synth();
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env[PROGRESS_ENV];
      else process.env[PROGRESS_ENV] = before;
    }
    return written.flatMap((w) => w.split('\n')).flatMap((line) => parseProgress(line) ?? []);
  }

  test('ClusterSetApp reports planning, then each folder rendered and written', () => {
    expect(progressOf('1')).toEqual([
      { step: 'plan', done: 1, total: 1, name: 'fleets' },
      { step: 'render', done: 1, total: 2, name: 'prodc' },
      { step: 'render', done: 2, total: 2, name: 'localproda' },
      { step: 'write', done: 1, total: 2, name: 'prodc' },
      { step: 'write', done: 2, total: 2, name: 'localproda' },
    ]);
  });

  test('and says nothing without it', () => {
    expect(progressOf(undefined)).toEqual([]);
    expect(progressOf('0')).toEqual([]);
  });

  test('a damaged or foreign line is no progress', () => {
    expect(parseProgress('clusterset:progress {')).toBeUndefined();
    expect(parseProgress('clusterset:progress {"step":"render"}')).toBeUndefined();
    expect(parseProgress('warning: clusterset:progress')).toBeUndefined();
  });
});
