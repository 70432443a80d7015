// Who calls whom (issue 12 §1) and least-privilege traffic (§4): the call graph, NetworkPolicies, STRICT mTLS and
// AuthorizationPolicies of governed namespaces, and the checks behind them.
import { ActivePlacement, type ClusterProps, type FleetPlan, type GovernanceProps, type MigrationProps, MigrationPhase, type MultiClusterServiceOptions, Networking, OwnerKind, PlaceholderPlacement } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { problemsOf } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';

/** a and b run Istio (b's trust domain federates a's), c runs none; pod ranges apart. */
function clusters(overrides: Record<string, Partial<ClusterProps>> = {}): ClusterProps[] {
  const base: ClusterProps[] = [
    { name: 'a', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a' } },
    { name: 'b', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', mesh: { network: 'net-b', trustDomain: 'b.example', federatedTrustDomains: ['cluster.local'] } },
    { name: 'c', serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16' },
  ];
  return base.map((c) => ({ ...c, ...overrides[c.name] }));
}

/** A service in shop; its placeholders use ISTIO in the mesh clusters a and b, ENDPOINT_SLICE in c, unless `networking` says. */
function svc(active: string[], placeholders: string[], extra: Partial<MultiClusterServiceOptions> = {}, networking?: Networking): MultiClusterServiceOptions {
  const modeOf = (c: string) => networking ?? (c === 'c' ? Networking.ENDPOINT_SLICE : Networking.ISTIO);
  return {
    namespace: 'shop',
    image: 'team/app:1.0',
    ports: [{ name: 'http', port: 8080, targetPort: 9090 }],
    placements: [new ActivePlacement({ clusters: active }), ...placeholders.map((c) => new PlaceholderPlacement({ clusters: [c], networking: modeOf(c) }))],
    ...extra,
  };
}

function planOf(services: Record<string, MultiClusterServiceOptions>, governance: GovernanceProps[] = [], fleet = clusters(), migrations: MigrationProps[] = []): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters: fleet,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
    governance: governance.map((props, i) => ({ path: `fleet/governance${i}`, props })),
    migrations: migrations.map((props, i) => ({ path: `fleet/migration${i}`, props })),
  });
}

const objects = (p: FleetPlan, c: string) => p.clusters.find((x) => x.cluster === c)?.objects ?? [];
const manifests = (p: FleetPlan, c: string) => objects(p, c).map((o) => o.manifest as Record<string, any>);
const get = (p: FleetPlan, c: string, kind: string, name: string): any => manifests(p, c).find((m) => m.kind === kind && m.metadata.name === name);
const everything = (p: FleetPlan) => p.clusters.flatMap((c) => c.objects.map((o) => o.manifest));

/** orders in a (placeholder in b), called by web (active in b, placeholder in a) and by ops/admin in c. */
const shopServices = (extra: Partial<MultiClusterServiceOptions> = {}): Record<string, MultiClusterServiceOptions> => ({
  orders: svc(['a'], ['b', 'c'], { callers: ['web', 'ops/admin'], ...extra }),
  web: svc(['b'], ['a'], { podTemplate: { spec: { serviceAccountName: 'web' } }, externalDependencies: [{ kind: 'ServiceAccount', name: 'web' }] }),
  admin: svc(['c'], [], { namespace: 'ops' }),
});

