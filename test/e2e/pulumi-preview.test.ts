import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run preview:pulumi -- --stack <stack>` the way a user would, and returns what it printed. */
function preview(stack: string): string {
  return execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), 'scripts/preview-pulumi.ts', '--stack', stack], {
    cwd: ROOT,
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
    expect(out).toMatch(/EndpointSlice\s+prodc-ns-app-b-localproda\s+after Namespace prodc-ns, Service localproda-ns-app-b, ServiceExport localproda-ns-app-b/);
    expect(out).toContain('prodc-ns-app-b-localproda takes its address from the live Service: [{"addresses":["<clusterIP of localproda-ns-app-b>"]');
  }, 60_000);

  test('prod: STRICT mTLS in the private cloud adds a DestinationRule there', () => {
    const out = preview('prod');
    expect(out).toContain('provider fleet-localproda (context localproda): 9 resources');
    expect(out).toMatch(/DestinationRule\s+localproda-ns-app-a-clusterset-mtls/);
  }, 60_000);
});
