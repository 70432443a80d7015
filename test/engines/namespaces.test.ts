// Declared Namespaces reach the clusters that hold their services in every engine's output.
import { ActivePlacement, ClusterSet, ClusterSetApp, Delivery, MultiClusterService, type MultiClusterServiceOptions, type NamespaceProps } from '../../lib';
import { appA, twoClusters } from '../support/fleet';
import { removeDir, tempDir } from '../support/files';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const SHOP: NamespaceProps = {
  name: 'shop',
  labels: { 'istio-injection': 'enabled', 'pod-security.kubernetes.io/enforce': 'restricted' },
  annotations: { 'example.com/team': 'checkout' },
};
const SHOP_LABELS = { ...SHOP.labels, 'app.kubernetes.io/managed-by': 'clusterset' };

/** app-a in `shop` (active in prodc, placeholder in localproda) and app-c in `other`, in prodc only. */
const SERVICES: Record<string, MultiClusterServiceOptions> = {
  'app-a': { ...appA(), namespace: 'shop' },
  'app-c': { ...appA(), name: 'app-c', namespace: 'other', placements: [new ActivePlacement({ clusters: ['prodc'] })] },
};

type Engine = 'direct' | 'argoCd' | 'kubeVela' | 'karmada';

const engineOf = (engine: Engine) =>
  engine === 'argoCd' ? Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' }) : engine === 'kubeVela' ? Delivery.kubeVela() : engine === 'karmada' ? Delivery.karmada() : Delivery.direct();

/** Each chart's objects, by chart name, for a fleet delivered by `engine`. */
function synth(engine: Engine, namespaces?: NamespaceProps[]): Record<string, Obj[]> {
  const app = new ClusterSetApp({ outdir: tempDir('ns') });
  try {
    const fleet = new ClusterSet(app, 'fleet', {
      clusters: twoClusters(),
      delivery: engineOf(engine),
      ...(namespaces ? { namespaces } : {}),
    });
    for (const [id, options] of Object.entries(SERVICES)) new MultiClusterService(fleet, id, options);
    app.render();
    return Object.fromEntries(app.charts.map((c) => [c.node.id, c.toJson() as Obj[]]));
  } finally {
    removeDir(app.outdir);
  }
}

/** What each cluster ends up holding: the cluster charts as they are, or what the hub engine delivers. */
function delivered(delivery: Engine, namespaces?: NamespaceProps[]): Record<string, Obj[]> {
  const charts = synth(delivery, namespaces);
  if (delivery === 'kubeVela' || delivery === 'karmada') {
    const result = delivery === 'kubeVela' ? deliverKubeVela(charts.hub, twoClusters()) : propagateKarmada(charts.hub, twoClusters());
    expect(result.problems).toEqual([]);
    expectValidAgainstSchemas(charts.hub);
    return result.objects;
  }
  const { hub: _hub, ...clusters } = charts;
  return clusters;
}

const namespace = (objects: readonly Obj[], name: string) => objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);

describe.each<Engine>(['direct', 'argoCd', 'kubeVela', 'karmada'])('declared namespaces through %s', (delivery) => {
  const clusters = delivered(delivery, [SHOP]);

  test('the declared Namespace reaches both clusters of its service with its labels and annotations', () => {
    for (const cluster of ['prodc', 'localproda']) {
      const shop = namespace(clusters[cluster], 'shop');
      // KubeVela adds its own app.oam.dev labels to what it deploys.
      expect(shop?.metadata.labels).toMatchObject(SHOP_LABELS);
      expect(shop?.metadata.annotations).toMatchObject(SHOP.annotations ?? {});
      expectValidAgainstSchemas([shop ?? {}]);
    }
  });

  test('an undeclared Namespace keeps no labels but clusterset\'s own', () => {
    const other = namespace(clusters.prodc, 'other');
    // KubeVela creates a bare Namespace itself when it deploys a service there.
    if (delivery !== 'kubeVela') expect(other?.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'clusterset' });
  });

  test('the services still arrive next to it', () => {
    expect(clusters.prodc.some((o) => o.kind === 'Service' && o.metadata.namespace === 'shop' && o.metadata.name === 'app-a')).toBe(true);
  });
});

describe('only the engines that place per cluster keep the Namespace off clusters without its services', () => {
  test.each<Engine>(['direct', 'argoCd', 'kubeVela'])('%s: `other` only in prodc', (delivery) => {
    const clusters = delivered(delivery, [SHOP, { name: 'other', labels: { team: 'b' } }]);
    expect(namespace(clusters.prodc, 'other')?.metadata.labels).toMatchObject({ team: 'b', 'app.kubernetes.io/managed-by': 'clusterset' });
    expect(namespace(clusters.localproda, 'other')).toBeUndefined();
  });
});

describe('KubeVela carries a declared Namespace by an Application of its own', () => {
  test('one per declared Namespace, none without', () => {
    const apps = (hub: Obj[]) => hub.filter((o) => o.kind === 'Application').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(apps(synth('kubeVela').hub).filter((a) => a.endsWith('clusterset.namespace'))).toEqual([]);
    const declared = synth('kubeVela', [SHOP]).hub;
    expect(apps(declared)).toContain('shop/clusterset.namespace');
    expect(apps(declared).filter((a) => a.endsWith('clusterset.namespace'))).toEqual(['shop/clusterset.namespace']);
  });
});