describe('who calls whom', () => {
  test('the plan summary carries each service\'s declared callers, sorted as namespace/name', () => {
    const p = planOf(shopServices());
    expect(p.services.map((s) => [s.namespace, s.name, s.callers])).toEqual([
      ['ops', 'admin', undefined],
      ['shop', 'orders', ['ops/admin', 'shop/web']],
      ['shop', 'web', undefined],
    ]);
    // Without governance, declaring callers writes no object.
    expect(everything(p).filter((m) => /Policy|PeerAuthentication/.test(m.kind))).toEqual([]);
  });

  test('the call graph does not depend on the order callers or services are declared in', () => {
    const one = planOf(shopServices());
    const reversed = Object.fromEntries(Object.entries(shopServices({ callers: ['ops/admin', 'web'] })).reverse());
    expect(planOf(reversed)).toEqual(one);
    // So are the traffic objects, whatever order the governances come in.
    const rules: GovernanceProps[] = [{ namespaces: ['shop'], networkPolicies: { defaultDeny: true } }, { namespaces: ['ops', 'shop'], networkPolicies: {} }];
    expect(planOf(reversed, [...rules].reverse())).toEqual(planOf(shopServices(), rules));
  });

  test('an unknown caller is refused, naming it, with the near miss or the services of its namespace', () => {
    const problems = problemsOf(() => planOf(shopServices({ callers: ['webb', 'ops/nope', 'other/x'] })));
    expect(problems).toEqual([
      'fleet/orders: callers[0] "webb" is no service of the fleet (did you mean "shop/web"?); declare the caller as a MultiClusterService, or remove it from callers',
      'fleet/orders: callers[1] "ops/nope" is no service of the fleet (services of namespace "ops": admin); declare the caller as a MultiClusterService, or remove it from callers',
      'fleet/orders: callers[2] "other/x" is no service of the fleet (no service of the fleet is in namespace "other"); declare the caller as a MultiClusterService, or remove it from callers',
    ]);
  });

  test('a malformed or repeated caller is refused with the fix', () => {
    const problems = problemsOf(() => planOf(shopServices({ callers: ['shop/web/x', 'web', 'shop/web'] })));
    expect(problems).toEqual([
      'fleet/orders: callers[0] "shop/web/x" is not a service name or namespace/name; write "web" for a service of namespace "shop", or "other/web" for one of namespace "other"',
      'fleet/orders: callers[2] "shop/web" names shop/web, as callers[1] does; list each caller once',
    ]);
    expect(problemsOf(() => planOf(shopServices({ callers: 'web' as unknown as string[] })))).toEqual(['fleet/orders: callers must be a list, got the string "web"']);
    expect(problemsOf(() => planOf(shopServices({ callers: [''] })))).toEqual(['fleet/orders: callers[0] is empty; give a value or remove it']);
  });

  test('a caller running where the callee has no Service cannot resolve its plain name: refused', () => {
    const problems = problemsOf(() => planOf({ ...shopServices(), orders: svc(['a'], ['b'], { callers: ['web', 'ops/admin'] }) }));
    expect(problems).toEqual([
      'fleet/orders: caller ops/admin runs in cluster "c", where orders has no Service, so its calls to orders.shop.svc cannot resolve; add "c" to a PlaceholderPlacement of orders, or remove "ops/admin" from callers',
    ]);
  });
});

