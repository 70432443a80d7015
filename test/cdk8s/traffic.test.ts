// Least-privilege traffic through the cdk8s flavour: FleetGovernance and declared callers synthesized by
// ClusterSetApp (direct folders), read back from the rendered YAML as `kubectl apply -f dist/<cluster>/` would.
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { ActivePlacement, ClusterSet, ClusterSetApp, Delivery, FleetGovernance, type IDeliveryEngine, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { RouteModel } from '../../lib/cli/route-model';
import { modelClusters } from '../support/random-fleet';
import { expectCallGraphHonoured, type CallCounts, governedFleetArb, planGoverned } from '../support/governed-fleet';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

function rendered(app: ClusterSetApp): Record<string, Obj[]> {
  return Object.fromEntries(app.render().map((f) => [f.folder, f.files.flatMap((file) => parseAllDocuments(file.yaml).map((d) => d.toJS() as Obj))]));
}

describe('FleetGovernance traffic rules, synthesized', () => {
  const clusters = [
    { name: 'prodc', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a' } },
    { name: 'localproda', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', mesh: { network: 'net-b', trustDomain: 'local.example', federatedTrustDomains: ['cluster.local'] } },
  ];
  function program(delivery: IDeliveryEngine = Delivery.direct()): ClusterSetApp {
    const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
    const fleet = new ClusterSet(app, 'fleet', { clusters, delivery });
    const base = { namespace: 'shop', ports: [{ name: 'http', port: 8080 }] };
    new MultiClusterService(fleet, 'orders', {
      ...base,
      image: 'team/orders:1.0',
      callers: ['web'],
      placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })],
    });
    for (const name of ['web', 'report']) {
      new MultiClusterService(fleet, name, {
        ...base,
        image: `team/${name}:1.0`,
        podTemplate: { spec: { serviceAccountName: name } },
        externalDependencies: [{ kind: 'ServiceAccount', name }],
        placements: [new ActivePlacement({ clusters: ['localproda'] }), new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.ISTIO })],
      });
    }
    new FleetGovernance(fleet, 'guardrails', { namespaces: ['shop'], mesh: { strictMtls: true, authorizeCallers: true }, networkPolicies: { defaultDeny: true } });
    return app;
  }

  test('the declared caller reaches orders across clusters; an undeclared one of the same cluster is refused by identity', () => {
    const objects = rendered(program());
    const model = new RouteModel(modelClusters(clusters), objects);
    const call = (from: string) => model.check({ cluster: 'localproda', client: 'shop', from, namespace: 'shop', service: 'orders', port: 8080, protocol: 'TCP' });
    expect(call('web')).toMatchObject({ ok: true, reached: ['prodc/Deployment/orders:8080'] });
    // report runs in the same cluster as web: the ipBlock admits both, the AuthorizationPolicy only web's identity.
    expect(call('report').failures).toEqual([
      'orders.shop.svc:8080 from "localproda": AuthorizationPolicy orders-callers in "prodc" allows no local.example/ns/shop/sa/report to shop/orders',
    ]);
    const prodc = objects.prodc.filter((o) => /Policy|PeerAuthentication/.test(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(prodc.sort()).toEqual([
      'AuthorizationPolicy/orders-callers',
      'NetworkPolicy/clusterset-default-deny',
      'NetworkPolicy/orders-callers',
      'NetworkPolicy/report-same-namespace',
      'NetworkPolicy/web-same-namespace',
      'PeerAuthentication/clusterset-strict-mtls',
    ]);
    expectValidAgainstSchemas(Object.values(objects).flat());
  });

  test.each([
    ['Argo CD', Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' })],
    ['Flux', Delivery.flux({ repoURL: 'https://git.example.com/fleet.git' })],
  ])('the %s folders carry the same traffic objects as the direct ones', (_, delivery) => {
    const kinds = /^(NetworkPolicy|PeerAuthentication|AuthorizationPolicy)$/;
    const traffic = (objects: Record<string, Obj[]>) =>
      Object.fromEntries(Object.entries(objects).filter(([folder]) => clusters.some((c) => c.name === folder)).map(([folder, list]) => [folder, list.filter((o) => kinds.test(o.kind)).map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, spec: o.spec }))]));
    const direct = traffic(rendered(program()));
    expect(Object.values(direct).flat()).toHaveLength(12);
    expect(traffic(rendered(program(delivery)))).toEqual(direct);
  });

  test('over random fleets, the call graph holds in the rendered folders', () => {
    const counts: CallCounts = { declared: 0, refused: 0, routes: 0 };
    let planned = 0;
    fc.assert(
      fc.property(governedFleetArb, (random) => {
        const plan = planGoverned(random);
        if (!plan) return;
        planned++;
        const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
        const fleet = new ClusterSet(app, 'fleet', { clusters: random.clusters });
        for (const s of random.specs) new MultiClusterService(fleet, s.name, { ...s.options, name: s.name });
        random.governance.forEach((g, i) => new FleetGovernance(fleet, `governance${i}`, g));
        expectCallGraphHonoured(random, plan, rendered(app), counts);
      }),
      { numRuns: Number(process.env.CDK8S_ROUTE_RUNS ?? 60) },
    );
    expect(planned).toBeGreaterThan(10);
    expect(counts.declared).toBeGreaterThan(0);
  });
});
