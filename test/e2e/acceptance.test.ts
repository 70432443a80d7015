import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readTree, removeDir, tempDir } from '../support/files';

const ROOT = path.resolve(__dirname, '../..');

/** The program of issue #2's acceptance, verbatim: it must work as written from a file in the repo root. */
const PROGRAM = `import { App } from 'cdk8s';
import { ClusterSet, MultiClusterService, ActivePlacement, PlaceholderPlacement, Networking } from './lib';

const app = new App();
const fleet = new ClusterSet(app, 'fleet', {
  clusters: [
    { name: 'prodc', labels: { region: 'hangzhou' }, serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a' } },
    { name: 'localproda', labels: { region: 'local' }, serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', mesh: { network: 'net-b' }, registry: 'registry.example.com' },
  ],
});
new MultiClusterService(fleet, 'app-a', {
  namespace: 'ns',
  image: 'team/app-a:1.4.2',
  replicas: 3,
  ports: [{ name: 'http', port: 7070 }, { name: 'http-alt', port: 8080 }],
  placements: [
    new ActivePlacement({ clusters: ['prodc'] }),
    new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO, overrides: { image: { registry: 'registry.example.com' } } }),
  ],
});
app.synth();
`;

test('the acceptance program runs from the repo root with ts-node and writes each cluster apart', () => {
  const file = path.join(ROOT, `.acceptance-${process.pid}.ts`);
  const cwd = tempDir('acceptance');
  try {
    fs.writeFileSync(file, PROGRAM);
    execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), file], {
      cwd,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      stdio: 'pipe',
    });
    const files = readTree(path.join(cwd, 'dist'));
    expect(Object.keys(files)).toEqual(['localproda.k8s.yaml', 'prodc.k8s.yaml']);
    const docs = (name: string) => parseAllDocuments(files[name]).map((d) => d.toJS());
    const prodc = docs('prodc.k8s.yaml');
    const localproda = docs('localproda.k8s.yaml');
    expect(prodc.map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'ServiceExport']);
    expect(localproda.map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'VirtualService', 'ServiceEntry']);
    expect(prodc[1].spec.replicas).toBe(3);
    expect(localproda[1].spec.replicas).toBe(0);
    expect(localproda[1].spec.template.spec.containers[0].image).toBe('registry.example.com/team/app-a:1.4.2');
    expect(localproda[3].spec.http[0].route[0].destination.host).toBe('app-a.ns.svc.clusterset.local');
  } finally {
    fs.rmSync(file, { force: true });
    removeDir(cwd);
  }
}, 60_000);