describe('NetworkPolicies from the call graph', () => {
  const governed: GovernanceProps = { namespaces: ['shop'], networkPolicies: {} };

  test('admit local callers by selector and remote ones by their clusters\' pod CIDRs, on the target ports only', () => {
    const p = planOf(shopServices(), [governed]);
    expect(get(p, 'a', 'NetworkPolicy', 'orders-callers').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'admin' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } },
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
            { ipBlock: { cidr: '10.128.0.0/16' } },
            { ipBlock: { cidr: '10.176.0.0/16' } },
          ],
          ports: [{ protocol: 'TCP', port: 9090 }],
        },
      ],
    });
    // In b, web is local: its pod CIDR is not admitted as a remote block there.
    expect(get(p, 'b', 'NetworkPolicy', 'orders-callers').spec.ingress[0].from.filter((f: any) => f.ipBlock)).toEqual([{ ipBlock: { cidr: '10.176.0.0/16' } }]);
    // Services without callers, and namespaces not governed, get none; no default deny unless asked.
    expect(everything(p).filter((m) => m.kind === 'NetworkPolicy').map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual(['shop/orders-callers', 'shop/orders-callers', 'shop/orders-callers']);
  });

  test('are owned by their service and applied with the workloads, before the pods can be called', () => {
    const p = planOf(shopServices(), [governed]);
    const policy = objects(p, 'a').find((o) => o.manifest.kind === 'NetworkPolicy');
    expect(policy).toMatchObject({ owner: { kind: OwnerKind.SERVICE, name: 'fleet/orders' }, servicePath: 'fleet/orders', wave: 1 });
    const kinds = objects(p, 'a').map((o) => o.manifest.kind);
    expect(kinds.indexOf('NetworkPolicy')).toBeLessThan(kinds.indexOf('Deployment'));
  });

  test('admit remote callers by their Globalnet CIDR where Globalnet runs: Submariner gives their packets its global egress IPs', () => {
    const fleet = clusters({ b: { globalnetCidr: '242.1.0.0/16' }, a: { globalnetCidr: '242.0.0.0/16' }, c: { globalnetCidr: '242.2.0.0/16' } });
    const p = planOf({ ...shopServices(), orders: svc(['a'], ['b', 'c'], { callers: ['web', 'ops/admin'] }, Networking.EXTERNAL_NAME) }, [governed], fleet);
    expect(get(p, 'a', 'NetworkPolicy', 'orders-callers').spec.ingress[0].from.filter((f: any) => f.ipBlock)).toEqual([{ ipBlock: { cidr: '242.1.0.0/16' } }, { ipBlock: { cidr: '242.2.0.0/16' } }]);
  });

  test('callers: [] admits nobody', () => {
    const p = planOf({ ...shopServices(), orders: svc(['a'], ['b', 'c'], { callers: [] }) }, [governed]);
    expect(get(p, 'a', 'NetworkPolicy', 'orders-callers').spec.ingress).toEqual([]);
    expect(p.services.find((s) => s.name === 'orders')?.callers).toEqual([]);
  });

  test('default deny: one policy per namespace and cluster, owned by the namespace; a service without callers admits its own namespace', () => {
    const p = planOf(shopServices(), [{ namespaces: ['shop'], networkPolicies: { defaultDeny: true } }]);
    for (const c of ['a', 'b', 'c']) expect(get(p, c, 'NetworkPolicy', 'clusterset-default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(objects(p, 'a').find((o) => o.manifest.metadata.name === 'clusterset-default-deny')?.owner).toEqual({ kind: OwnerKind.NAMESPACE, name: 'shop' });
    // web declares no callers: any pod of shop locally, and the other clusters holding shop's services.
    expect(get(p, 'b', 'NetworkPolicy', 'web-same-namespace').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: {} } }, { ipBlock: { cidr: '10.176.0.0/16' } }, { ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ protocol: 'TCP', port: 9090 }] },
    ]);
    // ops is not governed.
    expect(manifests(p, 'c').filter((m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'ops')).toEqual([]);
  });

  test('valid against the Kubernetes schema', () => {
    const p = planOf(shopServices(), [{ namespaces: ['shop', 'ops'], networkPolicies: { defaultDeny: true } }]);
    const policies = everything(p).filter((m) => m.kind === 'NetworkPolicy');
    expect(policies).toHaveLength(10);
    expectValidAgainstSchemas(policies);
  });
});

