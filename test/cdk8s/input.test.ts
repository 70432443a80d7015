import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, YamlOutputType } from 'cdk8s';
import { ClusterSet, ClusterSetApp, Delivery, MultiClusterService } from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { appA, problemsOf, twoClusters } from '../support/fleet';
import { ClusterSetValidationError } from '../../lib/core/errors';

describe('the cdk8s constructs given malformed props', () => {
  let dirs: string[] = [];
  const outdir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return path.join(d, 'dist');
  };
  afterEach(() => {
    dirs.forEach(removeDir);
    dirs = [];
  });

  /** Builds a fleet with `build` in a ClusterSetApp writing to a fresh folder; the problems of its synth, and what it wrote. */
  function synthProblems(build: (app: App) => void, makeApp: (dir: string) => App = (dir) => new ClusterSetApp({ outdir: dir })) {
    const dir = outdir('input');
    const app = makeApp(dir);
    build(app);
    const problems = problemsOf(() => app.synth());
    return { problems, files: readTree(dir), exists: fs.existsSync(dir) };
  }

  test('constructors accept anything; app.synth() throws a ClusterSetValidationError and writes nothing', () => {
    const { problems, files, exists } = synthProblems((app) => {
      const fleet = new ClusterSet(app, 'fleet', null as never);
      new MultiClusterService(fleet, 'app-a', 'app-a' as never);
    });
    expect(problems).toEqual([
      'fleet: clusters must be a list of clusters such as [{ name, serviceCidr, podCidr }], got undefined',
      'fleet/app-a: props must be an object such as { image, ports, placements }, got the string "app-a"',
      'fleet: props must be an object such as { clusters: [...] }, got null',
    ]);
    expect(files).toEqual({});
    expect(exists).toBe(false);
  });

  test('props that keep their content outside their fields (a Map) are refused, not read as empty', () => {
    const { problems } = synthProblems((app) => {
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new MultiClusterService(fleet, 'app-a', new Map(Object.entries(appA())) as never);
    });
    expect(problems).toEqual(['fleet/app-a: props must be an object, got an instance of Map']);
  });

  test('a fleet whose clusters are not a list has no chart, and is still checked', () => {
    const { problems, exists } = synthProblems((app) => {
      new ClusterSet(app, 'fleet', { clusters: 'prodc' as never });
    });
    expect(problems).toEqual(['fleet: clusters must be a list of clusters such as [{ name, serviceCidr, podCidr }], got the string "prodc"']);
    expect(exists).toBe(false);
  });

  test('the fleet’s own props are checked: delivery must be an engine', () => {
    const { problems } = synthProblems((app) => {
      new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: 'ArgoCD' as never });
    });
    expect(problems).toEqual([
      'fleet: delivery must be a delivery engine made by a Delivery factory such as Delivery.direct() ' +
        '(an IDeliveryEngine: name, clusterFolders, hubObjects, keepsClusterIPs, deliver()), got the string "ArgoCD"',
    ]);
  });

  test('the built-in engines’ props are checked at synth: Argo CD, KubeVela', () => {
    const argo = synthProblems((app) => {
      new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: Delivery.argoCd({ repoUrl: 'x' } as never) });
    });
    expect(argo.problems).toEqual([
      'fleet: Delivery.argoCd({ repoURL }): unknown field "repoUrl" (did you mean "repoURL"?)',
      'fleet: Delivery.argoCd({ repoURL }): repoURL is required; give the Git repository holding the synthesized output',
    ]);
    const vela = synthProblems((app) => {
      new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: Delivery.kubeVela({ shared: 'yes' } as never) });
    });
    expect(vela.problems).toEqual(['fleet: Delivery.kubeVela(): shared must be true or false, got the string "yes"']);
  });

  test('a plain cdk8s App throws the ClusterSetValidationError itself, not cdk8s’s wrapped Error, and writes no file', () => {
    const { problems, files } = synthProblems(
      (app) => {
        const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
        new MultiClusterService(fleet, 'app-a', { ...appA(), replicas: '3' as never });
      },
      (dir) => new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_CHART }),
    );
    expect(problems).toEqual(['fleet/app-a: replicas must be a whole number, got the string "3"']);
    expect(files).toEqual({});
  });

  test('two fleets in one app are reported together', () => {
    const { problems } = synthProblems((app) => {
      const clusters = twoClusters();
      new MultiClusterService(new ClusterSet(app, 'one', { clusters: [clusters[0]] }), 'a', { ...appA(), image: 1 as never });
      new MultiClusterService(new ClusterSet(app, 'two', { clusters: [clusters[1]] }), 'b', { ...appA(), replica: 1 } as never);
    });
    expect(problems).toEqual(['one/a: image must be a string, got the number 1', 'two/b: unknown field "replica" (did you mean "replicas"?)']);
  });

  test('a clusterSet that is not a ClusterSet is refused at once', () => {
    const app = new App();
    expect(() => new MultiClusterService(app, 'app-a', { ...appA(), clusterSet: 'fleet' as never })).toThrow(ClusterSetValidationError);
    expect(problemsOf(() => new MultiClusterService(app, 'app-b', { ...appA(), clusterSet: {} as never }))).toEqual(['app-b: clusterSet must be a ClusterSet, got an object {}']);
  });
});
