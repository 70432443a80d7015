import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run preview:pulumi -- --stack <stack>` the way a user would, and returns what it printed. */
function preview(stack: string, cwd = ROOT): string {
  return execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'scripts', 'preview-pulumi.ts'), '--stack', stack], {
    cwd,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    encoding: 'utf8',
    stdio: 'pipe',
  });
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
});
