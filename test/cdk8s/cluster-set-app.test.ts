import * as path from 'node:path';
import { ApiObject, App, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { addHybridServices, hybridApp } from '../../examples/hybrid/app';
import { ActivePlacement, ClusterSet, ClusterSetApp, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { appA, twoClusters } from '../support/fleet';

/** Synthesizes the hybrid example into a fresh directory and returns its files. */
function synthHybrid(outdir: string, makeApp?: (dir: string) => App): Record<string, string> {
  if (makeApp) {
    const app = makeApp(outdir);
    addHybridServices(new ClusterSet(app, 'fleet', { clusters: twoClusters() }));
    app.synth();
  } else {
    hybridApp({ outdir }).synth();
  }
  return readTree(outdir);
}

describe('ClusterSetApp folder output', () => {
  let dirs: string[] = [];
  const dir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    dirs.forEach(removeDir);
    dirs = [];
  });

  test('one folder per cluster, Namespaces sorting first, one object per file', () => {
    const files = synthHybrid(dir('folders'));
    expect(Object.keys(files)).toEqual([
      'clusterset.plan.json',
      'localproda/0-Namespace.ns.k8s.yaml',
      'localproda/1-Deployment.ns.app-a.k8s.yaml',
      'localproda/1-Deployment.ns.app-b.k8s.yaml',
      'localproda/1-Service.ns.app-a.k8s.yaml',
      'localproda/1-Service.ns.app-b.k8s.yaml',
      'localproda/2-ServiceEntry.ns.external-app-a.k8s.yaml',
      'localproda/2-ServiceExport.ns.app-b.k8s.yaml',
      'localproda/2-VirtualService.ns.app-a-cross-cluster.k8s.yaml',
      'prodc/0-Namespace.ns.k8s.yaml',
      'prodc/1-Deployment.ns.app-a.k8s.yaml',
      'prodc/1-Deployment.ns.app-b.k8s.yaml',
      'prodc/1-Service.ns.app-a.k8s.yaml',
      'prodc/1-Service.ns.app-b.k8s.yaml',
      'prodc/2-EndpointSlice.ns.app-b-localproda.k8s.yaml',
      'prodc/2-PodDisruptionBudget.ns.app-a.k8s.yaml',
      'prodc/2-ServiceExport.ns.app-a.k8s.yaml',
    ]);
    for (const content of Object.values(files)) expect(parseAllDocuments(content)).toHaveLength(1);
  });

  test('the hybrid example synthesizes to the same bytes every time', () => {
    const first = synthHybrid(dir('first'));
    const second = synthHybrid(dir('second'));
    expect(second).toEqual(first);
    expect(first).toMatchSnapshot();
  });

  test('a failing synth writes nothing', () => {
    const outdir = path.join(dir('failing'), 'dist');
    const app = new ClusterSetApp({ outdir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
    addHybridServices(fleet);
    new MultiClusterService(fleet, 'broken', { ...appA(), placements: [new ActivePlacement({ clusters: ['nope'] })] });
    expect(() => app.synth()).toThrow(/fleet\/broken: placements\[0\] \(active\) selects cluster "nope"/);
    expect(readTree(outdir)).toEqual({});
  });

  test('a service removed from the program leaves no stale file behind', () => {
    const outdir = dir('stale');
    synthHybrid(outdir);
    const app = new ClusterSetApp({ outdir });
    new MultiClusterService(new ClusterSet(app, 'fleet', { clusters: twoClusters() }), 'app-a', appA());
    app.synth();
    expect(Object.keys(readTree(outdir)).filter((f) => f.includes('app-b'))).toEqual([]);
  });

  test('equal names in two namespaces get two files', () => {
    const outdir = dir('namespaces');
    const app = new ClusterSetApp({ outdir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
    new MultiClusterService(fleet, 'api-one', { ...appA(), name: 'api', namespace: 'team-a' });
    new MultiClusterService(fleet, 'api-two', { ...appA(), name: 'api', namespace: 'team-b' });
    app.synth();
    const prodc = Object.keys(readTree(outdir)).filter((f) => f.startsWith('prodc/1-Service'));
    expect(prodc).toEqual(['prodc/1-Service.team-a.api.k8s.yaml', 'prodc/1-Service.team-b.api.k8s.yaml']);
  });
});

describe('with a plain cdk8s App', () => {
  test('the default App writes one file per cluster, Namespaces first', () => {
    const outdir = tempDir('plain');
    try {
      const files = synthHybrid(outdir, (d) => new App({ outdir: d }));
      expect(Object.keys(files)).toEqual(['localproda.k8s.yaml', 'prodc.k8s.yaml']);
      const kinds = parseAllDocuments(files['prodc.k8s.yaml']).map((d) => d.get('kind'));
      expect(kinds).toEqual(['Namespace', 'Deployment', 'Service', 'Deployment', 'Service', 'ServiceExport', 'EndpointSlice']);
    } finally {
      removeDir(outdir);
    }
  });

  test('objects added by hand come after the Namespaces in the file', () => {
    const outdir = tempDir('plain-extra');
    try {
      const app = new App({ outdir });
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new ApiObject(fleet.chart('prodc'), 'quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' } });
      new MultiClusterService(fleet, 'app-a', appA());
      app.synth();
      const kinds = parseAllDocuments(readTree(outdir)['prodc.k8s.yaml']).map((d) => d.get('kind'));
      expect(kinds[0]).toBe('Namespace');
      expect(kinds).toContain('ResourceQuota');
    } finally {
      removeDir(outdir);
    }
  });

  test.each([
    ['App', YamlOutputType.FILE_PER_RESOURCE],
    ['App', YamlOutputType.FILE_PER_APP],
    ['ClusterSetApp', YamlOutputType.FILE_PER_RESOURCE],
  ])('%s with layout %s, which mixes clusters, is refused', (kind, yamlOutputType) => {
    const app = kind === 'App' ? new App({ outdir: tempDir('mixed'), yamlOutputType }) : new ClusterSetApp({ outdir: tempDir('mixed'), yamlOutputType });
    try {
      new MultiClusterService(new ClusterSet(app, 'fleet', { clusters: twoClusters() }), 'app-a', appA());
      expect(() => app.synth()).toThrow(/writes every cluster into one/);
    } finally {
      removeDir(app.outdir);
    }
  });

  test('cdk8s folder output refuses names that would overwrite each other', () => {
    const app = new App({ outdir: tempDir('collide'), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new MultiClusterService(fleet, 'api-one', { ...appA(), name: 'api', namespace: 'team-a' });
      new MultiClusterService(fleet, 'api-two', { ...appA(), name: 'api', namespace: 'team-b' });
      expect(() => app.synth()).toThrow(/would both be written to prodc\/Deployment.api.k8s.yaml .* use ClusterSetApp/);
    } finally {
      removeDir(app.outdir);
    }
  });

  test('an App from a second copy of cdk8s is refused rather than left unchecked', () => {
    // A fresh module registry loads cdk8s (and constructs) again: a second copy, as a nested install would.
    let other: { App: typeof App; YamlOutputType: typeof YamlOutputType } | undefined;
    jest.isolateModules(() => {
      other = require('cdk8s');
    });
    if (!other) throw new Error('no second copy of cdk8s was loaded');
    expect(other.App).not.toBe(App);
    const app = new other.App({ outdir: tempDir('two-copies'), yamlOutputType: other.YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new MultiClusterService(fleet, 'api-one', { ...appA(), name: 'api', namespace: 'team-a' });
      new MultiClusterService(fleet, 'api-two', { ...appA(), name: 'api', namespace: 'team-b' });
      expect(() => app.synth()).toThrow(/the app is a cdk8s App from another copy of cdk8s than clusterset's.*`npm ls cdk8s constructs`/);
    } finally {
      removeDir(app.outdir);
    }
  });
});

describe('ClusterSet construct', () => {
  test('a cluster chart takes objects of your own next to the planned ones', () => {
    const app = new ClusterSetApp({ outdir: tempDir('extra') });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new MultiClusterService(fleet, 'app-a', appA());
      expect(fleet.chart('prodc').node.id).toBe('prodc');
      expect(() => fleet.chart('mars')).toThrow('fleet: no cluster "mars" in this ClusterSet (known: prodc, localproda)');
      const objects = fleet.chart('prodc').toJson() as Array<{ kind: string }>;
      expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'ServiceExport']);
    } finally {
      removeDir(app.outdir);
    }
  });

  test('a service finds its fleet through its scopes, or takes it as a prop', () => {
    const app = new App({ outdir: tempDir('scope') });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      const viaProp = new MultiClusterService(app, 'app-b', {
        ...appA(Networking.EXTERNAL_NAME),
        clusterSet: fleet,
        placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.EXTERNAL_NAME })],
      });
      expect(viaProp.clustersetHost).toBe('app-b.ns.svc.clusterset.local');
      expect(() => new MultiClusterService(app, 'orphan', appA())).toThrow('orphan: a MultiClusterService needs a ClusterSet');
      expect(fleet.plan().services.map((s) => s.path)).toEqual(['app-b']);
    } finally {
      removeDir(app.outdir);
    }
  });

  test('two ClusterSets cannot own the same cluster in one app', () => {
    const app = new App({ outdir: tempDir('twice') });
    try {
      new ClusterSet(app, 'one', { clusters: twoClusters() });
      expect(() => new ClusterSet(app, 'two', { clusters: twoClusters() })).toThrow(/cluster "prodc" needs the chart id "prodc"/);
    } finally {
      removeDir(app.outdir);
    }
  });
});