describe('Istio security from the call graph', () => {
  const mesh: GovernanceProps = { namespaces: ['shop'], mesh: { strictMtls: true, authorizeCallers: true } };
  const meshOnly = (): Record<string, MultiClusterServiceOptions> => {
    const s = shopServices();
    return { orders: svc(['a'], ['b'], { callers: ['web'] }), web: s.web };
  };

  test('a STRICT PeerAuthentication per governed namespace in each mesh cluster holding its services, owned by the namespace', () => {
    const p = planOf(meshOnly(), [mesh]);
    for (const c of ['a', 'b']) expect(get(p, c, 'PeerAuthentication', 'clusterset-strict-mtls')).toMatchObject({ apiVersion: 'security.istio.io/v1beta1', spec: { mtls: { mode: 'STRICT' } } });
    expect(objects(p, 'a').find((o) => o.manifest.kind === 'PeerAuthentication')?.owner).toEqual({ kind: OwnerKind.NAMESPACE, name: 'shop' });
  });

  test('an AuthorizationPolicy allows only the declared callers, by the trust domain of the cluster they run in and their service account', () => {
    const p = planOf(meshOnly(), [mesh]);
    for (const c of ['a', 'b']) {
      expect(get(p, c, 'AuthorizationPolicy', 'orders-callers').spec).toEqual({
        selector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['b.example/ns/shop/sa/web'] } }] }],
      });
    }
    // A caller without serviceAccountName runs as "default"; one running in two clusters gets both identities.
    const twice = planOf({ orders: svc(['a'], ['b'], { callers: ['web'] }), web: svc(['a', 'b'], []) }, [mesh]);
    expect(get(twice, 'a', 'AuthorizationPolicy', 'orders-callers').spec.rules[0].from[0].source.principals).toEqual(['b.example/ns/shop/sa/default', 'cluster.local/ns/shop/sa/default']);
  });

  test('a strict namespace makes placeholders of its services originate mutual TLS, as a STRICT mesh does', () => {
    const without = planOf(meshOnly());
    expect(get(without, 'b', 'DestinationRule', 'orders-clusterset-mtls')).toBeUndefined();
    const strict = planOf(meshOnly(), [{ namespaces: ['shop'], mesh: { strictMtls: true } }]);
    expect(get(strict, 'b', 'DestinationRule', 'orders-clusterset-mtls').spec.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
    // AuthorizationPolicies need the callers' identity, which only mutual TLS carries.
    const authorized = planOf(meshOnly(), [{ namespaces: ['shop'], mesh: { authorizeCallers: true } }]);
    expect(get(authorized, 'b', 'DestinationRule', 'orders-clusterset-mtls')).toBeDefined();
    expect(get(authorized, 'b', 'PeerAuthentication', 'clusterset-strict-mtls')).toBeUndefined();
  });

  test('a declared call between meshes that do not trust each other is refused, naming both trust domains and the fix', () => {
    const fleet = clusters({ b: { mesh: { network: 'net-b', trustDomain: 'b.example' } } });
    const problems = problemsOf(() => planOf(meshOnly(), [mesh], fleet));
    // The placeholders of orders and web in the other cluster are refused too (next test); the declared call first.
    expect(problems).toHaveLength(3);
    expect(problems.slice(0, 1)).toEqual([
      'fleet/orders: caller shop/web runs in cluster "b", whose mesh has trust domain "b.example", and calls orders in "a", whose mesh has trust domain "cluster.local"; ' +
        'neither lists the other\'s in mesh.federatedTrustDomains, so "a" refuses the certificates of "b" and the mutual TLS call fails; ' +
        'give both meshes one trust domain (and root CA), or add "b.example" to mesh.federatedTrustDomains of "a"',
    ]);
    // Either side listing the other's trust domain is enough.
    expect(() => planOf(meshOnly(), [mesh], clusters({ a: { mesh: { network: 'net-a', federatedTrustDomains: ['b.example'] } }, b: { mesh: { network: 'net-b', trustDomain: 'b.example' } } }))).not.toThrow();
    // Without governance needing mutual TLS (and no STRICT mesh), plain text needs no trust.
    expect(() => planOf(meshOnly(), [], fleet)).not.toThrow();
  });

  test('a caller in a cluster without a mesh cannot be authorized by identity: refused under authorizeCallers', () => {
    const services = { orders: svc(['a'], ['c'], { callers: ['web'] }, Networking.ENDPOINT_SLICE), web: svc(['c'], [], {}) };
    const problems = problemsOf(() => planOf(services, [{ namespaces: ['shop'], mesh: { authorizeCallers: true } }]));
    expect(problems).toContain(
      'fleet/orders: caller shop/web runs in cluster "c", which has no mesh, so its calls to orders in "a" carry no identity the AuthorizationPolicy there could allow; ' +
        'give "c" mesh: { network, trustDomain } trusted by "a", or leave mesh.authorizeCallers off for namespace "shop"',
    );
  });

  test('a placeholder originating mutual TLS towards a mesh it does not trust is refused, declared call or not', () => {
    const fleet = clusters({ b: { mesh: { network: 'net-b', trustDomain: 'b.example' } } });
    const services = { orders: svc(['a'], ['b']) };
    expect(problemsOf(() => planOf(services, [{ namespaces: ['shop'], mesh: { strictMtls: true } }], fleet))).toEqual([
      'fleet/orders: the placeholder in cluster "b" reaches orders in "a" with mutual TLS, but the meshes do not trust each other (trust domains "b.example" and "cluster.local", neither in the other\'s mesh.federatedTrustDomains); ' +
        'give both meshes one trust domain (and root CA), or add "b.example" to mesh.federatedTrustDomains of "a"',
    ]);
    // A STRICT mesh asks the same, with no governance; plain text (PERMISSIVE everywhere) does not.
    expect(problemsOf(() => planOf(services, [], clusters({ a: { mesh: { network: 'net-a', mtls: 'STRICT' as never } }, b: { mesh: { network: 'net-b', trustDomain: 'b.example' } } })))).toHaveLength(1);
    expect(problemsOf(() => planOf(services, [], fleet))).toEqual([]);
  });

  test('trust domains are checked: SPIFFE characters only', () => {
    const problems = problemsOf(() => planOf(meshOnly(), [], clusters({ a: { mesh: { network: 'net-a', trustDomain: 'Prod/Example', federatedTrustDomains: ['ok.example', 'bad domain'] } } })));
    expect(problems).toEqual([
      'fleet/clusters[0]: cluster "a" mesh.trustDomain "Prod/Example" is not a trust domain: use lowercase letters, digits, ".", "-" and "_" only (SPIFFE), such as prod.example.com',
      'fleet/clusters[0]: cluster "a" mesh.federatedTrustDomains[1] "bad domain" is not a trust domain: use lowercase letters, digits, ".", "-" and "_" only (SPIFFE), such as prod.example.com',
    ]);
  });

  test('valid against the Istio schemas, in both API versions', () => {
    const v1 = clusters({ a: { mesh: { network: 'net-a', apiVersion: 'v1' as never } } });
    const p = planOf(meshOnly(), [mesh], v1);
    expect(get(p, 'a', 'AuthorizationPolicy', 'orders-callers').apiVersion).toBe('security.istio.io/v1');
    expectValidAgainstSchemas(everything(p).filter((m) => /Policy|PeerAuthentication|DestinationRule/.test(m.kind)));
  });
});

