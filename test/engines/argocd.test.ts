import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { ClusterSet, ClusterSetApp, Delivery, MultiClusterService } from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { expectValidAgainstSchemas } from '../support/schema';

const gitOps = { repoURL: 'https://git.example.com/platform/fleet.git', targetRevision: 'main' };
const argoCd = Delivery.argoCd(gitOps);

/** The hybrid example delivered through Argo CD, synthesized into a fresh folder. */
function synthArgo(outdir: string, clusters = hybridClusters): Record<string, string> {
  const app = new ClusterSetApp({ outdir });
  const fleet = new ClusterSet(app, 'fleet', { clusters, delivery: argoCd });
  for (const [id, options] of Object.entries(hybridServices)) new MultiClusterService(fleet, id, options);
  app.synth();
  return readTree(outdir);
}

describe('Delivery.argoCd', () => {
  const outdir = tempDir('argo');
  let files: Record<string, string>;
  beforeAll(() => {
    files = synthArgo(outdir);
  });
  afterAll(() => removeDir(outdir));

  test('the hub output holds one ApplicationSet over the cluster folders', () => {
    const hub = Object.keys(files).filter((f) => f.startsWith(`hub${path.sep}`));
    expect(hub).toEqual([path.join('hub', '2-ApplicationSet.argocd.fleet.k8s.yaml')]);
    const set = parse(files[hub[0]]);
    expect(set.spec.generators[0].list.elements).toEqual([
      { name: 'prodc', path: 'dist/prodc' },
      { name: 'localproda', path: 'dist/localproda' },
    ]);
    expect(set.spec.template.spec).toEqual({
      project: 'default',
      source: { repoURL: gitOps.repoURL, targetRevision: 'main', path: '{{path}}' },
      destination: { name: '{{name}}' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expectValidAgainstSchemas([set]);
  });

  test('clusters with API server URLs are addressed by server', () => {
    const dir = tempDir('argo-servers');
    try {
      const withServers = hybridClusters.map((c) => ({ ...c, server: `https://${c.name}.k8s.example.com:6443` }));
      const set = parse(synthArgo(dir, withServers)[path.join('hub', '2-ApplicationSet.argocd.fleet.k8s.yaml')]);
      expect(set.spec.generators[0].list.elements[0]).toEqual({ name: 'prodc', server: 'https://prodc.k8s.example.com:6443', path: 'dist/prodc' });
      expect(set.spec.template.spec.destination).toEqual({ server: '{{server}}' });
    } finally {
      removeDir(dir);
    }
  });

  test('every cluster folder has a kustomization.yaml listing its files in apply order', () => {
    for (const cluster of ['prodc', 'localproda']) {
      const inFolder = Object.keys(files)
        .filter((f) => f.startsWith(`${cluster}${path.sep}`) && !f.endsWith('kustomization.yaml'))
        .map((f) => path.basename(f));
      const k = parse(files[path.join(cluster, 'kustomization.yaml')]);
      expect(k).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: inFolder });
    }
  });

  test('sync waves: Namespaces first, workloads, then networking', () => {
    const wave = (file: string) => parse(files[file]).metadata.annotations['argocd.argoproj.io/sync-wave'];
    expect(wave(path.join('prodc', '0-Namespace.ns.k8s.yaml'))).toBe('0');
    expect(wave(path.join('prodc', '1-Deployment.ns.app-a.k8s.yaml'))).toBe('1');
    expect(wave(path.join('prodc', '2-EndpointSlice.ns.app-b-localproda.k8s.yaml'))).toBe('2');
  });

  test('kubectl kustomize builds every cluster folder', () => {
    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    if (kubectl.error) {
      console.warn('kubectl is not installed: skipping `kubectl kustomize dist/<cluster>` (install kubectl to run it)');
      return;
    }
    for (const cluster of ['prodc', 'localproda']) {
      const built = execFileSync('kubectl', ['kustomize', path.join(outdir, cluster)], { encoding: 'utf8' });
      expect(built).toContain('kind: Namespace');
    }
  });

  test('needs a repoURL, and ClusterSetApp to write the kustomizations', () => {
    const app = new ClusterSetApp({ outdir: tempDir('argo-bad') });
    try {
      new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery: Delivery.argoCd({} as never) });
      expect(() => app.synth()).toThrow(/Delivery.argoCd\(\{ repoURL \}\): repoURL is required/);
    } finally {
      removeDir(app.outdir);
    }
    const plain = new App({ outdir: tempDir('argo-plain') });
    try {
      new ClusterSet(plain, 'fleet', { clusters: hybridClusters, delivery: argoCd });
      expect(() => plain.synth()).toThrow(/Delivery.argoCd\(\) writes kustomization.yaml into each cluster folder, which only ClusterSetApp does; use new ClusterSetApp\(\)/);
    } finally {
      removeDir(plain.outdir);
    }
  });
});
