import { ActivePlacement, type FleetPlan, type MultiClusterServiceOptions, type NamespaceProps, OwnerKind } from '../../lib';
import { appA, objectsIn, problemsOf, twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';
import { planFleet } from '../../lib/core/plan';

const SHOP: NamespaceProps = {
  name: 'shop',
  labels: { 'istio-injection': 'enabled', 'pod-security.kubernetes.io/enforce': 'restricted' },
  annotations: { 'example.com/team': 'checkout' },
};

/** app-a in `shop`, active in prodc and placeholder in localproda; app-b in `shop` too, in prodc only; app-c in `other`. */
function services(): Record<string, MultiClusterServiceOptions> {
  return {
    'app-a': { ...appA(), namespace: 'shop' },
    'app-b': { ...appA(), name: 'app-b', namespace: 'shop', placements: [new ActivePlacement({ clusters: ['prodc'] })] },
    'app-c': { ...appA(), name: 'app-c', namespace: 'other', placements: [new ActivePlacement({ clusters: ['prodc'] })] },
  };
}

function planned(namespaces: unknown, options = services()): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters: twoClusters(),
    services: Object.entries(options).map(([name, o]) => ({ path: `fleet/${name}`, name, options: o })),
    namespaces: namespaces as NamespaceProps[],
  });
}

const namespacesIn = (plan: FleetPlan, cluster: string) => objectsIn(plan, cluster).filter((m) => m.kind === 'Namespace');

describe('declared namespaces', () => {
  test('a declared Namespace carries its labels and annotations, and clusterset keeps its managed-by label', () => {
    const plan = planned([SHOP]);
    const shop = namespacesIn(plan, 'prodc').find((m) => m.metadata.name === 'shop');
    expect(shop).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: { 'istio-injection': 'enabled', 'pod-security.kubernetes.io/enforce': 'restricted', 'app.kubernetes.io/managed-by': 'clusterset' },
        annotations: { 'example.com/team': 'checkout' },
      },
    });
    expectValidAgainstSchemas(plan.clusters.flatMap((c) => c.objects.map((o) => o.manifest)));
  });

  test('it is placed in every cluster holding one of its services, and only there; undeclared ones stay bare', () => {
    const plan = planned([SHOP, { name: 'unused', labels: { a: 'b' } }]);
    expect(namespacesIn(plan, 'prodc').map((m) => m.metadata.name)).toEqual(['other', 'shop']);
    expect(namespacesIn(plan, 'localproda').map((m) => m.metadata.name)).toEqual(['shop']);
    expect(namespacesIn(plan, 'localproda')[0].metadata.labels).toHaveProperty('istio-injection', 'enabled');
    expect(namespacesIn(plan, 'prodc').find((m) => m.metadata.name === 'other')?.metadata).toEqual({ name: 'other', labels: { 'app.kubernetes.io/managed-by': 'clusterset' } });
  });

  test('without declared namespaces the plan is what it was', () => {
    expect(JSON.stringify(planned([]))).toBe(JSON.stringify(planned(undefined)));
  });

  test('every object has an owner: its service, or its Namespace', () => {
    const plan = planned([SHOP]);
    const [prodc] = plan.clusters.filter((c) => c.cluster === 'prodc');
    const owners = prodc.objects.map((o) => o.owner);
    for (const o of prodc.objects) {
      if (o.manifest.kind === 'Namespace') expect(o.owner).toEqual({ kind: OwnerKind.NAMESPACE, name: o.manifest.metadata.name });
      else expect(o.owner).toEqual({ kind: OwnerKind.SERVICE, name: o.servicePath });
    }
    expect(new Set(owners.map((o) => o.kind))).toEqual(new Set([OwnerKind.NAMESPACE, OwnerKind.SERVICE]));
  });
});

describe('declared namespace checks', () => {
  test.each([
    [[{ name: 'kube-system', labels: { a: 'b' } }], 'fleet/namespaces[0]: name "kube-system" is a Namespace Kubernetes creates itself, which clusterset does not own'],
    [[{ name: 'default' }], 'fleet/namespaces[0]: name "default" is a Namespace Kubernetes creates itself'],
    [[{ name: 'Shop' }], 'fleet/namespaces[0]: name "Shop" must be a DNS-1123 label'],
    [[SHOP, { name: 'shop' }], 'fleet/namespaces[1]: name "shop" is declared twice; merge its labels and annotations into one entry'],
    [[{ name: 'shop', labels: { 'bad key!': 'x' } }], 'fleet/namespaces[0]: labels key "bad key!": name part must be'],
    [[{ name: 'shop', labels: { team: 'not valid' } }], 'fleet/namespaces[0]: labels value "not valid" of "team" must be at most 63 characters'],
    [[{ name: 'shop', annotations: { '-x': 'any value at all' } }], 'fleet/namespaces[0]: annotations key "-x": name part must be'],
    [[{ name: 'shop', labels: { 'app.kubernetes.io/managed-by': 'me' } }], 'fleet/namespaces[0]: labels sets "app.kubernetes.io/managed-by", which clusterset sets itself'],
  ])('%j is refused', (namespaces, message) => {
    const problems = problemsOf(() => planned(namespaces));
    expect(problems.some((p) => p.startsWith(message))).toBe(true);
  });

  test.each([
    ['shop', 'fleet: namespaces must be a list such as'],
    [[42], 'fleet/namespaces[0]: a Namespace must be an object such as'],
    [[{ labels: {} }], 'fleet/namespaces[0]: name is required'],
    [[{ name: 'shop', labels: { a: 1 } }], 'fleet/namespaces[0]: labels["a"] must be a string, got the number 1'],
    [[{ name: 'shop', label: { a: 'b' } }], 'fleet/namespaces[0]: unknown field "label" (did you mean "labels"?)'],
  ])('the shape of %j is checked at runtime', (namespaces, message) => {
    const problems = problemsOf(() => planned(namespaces));
    expect(problems.join('\n')).toContain(message);
  });
});