describe('governance shapes', () => {
  test('misspelt or mistyped fields are refused with the field and value', () => {
    const problems = problemsOf(() =>
      planOf(shopServices(), [{ namespaces: ['shop'], mesh: { strictMTLS: true, authorizeCallers: 'yes' }, networkPolicies: { defaultDeny: 1 } } as unknown as GovernanceProps]),
    );
    expect(problems).toEqual([
      'fleet/governance0: mesh: unknown field "strictMTLS" (did you mean "strictMtls"?)',
      'fleet/governance0: mesh.authorizeCallers must be true or false, got the string "yes"',
      'fleet/governance0: networkPolicies.defaultDeny must be true or false, got the number 1',
    ]);
    expect(problemsOf(() => planOf(shopServices(), [], clusters({ a: { mesh: { network: 'n', federatedTrustDomains: 'x' as never } } })))).toEqual([
      'fleet/clusters[0]: mesh.federatedTrustDomains must be a list, got the string "x"',
    ]);
  });
});

describe('traffic rules in a migration', () => {
  // orders moves from a to b; web calls it from c (Globalnet off, no mesh): the NetworkPolicies follow each phase.
  const fleet = clusters({ c: { mesh: { network: 'net-c' } } });
  const services = () => ({ orders: svc(['a'], ['c'], { callers: ['web'] }, Networking.ENDPOINT_SLICE), web: svc(['c'], [], {}) });
  const at = (phase: MigrationPhase) => planOf(services(), [{ namespaces: ['shop'], networkPolicies: { defaultDeny: true } }], fleet, [{ from: 'a', to: 'b', phase }]);

  test('every phase guards the clusters that hold the service then, and admits the caller there', () => {
    const drain = at(MigrationPhase.DRAIN);
    expect(drain.earlierPhases?.map((e) => e.phase)).toEqual([MigrationPhase.BOTH_ACTIVE, MigrationPhase.SWITCH]);
    for (const phase of [...(drain.earlierPhases ?? []), { phase: MigrationPhase.DRAIN, clusters: drain.clusters }]) {
      const policy = (c: string) => phase.clusters.find((x) => x.cluster === c)?.objects.find((o) => o.manifest.kind === 'NetworkPolicy' && o.manifest.metadata.name === 'orders-callers')?.manifest as any;
      // b is where orders lands: guarded from the first phase on, admitting web from c.
      expect(policy('b')?.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }, { ipBlock: { cidr: '10.176.0.0/16' } }]);
      expect(policy('a')).toBeDefined();
    }
  });
});

