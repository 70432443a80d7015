// What reaches guarded pods from outside the fleet's services (docs/governance.md, "North-south and monitoring under
// default deny"): the cluster's Prometheus on the metrics ports, the ingress controller of `ingressFrom` on the HTTP
// ports, and the checks that refuse a fronted service its ingress cannot reach.
import { ActivePlacement, type ClusterProps, type FleetPlan, type GovernanceProps, type MonitoringProps, type MultiClusterServiceOptions } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { problemsOf } from '../support/fleet';
import { modelClusters } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

/** a runs Istio, b none; both fronted by ingress nodes. */
const CLUSTERS: ClusterProps[] = [
  { name: 'a', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', mesh: { network: 'net-a' }, ingressNodes: 1 },
  { name: 'b', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', ingressNodes: 1 },
];

const web = (clusters: string[], extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions => ({
  namespace: 'shop',
  image: 'team/web:1.0',
  ports: [
    { name: 'http', port: 80, targetPort: 8080 },
    { name: 'http-metrics', port: 9090 },
  ],
  placements: [new ActivePlacement({ clusters })],
  ...extra,
});

const MONITORING: MonitoringProps = { environment: 'prod', remoteWrite: { url: 'https://metrics.example.com/api/v1/write' } };

function planOf(governance: GovernanceProps, monitoring: MonitoringProps | undefined = MONITORING, clusters: ClusterProps[] = CLUSTERS, services: Record<string, MultiClusterServiceOptions> = { web: web(['a', 'b']) }): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
    governance: [{ path: 'fleet/guardrails', props: governance }],
    monitoring: monitoring ? [{ path: 'fleet/monitoring', props: monitoring }] : [],
  });
}

const objectsOf = (plan: FleetPlan): Record<string, Obj[]> => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));
const named = (plan: FleetPlan, cluster: string, kind: string, name: string): Obj | undefined => objectsOf(plan)[cluster]?.find((o) => o.kind === kind && o.metadata.name === name);
const NGINX = { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, serviceAccount: 'ingress-nginx' };

describe('Prometheus under default deny', () => {
  test('a NetworkPolicy admits exactly the cluster’s Prometheus pods on the metrics port, and the scrape gets through', () => {
    const plan = planOf({ namespaces: ['shop'], networkPolicies: { defaultDeny: true }, ingressFrom: NGINX });
    const policy = named(plan, 'b', 'NetworkPolicy', 'web-metrics');
    expect(policy?.spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'clusterset' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
    ]);
    const objects = objectsOf(plan);
    expectValidAgainstSchemas(Object.values(objects).flat());
    const model = new RouteModel(modelClusters(CLUSTERS), objects);
    for (const cluster of ['a', 'b']) {
      const scrapes = model.scrapes(cluster);
      expect(scrapes.map((o) => [o.route.service, o.route.port, o.ok, o.failures])).toEqual([['web', 9090, true, []]]);
    }
    // Any other pod of the monitoring namespace is refused on the metrics port.
    const other = model.checkDirect({ cluster: 'b', client: 'monitoring', namespace: 'shop', service: 'web', port: 9090, protocol: 'TCP', source: { labels: { app: 'grafana' }, description: 'grafana' } });
    expect(other.failures.join('\n')).toMatch(/NetworkPolicy .*web-metrics.* admits no grafana/);
  });

  test('without default deny or declared callers, the pods are not isolated: no policy is written for Prometheus', () => {
    const plan = planOf({ namespaces: ['shop'], networkPolicies: {} });
    expect(named(plan, 'b', 'NetworkPolicy', 'web-metrics')).toBeUndefined();
  });

  test('under STRICT mutual TLS, Prometheus scrapes with the mesh’s certificates where the mesh runs, in plain text elsewhere', () => {
    const plan = planOf({ namespaces: ['shop'], mesh: { strictMtls: true }, networkPolicies: { defaultDeny: true }, ingressFrom: NGINX });
    const monitor = (cluster: string) => named(plan, cluster, 'ServiceMonitor', 'web')?.spec.endpoints;
    expect(monitor('a')).toEqual([{ port: 'http-metrics', scheme: 'https', tlsConfig: { caFile: '/etc/prom-certs/root-cert.pem', certFile: '/etc/prom-certs/cert-chain.pem', keyFile: '/etc/prom-certs/key.pem', insecureSkipVerify: true } }]);
    expect(monitor('b')).toEqual([{ port: 'http-metrics' }]);
    expect(named(plan, 'a', 'Prometheus', 'clusterset')?.spec.podMetadata.labels).toEqual({ 'sidecar.istio.io/inject': 'true' });
    expect(named(plan, 'b', 'Prometheus', 'clusterset')?.spec.podMetadata).toBeUndefined();
    const model = new RouteModel(modelClusters(CLUSTERS), objectsOf(plan));
    expect(model.scrapes('a').map((o) => [o.ok, o.route.source?.mtls, o.failures])).toEqual([[true, true, []]]);
  });

  test('an AuthorizationPolicy of its own allows the Prometheus’s identity on the metrics port only, beside the declared callers’ one', () => {
    const services = { web: web(['a'], { callers: [] }) };
    // No ingress nodes here: the ingress controller's rule is another test's.
    const plan = planOf({ namespaces: ['shop'], mesh: { authorizeCallers: true } }, MONITORING, [{ ...CLUSTERS[0], ingressNodes: undefined }], services);
    // ALLOW policies add up: the governance's (no caller declared: no rule) and the monitoring's, each its own object.
    expect(named(plan, 'a', 'AuthorizationPolicy', 'web-callers')?.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, action: 'ALLOW' });
    expect(named(plan, 'a', 'AuthorizationPolicy', 'web-metrics')?.spec.rules).toEqual([
      { from: [{ source: { principals: ['cluster.local/ns/monitoring/sa/clusterset-prometheus'] } }], to: [{ operation: { ports: ['9090'] } }] },
    ]);
    // The scrape gets through by identity; the same identity on the service's own port does not.
    const model = new RouteModel(modelClusters(CLUSTERS), objectsOf(plan));
    expect(model.scrapes('a').map((o) => [o.ok, o.failures])).toEqual([[true, []]]);
    const prometheus = { labels: { 'app.kubernetes.io/name': 'prometheus', 'operator.prometheus.io/name': 'clusterset' }, account: 'clusterset-prometheus', mtls: true, description: 'Prometheus' };
    const onHttp = model.checkDirect({ cluster: 'a', client: 'monitoring', namespace: 'shop', service: 'web', port: 80, protocol: 'TCP', source: prometheus });
    expect(onHttp.failures.join('\n')).toMatch(/AuthorizationPolicy web-callers, web-metrics in "a" allows no cluster\.local\/ns\/monitoring\/sa\/clusterset-prometheus/);
  });
});

