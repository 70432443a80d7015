import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { activeActiveApp } from '../../examples/active-active/app';
import { hybridApp } from '../../examples/hybrid/app';
import { readTree, removeDir, tempDir } from '../support/files';

const ROOT = path.resolve(__dirname, '../..');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

/** Runs the real cdk8s CLI on cdk8s.yaml (the hybrid example) into `outdir`. */
function cliSynth(outdir: string): string {
  return execFileSync(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
}

describe('the hybrid example through the cdk8s CLI', () => {
  const outdir = path.join(tempDir('cli'), 'dist');
  let files: Record<string, string>;
  beforeAll(() => {
    cliSynth(outdir);
    files = readTree(outdir);
  }, 120_000);
  afterAll(() => removeDir(path.dirname(outdir)));

  test('writes dist/<cluster>/ for both clusters', () => {
    const folders = [...new Set(Object.keys(files).map((f) => f.split(path.sep)[0]))];
    expect(folders).toEqual(['clusterset.plan.json', 'localproda', 'prodc']);
    expect(Object.keys(files)).toContain(path.join('prodc', '2-EndpointSlice.ns.app-b-localproda.k8s.yaml'));
    expect(Object.keys(files)).toContain(path.join('localproda', '2-VirtualService.ns.app-a-cross-cluster.k8s.yaml'));
  });

  test('writes the same bytes as synthesizing in process', () => {
    const local = tempDir('in-process');
    try {
      hybridApp({ outdir: local }).synth();
      expect(readTree(local)).toEqual(files);
    } finally {
      removeDir(local);
    }
  });

  test('app-b in prodc is wired to its ClusterIP in localproda', () => {
    const docs = (file: string) => parseAllDocuments(files[file]).map((d) => d.toJS());
    const [service] = docs(path.join('localproda', '1-Service.ns.app-b.k8s.yaml'));
    const [slice] = docs(path.join('prodc', '2-EndpointSlice.ns.app-b-localproda.k8s.yaml'));
    expect(slice.endpoints[0].addresses).toEqual([service.spec.clusterIP]);
  });
});

describe('the active-active example through the cdk8s CLI', () => {
  test('writes the files ClusterSetApp renders in process, the north-south tables included', () => {
    const outdir = path.join(tempDir('cli-aa'), 'dist');
    try {
      const app = `npx ts-node --transpile-only ${path.join('examples', 'active-active', 'main.ts')}`;
      execFileSync(CDK8S, ['synth', '--no-check-upgrade', '--app', app, '--output', outdir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      const { app: inProcess } = activeActiveApp();
      const expected = Object.fromEntries([
        ...inProcess.render().flatMap((f) => f.files.map((file) => [path.join(f.folder, file.file), file.yaml])),
        // The outer load balancer's weights, beside the cluster folders (docs/north-south.md).
        ...inProcess.renderNorthSouth().map((file) => [path.join('north-south', file.name), file.content]),
        ['clusterset.plan.json', inProcess.renderPlan()],
      ]);
      expect(Object.keys(expected).filter((f) => f.startsWith('north-south'))).toHaveLength(4);
      expect(readTree(outdir)).toEqual(expected);
    } finally {
      removeDir(path.dirname(outdir));
    }
  }, 120_000);
});
