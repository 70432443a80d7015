import { ApiObject, App } from 'cdk8s';
import { ClusterSet, MultiClusterService } from '../../lib';
import { appA, problemsOf, twoClusters } from '../support/fleet';

/** A fleet with app-a in `shop` and, in prodc's chart, a Namespace added by hand. */
function synthWithHandNamespace(name: string): { readonly problems: readonly string[]; readonly prodc: () => Array<Record<string, any>> } {
  const app = new App();
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), namespaces: [{ name: 'shop', labels: { team: 'a' } }] });
  new MultiClusterService(fleet, 'app-a', { ...appA(), namespace: 'shop' });
  new ApiObject(fleet.chart('prodc'), 'mine', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: 'b' } } });
  return { problems: problemsOf(() => app.synth()), prodc: () => fleet.chart('prodc').toJson() as Array<Record<string, any>> };
}

describe('a Namespace added by hand to a cluster chart', () => {
  test('is refused when clusterset writes that Namespace there too, naming the object and the fix', () => {
    expect(synthWithHandNamespace('shop').problems).toEqual([
      `prodc/mine: Namespace "shop" was added by hand to the chart of cluster "prodc", where clusterset writes it too; ` +
        `remove it and declare its labels and annotations on the fleet (fleet): namespaces: [{ name: 'shop', labels: { ... } }]`,
    ]);
  });

  test('is kept, once, when clusterset does not write that Namespace', () => {
    const fleet = synthWithHandNamespace('tools');
    expect(fleet.problems).toEqual([]);
    expect(fleet.prodc().filter((o) => o.kind === 'Namespace').map((o) => `${o.metadata.name} ${o.metadata.labels.team ?? ''}`).sort()).toEqual(['shop a', 'tools b']);
  });
});
