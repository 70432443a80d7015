// A service's own traffic rules (its NetworkPolicy and AuthorizationPolicy, owned by the service) reach the
// clusters holding it through the hub engines, as its other objects do.
import { ActivePlacement, ClusterSet, ClusterSetApp, Delivery, FleetGovernance, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { appA, twoClusters } from '../support/fleet';
import { removeDir, tempDir } from '../support/files';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';

type Obj = Record<string, any>;

function members(engine: 'kubeVela' | 'karmada'): Record<string, Obj[]> {
  const app = new ClusterSetApp({ outdir: tempDir('traffic') });
  try {
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: engine === 'kubeVela' ? Delivery.kubeVela() : Delivery.karmada() });
    new MultiClusterService(fleet, 'app-a', { ...appA(Networking.ISTIO), callers: ['web'] });
    new MultiClusterService(fleet, 'web', {
      ...appA(Networking.ISTIO),
      name: 'web',
      placements: [new ActivePlacement({ clusters: ['localproda'] }), new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.ISTIO })],
    });
    new FleetGovernance(fleet, 'guardrails', { namespaces: ['ns'], mesh: { authorizeCallers: true }, networkPolicies: {} });
    app.render();
    const hub = app.charts.find((c) => c.node.id === 'hub')?.toJson() as Obj[];
    const result = engine === 'kubeVela' ? deliverKubeVela(hub, twoClusters()) : propagateKarmada(hub, twoClusters());
    expect(result.problems).toEqual([]);
    return result.objects;
  } finally {
    removeDir(app.outdir);
  }
}

describe.each(['kubeVela', 'karmada'] as const)('through %s', (engine) => {
  test('each cluster holding app-a receives its NetworkPolicy and AuthorizationPolicy', () => {
    const delivered = members(engine);
    for (const cluster of ['prodc', 'localproda']) {
      const rules = delivered[cluster].filter((o) => o.metadata?.name === 'app-a-callers').map((o) => o.kind).sort();
      expect(rules).toEqual(['AuthorizationPolicy', 'NetworkPolicy']);
    }
  });
});
