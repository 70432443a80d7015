import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run preview:pulumi -- <args>` the way a user would. */
function runPreview(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'scripts', 'preview-pulumi.ts'), ...args], {
    cwd,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    encoding: 'utf8',
  });
}

/** The preview of one stack, which must succeed; returns what it printed. */
function preview(stack: string, cwd = ROOT): string {
  const run = runPreview(['--stack', stack], cwd);
  if (run.status !== 0) throw new Error(`preview exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('the offline Pulumi preview of the hybrid program', () => {
  test('dev: a provider per cluster, every resource under it, placeholders after the active Service', () => {
    const out = preview('dev');
    expect(out).toContain('Preview of stack "dev" (project clusterset-hybrid), offline under mocks: 2 providers, 15 resources');
    expect(out).toContain('provider fleet-prodc (context dev-prodc): 7 resources');
    expect(out).toContain('provider fleet-localproda (context dev-localproda): 8 resources');
    expect(out).toContain(
      'EndpointSlice               fleet/prodc/ns/app-b-localproda   after Namespace fleet/prodc/ns, Service fleet/localproda/ns/app-b, ServiceExport fleet/localproda/ns/app-b',
    );
    expect(out).toContain('fleet/prodc/ns/app-b-localproda takes its address from the live Service: [{"addresses":["<clusterIP of fleet/localproda/ns/app-b>"]');
  }, 60_000);

  test('prod: STRICT mTLS in the private cloud adds a DestinationRule there', () => {
    const out = preview('prod');
    expect(out).toContain('provider fleet-localproda (context localproda): 9 resources');
    expect(out).toMatch(/DestinationRule\s+fleet\/localproda\/ns\/app-a-clusterset-mtls/);
  }, 60_000);

  test('secrets in the stack file, even nested, are stood in for rather than decrypted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterset-preview-'));
    try {
      fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), `name: secret-test\nruntime: nodejs\nmain: ${path.join(ROOT, 'examples', 'hybrid', 'pulumi.ts')}\n`);
      const dev = fs.readFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), 'utf8').replace('kubeconfig: ~/.kube/dev.yaml', 'kubeconfig:\n        secure: v1:AAAAbase64ciphertext');
      fs.writeFileSync(path.join(dir, 'Pulumi.sec.yaml'), dev);
      expect(preview('sec', dir)).toContain('offline under mocks: 2 providers, 15 resources');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('a program exporting an async function is called and awaited, as Pulumi does', () => {
    // Inside the repository, so the program resolves @pulumi/pulumi from its node_modules.
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'preview-'));
    try {
      fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), 'name: async-test\nruntime: nodejs\nmain: index.ts\n');
      fs.copyFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), path.join(dir, 'Pulumi.dev.yaml'));
      fs.writeFileSync(
        path.join(dir, 'index.ts'),
        [
          `import { ClusterSet, MultiClusterService } from ${JSON.stringify(path.join(ROOT, 'lib', 'pulumi'))};`,
          `import { hybridServices } from ${JSON.stringify(path.join(ROOT, 'examples', 'hybrid', 'services'))};`,
          'export default async () => {',
          '  // Longer than the preview waits for registrations to settle: only awaiting the function sees them.',
          '  await new Promise((resolve) => setTimeout(resolve, 300));',
          "  new MultiClusterService('app-a', { ...hybridServices['app-a'], clusterSet: ClusterSet.fromConfig('fleet') });",
          '};',
        ].join('\n'),
      );
      expect(preview('dev', dir)).toMatch(/offline under mocks: 2 providers, [1-9]\d* resources/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('without a Pulumi.yaml it says where to run it, and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterset-preview-'));
    try {
      const run = runPreview(['--stack', 'dev'], dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`no Pulumi.yaml in ${dir}: run the preview in the folder of your Pulumi project, or pass --cwd <folder>`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('an unknown argument prints the usage and exits 2', () => {
    const run = runPreview(['--stak', 'dev']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unexpected argument "--stak"\nusage: clusterset-preview [--stack <name>] [--cwd <folder with Pulumi.yaml>]');
  }, 60_000);

  test('--cwd previews the project in another folder', () => {
    const run = runPreview(['--stack', 'prod', '--cwd', ROOT], os.tmpdir());
    expect(run.stdout).toContain('Preview of stack "prod" (project clusterset-hybrid), offline under mocks: 2 providers, 17 resources');
  }, 60_000);
});
