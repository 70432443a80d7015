import * as path from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { hybridApp } from '../../examples/hybrid/app';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { ClusterSet, ClusterSetApp, Delivery, type FluxProps, MultiClusterService } from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { problemsOf } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const repoURL = 'https://git.example.com/platform/fleet.git';

/** The hybrid example delivered through Flux, synthesized into a fresh folder: relative path -> YAML. */
function synthFlux(props: FluxProps = { repoURL }): Record<string, string> {
  const outdir = tempDir('flux');
  try {
    const app = new ClusterSetApp({ outdir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery: Delivery.flux(props) });
    for (const [id, options] of Object.entries(hybridServices)) new MultiClusterService(fleet, id, options);
    app.synth();
    return readTree(outdir);
  } finally {
    removeDir(outdir);
  }
}

/**
 * The CEL rules of Flux's CRDs, which the JSON-schema validation does not run (../shared/crds/README.md):
 * a Kustomization's kubeConfig names exactly one of configMapRef and secretRef; a GitRepository sets
 * serviceAccountName only with provider azure or aws.
 */
function celProblems(objects: readonly Obj[]): string[] {
  return objects.flatMap((o) => {
    if (o.kind === 'Kustomization' && o.spec?.kubeConfig !== undefined) {
      const refs = ['configMapRef', 'secretRef'].filter((r) => o.spec.kubeConfig[r] !== undefined);
      return refs.length === 1 ? [] : [`Kustomization ${o.metadata.name}: kubeConfig names ${refs.length} of configMapRef, secretRef`];
    }
    if (o.kind === 'GitRepository' && o.spec?.serviceAccountName !== undefined && !['azure', 'aws'].includes(o.spec.provider)) {
      return [`GitRepository ${o.metadata.name}: serviceAccountName without provider azure or aws`];
    }
    return [];
  });
}

const hubObjects = (files: Record<string, string>): Obj[] =>
  Object.keys(files)
    .filter((f) => f.startsWith(`hub${path.sep}`))
    .map((f) => parse(files[f]) as Obj);

describe('Delivery.flux', () => {
  const files = synthFlux();
  const hub = hubObjects(files);

  test('the hub output holds a GitRepository and a Kustomization per cluster, valid against Flux’s CRDs and their CEL rules', () => {
    expect(Object.keys(files).filter((f) => f.startsWith(`hub${path.sep}`))).toEqual([
      path.join('hub', '2-GitRepository.flux-system.fleet.k8s.yaml'),
      path.join('hub', '2-Kustomization.flux-system.fleet-localproda.k8s.yaml'),
      path.join('hub', '2-Kustomization.flux-system.fleet-prodc.k8s.yaml'),
    ]);
    expectValidAgainstSchemas(hub);
    expect(celProblems(hub)).toEqual([]);
  });

  test('the GitRepository reads the repository’s main branch', () => {
    const repo = hub.find((o) => o.kind === 'GitRepository') as Obj;
    expect(repo.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
    expect(repo.spec).toEqual({ url: repoURL, ref: { branch: 'main' }, interval: '5m' });
  });

  test('each cluster’s Kustomization prunes its folder and applies it with that cluster’s kubeconfig Secret', () => {
    const prodc = hub.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'fleet-prodc') as Obj;
    expect(prodc.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
    expect(prodc.spec).toEqual({
      interval: '5m',
      path: './dist/prodc',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
      kubeConfig: { secretRef: { name: 'prodc-kubeconfig' } },
    });
    const local = hub.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'fleet-localproda') as Obj;
    expect(local.spec.path).toBe('./dist/localproda');
    expect(local.spec.kubeConfig).toEqual({ secretRef: { name: 'localproda-kubeconfig' } });
  });

  test('each cluster folder holds the planned objects unchanged, with a kustomization.yaml listing them in wave order', () => {
    const direct = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
    const fleet = new ClusterSet(direct, 'fleet', { clusters: hybridClusters });
    for (const [id, options] of Object.entries(hybridServices)) new MultiClusterService(fleet, id, options);
    for (const folder of direct.render()) {
      for (const file of folder.files) expect(files[path.join(folder.folder, file.file)]).toBe(file.yaml);
      const k = parse(files[path.join(folder.folder, 'kustomization.yaml')]);
      expect(k).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: folder.files.map((f) => f.file).sort() });
    }
  });

  test('the kubeconfig Secret’s name, its key, the branch, path, namespace and interval are configurable', () => {
    const custom = hubObjects(
      synthFlux({ repoURL, branch: 'release', path: 'out/fleet/', namespace: 'gitops', interval: '1m30s', kubeConfigSecret: 'kc-{cluster}', kubeConfigSecretKey: 'value.yaml' }),
    );
    const prodc = custom.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'fleet-prodc') as Obj;
    expect(prodc.metadata.namespace).toBe('gitops');
    expect(prodc.spec).toMatchObject({ interval: '1m30s', path: './out/fleet/prodc', kubeConfig: { secretRef: { name: 'kc-prodc', key: 'value.yaml' } } });
    expect((custom.find((o) => o.kind === 'GitRepository') as Obj).spec.ref).toEqual({ branch: 'release' });
    expectValidAgainstSchemas(custom);
    expect(celProblems(custom)).toEqual([]);
  });

  test('props the CRDs would refuse are reported at synth, with the fix', () => {
    const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
    new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery: Delivery.flux({ repoURL: 'git@example.com:fleet.git', interval: 'often', kubeConfigSecret: 'shared' }) });
    expect(problemsOf(() => app.render())).toEqual([
        'fleet: Delivery.flux({ repoURL }): repoURL "git@example.com:fleet.git" must start with http://, https:// or ssh:// (Flux\'s GitRepository accepts no other); give the repository\'s URL',
        'fleet: Delivery.flux({ repoURL }): interval "often" is no Go duration; write it like "5m" or "1h30m"',
        'fleet: Delivery.flux({ repoURL }): kubeConfigSecret "shared" has no {cluster}, so every cluster would get the same kubeconfig; write it like "{cluster}-kubeconfig"',
    ]);
  });

  test('needs ClusterSetApp to write the kustomizations', () => {
    const plain = new App({ outdir: '/nonexistent-never-written' });
    new ClusterSet(plain, 'fleet', { clusters: hybridClusters, delivery: Delivery.flux({ repoURL }) });
    expect(() => plain.synth()).toThrow(/Delivery.flux\(\) writes kustomization.yaml into each cluster folder, which only ClusterSetApp does/);
  });

  test('the hybrid example’s Flux flavour (npm run synth:flux) points at dist/flux', () => {
    const example = hybridApp({ outdir: '/nonexistent-never-written' }, Delivery.flux({ repoURL, path: 'dist/flux' }));
    const folders = example.render().map((f) => f.folder);
    expect(folders).toEqual(['prodc', 'localproda', 'hub']);
  });
});