describe('traffic rules after failover', () => {
  test('a caller\'s cluster that is down is no longer admitted; the clusters its pods moved to are', () => {
    const services = { orders: svc(['a'], ['b', 'c'], { callers: ['web'] }), web: svc(['c'], ['a', 'b'], {}, Networking.EXTERNAL_NAME) };
    const governance: GovernanceProps[] = [{ namespaces: ['shop'], networkPolicies: {} }];
    const blocks = (p: FleetPlan) => get(p, 'a', 'NetworkPolicy', 'orders-callers').spec.ingress[0].from.filter((f: any) => f.ipBlock).map((f: any) => f.ipBlock.cidr);
    expect(blocks(planOf(services, governance))).toEqual(['10.176.0.0/16']);
    // c goes down: web is promoted in a ready placeholder cluster (a, first in fleet order), local to orders there.
    const down = planOf(services, governance, clusters({ c: { status: 'UNAVAILABLE' as never } }));
    expect(down.services.find((s) => s.name === 'web')?.active).toContain('a');
    expect(blocks(down)).toEqual([]);
    expect(get(down, 'a', 'NetworkPolicy', 'orders-callers').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }]);
  });
});

describe('declared calls through Istio routes', () => {
  test('a caller in a namespace the placeholder\'s routes are not exported to is refused: its calls would find no endpoint', () => {
    const services = {
      orders: svc(['a'], [], { callers: ['ops/admin'], placements: [new ActivePlacement({ clusters: ['a'] }), new PlaceholderPlacement({ clusters: ['b'], networking: Networking.istio({ exportTo: ['.'] }) })] }),
      admin: svc(['b'], [], { namespace: 'ops' }),
    };
    expect(problemsOf(() => planOf(services))).toEqual([
      'fleet/orders: caller ops/admin runs in cluster "b", where the routes of orders are exported to ["."] only, so the sidecars of namespace "ops" do not see them and its calls find no endpoint; ' +
        'add "ops" to exportTo of Networking.istio({ exportTo }), or remove "ops/admin" from callers',
    ]);
    const exported = { ...services, orders: { ...services.orders, placements: [new ActivePlacement({ clusters: ['a'] }), new PlaceholderPlacement({ clusters: ['b'], networking: Networking.istio({ exportTo: ['.', 'ops'] }) })] } };
    expect(problemsOf(() => planOf(exported))).toEqual([]);
  });
});