describe('north-south under default deny', () => {
  test('a fronted service admits the ingress controller on its HTTP ports only, by selector or host address', () => {
    const plan = planOf({ namespaces: ['shop'], networkPolicies: { defaultDeny: true }, ingressFrom: { ...NGINX, cidrs: ['192.0.2.10/32'] } }, undefined, [CLUSTERS[1]], { web: web(['b']) });
    const model = new RouteModel(modelClusters(CLUSTERS), objectsOf(plan));
    const direct = (port: number, source: { labels: Record<string, string>; address?: string }, client = 'ingress-nginx') =>
      model.checkDirect({ cluster: 'b', client, namespace: 'shop', service: 'web', port, protocol: 'TCP', source: { ...source, description: 'caller' } });
    expect(direct(80, { labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }).ok).toBe(true);
    expect(direct(80, { labels: {}, address: '192.0.2.10' }).ok).toBe(true);
    expect(direct(80, { labels: {}, address: '192.0.2.11' }).ok).toBe(false);
    expect(direct(80, { labels: { 'app.kubernetes.io/name': 'other' } }).ok).toBe(false);
    expect(direct(80, { labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, 'tools').ok).toBe(false);
    expect(direct(9090, { labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }).ok).toBe(false);
    expect(named(plan, 'b', 'NetworkPolicy', 'web-ingress')?.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('a guarded service a cluster fronts is refused without an ingress source, and one with pods accepting mutual TLS only without its identity', () => {
    expect(problemsOf(() => planOf({ namespaces: ['shop'], networkPolicies: { defaultDeny: true } }, undefined, [CLUSTERS[1]], { web: web(['b']) }))).toEqual([
      'fleet/web: cluster "b" fronts shop/web through its ingress nodes (north-south), but the NetworkPolicies of namespace "shop" (default deny) would refuse the ingress controller\'s traffic; name where it comes from with ingressFrom of the governance (the controller\'s namespace and podLabels, or the cidrs of a host-network controller)',
    ]);
    expect(problemsOf(() => planOf({ namespaces: ['shop'], mesh: { strictMtls: true }, ingressFrom: { cidrs: ['192.0.2.10/32'] } }, undefined, [CLUSTERS[0]], { web: web(['a']) }))).toEqual([
      'fleet/web: cluster "a" fronts shop/web through its ingress nodes (north-south), but its pods there accept mutual TLS only (governance mesh of namespace "shop"), which a controller outside the mesh cannot send; run the ingress controller with an Istio sidecar and give its namespace and serviceAccount in ingressFrom of the governance',
    ]);
    // Declared callers guard the pods too; a cluster without ingress nodes fronts nothing.
    expect(problemsOf(() => planOf({ namespaces: ['shop'], networkPolicies: {} }, undefined, [CLUSTERS[1]], { web: web(['b'], { callers: [] }) }))).toHaveLength(1);
    expect(problemsOf(() => planOf({ namespaces: ['shop'], networkPolicies: { defaultDeny: true } }, undefined, [{ ...CLUSTERS[1], ingressNodes: undefined }], { web: web(['b']) }))).toEqual([]);
  });

  test('an ingress source names something to admit, in the fields that can name it', () => {
    const refused = (ingressFrom: GovernanceProps['ingressFrom']) => problemsOf(() => planOf({ namespaces: ['shop'], networkPolicies: { defaultDeny: true }, ingressFrom }, undefined, [CLUSTERS[1]], { web: web(['b']) }));
    expect(refused({})).toContain('fleet/guardrails: ingressFrom {} names no source; give the ingress controller\'s namespace (and podLabels), or the cidrs it sends from on the host network');
    expect(refused({ cidrs: ['192.0.2.0/24'], podLabels: { app: 'x' } })).toEqual(['fleet/guardrails: ingressFrom.podLabels is given without ingressFrom.namespace, so it would match in no namespace; give the namespace the ingress controller runs in']);
    expect(refused({ cidrs: ['192.0.2.1'] })).toEqual(['fleet/guardrails: ingressFrom.cidrs[0] "192.0.2.1" is not an IPv4 CIDR; write the address range such as "192.0.2.11/32"']);
    expect(refused({ namespace: 'ingress-nginx', namespaces: ['x'] } as never).join('\n')).toMatch(/ingressFrom: unknown field "namespaces"/);
  });
});
