import { App, JsonPatch } from 'cdk8s';
import { ClusterSet, ClusterSetApp, Delivery, MultiClusterService } from '../../lib';
import { appA, twoClusters } from '../support/fleet';
import { ClusterSetValidationError } from '../../lib/core/errors';

function fleetWithAppA(delivery = Delivery.direct()): { app: App; fleet: ClusterSet; service: MultiClusterService } {
  const app = new App();
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery });
  const service = new MultiClusterService(fleet, 'app-a', appA());
  return { app, fleet, service };
}

const objectsOf = (fleet: ClusterSet, cluster: string) => fleet.chart(cluster).toJson() as Array<Record<string, any>>;

describe('cdk8s addJsonPatch on what clusterset writes', () => {
  test("a service's patch reaches its Deployment's YAML in that cluster only", () => {
    const { fleet, service } = fleetWithAppA();
    service.addJsonPatch('prodc', 'Deployment', JsonPatch.add('/spec/template/spec/priorityClassName', 'critical'), JsonPatch.add('/spec/minReadySeconds', 5));
    const prodc = objectsOf(fleet, 'prodc').find((o) => o.kind === 'Deployment');
    expect(prodc?.spec.template.spec.priorityClassName).toBe('critical');
    expect(prodc?.spec.minReadySeconds).toBe(5);
    const other = objectsOf(fleet, 'localproda').find((o) => o.kind === 'Deployment');
    expect(other?.spec.template.spec.priorityClassName).toBeUndefined();
  });

  test('the patch is in the YAML files ClusterSetApp writes', () => {
    const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
    new MultiClusterService(fleet, 'app-a', appA()).addJsonPatch('prodc', 'Deployment', JsonPatch.add('/spec/template/spec/priorityClassName', 'critical'));
    const files = app.render().find((f) => f.folder === 'prodc')?.files ?? [];
    expect(files.find((f) => f.file.includes('Deployment'))?.yaml).toContain('priorityClassName: critical');
  });

  test('the fleet patches any object it writes, Namespaces and networking objects included', () => {
    const { fleet } = fleetWithAppA();
    fleet.addJsonPatch({ cluster: 'localproda', kind: 'ServiceEntry', name: 'external-app-a' }, JsonPatch.add('/metadata/annotations', { a: 'b' }));
    fleet.addJsonPatch({ cluster: 'prodc', kind: 'Namespace', name: 'ns', apiVersion: 'v1' }, JsonPatch.add('/metadata/labels/team', 'a'));
    expect(objectsOf(fleet, 'localproda').find((o) => o.kind === 'ServiceEntry')?.metadata.annotations).toEqual({ a: 'b' });
    expect(objectsOf(fleet, 'prodc').find((o) => o.kind === 'Namespace')?.metadata.labels.team).toBe('a');
  });

  test("a hub engine's objects are patched through ClusterSet.HUB", () => {
    const app = new App();
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: Delivery.karmada() });
    new MultiClusterService(fleet, 'app-a', appA());
    fleet.addJsonPatch({ cluster: ClusterSet.HUB, kind: 'Deployment', name: 'app-a', namespace: 'ns' }, JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
    const hub = app.charts.find((c) => c.node.id === ClusterSet.HUB)?.toJson() as Array<Record<string, any>>;
    expect(hub.find((o) => o.kind === 'Deployment')?.metadata.annotations).toEqual({ patched: 'yes' });
  });

  test('a target that matches nothing is a synth error naming what is there', () => {
    const { fleet, service } = fleetWithAppA();
    service.addJsonPatch('prodc', 'StatefulSet', JsonPatch.remove('/spec/replicas'));
    fleet.addJsonPatch({ cluster: 'nowhere', kind: 'Deployment', name: 'app-a' }, JsonPatch.remove('/spec/replicas'));
    let problems: string[] = [];
    try {
      objectsOf(fleet, 'prodc');
    } catch (error) {
      problems = error instanceof ClusterSetValidationError ? error.problems : [String(error)];
    }
    expect(problems).toEqual([
      expect.stringContaining('fleet: addJsonPatch targets Deployment app-a in cluster "nowhere", but there is no such chart (charts: prodc, localproda)'),
      'fleet/app-a: addJsonPatch targets StatefulSet ns/app-a in cluster "prodc", which clusterset does not write there (it writes no StatefulSet); fix the target',
    ]);
  });
});
