// Monitoring identity (issue 12 §5): a Prometheus per cluster labelled with its cluster, environment and
// zone, writing to one store, and a ServiceMonitor per metrics-exposing service where its pods run.
import {
  ActivePlacement,
  AlertmanagerScheme,
  type ClusterProps,
  ClusterStatus,
  type FleetPlan,
  type MigrationProps,
  MigrationPhase,
  type MonitoringProps,
  type MultiClusterServiceOptions,
  Networking,
  OwnerKind,
  PlaceholderPlacement,
  PortProtocol,
  WorkloadKind,
} from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { find, problemsOf } from '../support/fleet';

const clusters = (extra: Record<string, Partial<ClusterProps>> = {}): ClusterProps[] =>
  ['a', 'b', 'c'].map((name, i) => ({ name, serviceCidr: `10.${i + 1}.0.0/16`, podCidr: `10.${101 + i}.0.0/16`, zone: `zone-${name}`, ...extra[name] }));

const service = (active: string[], placeholders: string[], extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions => ({
  image: 'shop/app:1',
  namespace: 'shop',
  ports: [
    { name: 'http', port: 80 },
    { name: 'metrics', port: 9090 },
  ],
  placements: [
    new ActivePlacement({ clusters: active }),
    ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.ENDPOINT_SLICE })] : []),
  ],
  ...extra,
});

const monitoring: MonitoringProps = { environment: 'prod', remoteWrite: { url: 'https://metrics.example.com/api/v1/write' } };

function planOf(
  services: Record<string, MultiClusterServiceOptions>,
  props: unknown[] = [monitoring],
  fleet: ClusterProps[] = clusters(),
  migrations: MigrationProps[] = [],
): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters: fleet,
    services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })),
    monitoring: props.map((p, i) => ({ path: `fleet/monitoring${i === 0 ? '' : i}`, props: p as MonitoringProps })),
    ...(migrations.length > 0 ? { migrations: migrations.map((m, i) => ({ path: `fleet/migration${i}`, props: m })) } : {}),
  });
}

const objects = (p: { clusters: FleetPlan['clusters'] }, c: string) => p.clusters.find((x) => x.cluster === c)?.objects ?? [];
const manifests = (p: { clusters: FleetPlan['clusters'] }, c: string) => objects(p, c).map((o) => o.manifest);
const monitorsIn = (p: { clusters: FleetPlan['clusters'] }, c: string) => manifests(p, c).filter((m) => m.kind === 'ServiceMonitor').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);

describe('each cluster\'s Prometheus', () => {
  const plan = planOf({ app: service(['a'], ['b']) });

  test('is labelled with its cluster, the environment and its zone, the cluster unique in the fleet', () => {
    const labels = ['a', 'b', 'c'].map((c) => (find(manifests(plan, c), 'Prometheus', 'clusterset') as any).spec.externalLabels);
    expect(labels).toEqual([
      { cluster: 'a', environment: 'prod', zone: 'zone-a' },
      { cluster: 'b', environment: 'prod', zone: 'zone-b' },
      { cluster: 'c', environment: 'prod', zone: 'zone-c' },
    ]);
    expect(new Set(labels.map((l) => l.cluster)).size).toBe(3);
  });

  test('a cluster without a zone gets no zone label', () => {
    const noZone = planOf({ app: service(['a'], []) }, [monitoring], clusters({ b: { zone: undefined } }));
    expect((find(manifests(noZone, 'b'), 'Prometheus') as any).spec.externalLabels).toEqual({ cluster: 'b', environment: 'prod' });
  });

  test('writes to the store, dropping prometheus_replica only when asked', () => {
    const kept = (find(manifests(plan, 'a'), 'Prometheus') as any).spec.remoteWrite;
    expect(kept).toEqual([{ url: 'https://metrics.example.com/api/v1/write' }]);
    const dropped = planOf({}, [{ ...monitoring, remoteWrite: { url: 'http://m.example.com/write', dropReplicaLabel: true } }]);
    expect((find(manifests(dropped, 'c'), 'Prometheus') as any).spec.remoteWrite).toEqual([
      { url: 'http://m.example.com/write', writeRelabelConfigs: [{ action: 'labeldrop', regex: 'prometheus_replica' }] },
    ]);
  });

  test('selects the ServiceMonitors by the label, in the namespaces holding them, with a ServiceAccount and Roles there only', () => {
    const a = manifests(plan, 'a');
    const spec = (find(a, 'Prometheus') as any).spec;
    expect(spec.serviceMonitorSelector).toEqual({ matchLabels: { 'clusterset.dev/prometheus': 'clusterset' } });
    expect(spec.serviceMonitorNamespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }] });
    expect(spec).toMatchObject({ serviceAccountName: 'clusterset-prometheus', replicas: 1, enableAdminAPI: false, securityContext: { runAsNonRoot: true } });
    expect(find(a, 'ServiceAccount', 'clusterset-prometheus')).toMatchObject({ metadata: { namespace: 'monitoring' }, automountServiceAccountToken: false });
    expect(find(a, 'Role', 'clusterset-prometheus').metadata.namespace).toBe('shop');
    expect(find(a, 'RoleBinding', 'clusterset-prometheus').subjects).toEqual([{ kind: 'ServiceAccount', name: 'clusterset-prometheus', namespace: 'monitoring' }]);
    // b holds a placeholder only: nothing to scrape, so no namespace selector and no Role.
    const b = manifests(plan, 'b');
    expect((find(b, 'Prometheus') as any).spec.serviceMonitorNamespaceSelector).toBeUndefined();
    expect(b.filter((m) => m.kind === 'Role' || m.kind === 'ClusterRole')).toEqual([]);
  });

  test('takes the namespace, label, replicas and alertmanagers given', () => {
    const custom = planOf({ app: service(['a'], []) }, [
      {
        ...monitoring,
        namespace: 'obs',
        replicas: 2,
        serviceMonitorLabel: { key: 'team', value: 'sre' },
        alertmanagers: [{ name: 'alertmanager-operated' }, { name: 'am', namespace: 'alerts', port: 'https', scheme: AlertmanagerScheme.HTTPS }],
      },
    ]);
    const a = manifests(custom, 'a');
    const prometheus = find(a, 'Prometheus') as any;
    expect(prometheus.metadata.namespace).toBe('obs');
    expect(prometheus.spec.replicas).toBe(2);
    expect(prometheus.spec.serviceMonitorSelector).toEqual({ matchLabels: { team: 'sre' } });
    expect(prometheus.spec.alerting.alertmanagers).toEqual([
      { name: 'alertmanager-operated', namespace: 'obs', port: 'web', scheme: 'http' },
      { name: 'am', namespace: 'alerts', port: 'https', scheme: 'https' },
    ]);
    expect(find(a, 'ServiceMonitor').metadata.labels.team).toBe('sre');
    // The monitoring namespace is brought to every cluster, before the Prometheus.
    expect(manifests(custom, 'c').map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Namespace/obs', 'ServiceAccount/clusterset-prometheus', 'Prometheus/clusterset']);
  });

  test('is the fleet\'s, and each ServiceMonitor its service\'s', () => {
    const a = objects(plan, 'a');
    expect(a.find((o) => o.manifest.kind === 'Prometheus')?.owner).toEqual({ kind: OwnerKind.FLEET, name: 'fleet' });
    expect(a.find((o) => o.manifest.kind === 'ServiceMonitor')).toMatchObject({ owner: { kind: OwnerKind.SERVICE, name: 'fleet/app' }, servicePath: 'fleet/app' });
  });
});

describe('ServiceMonitors', () => {
  test('one per service with a metrics port, in each cluster running its pods, selecting its active Service', () => {
    const plan = planOf({
      app: service(['a', 'b'], ['c']),
      web: service(['c'], [], { ports: [{ name: 'http', port: 80 }] }),
      api: service(['c'], [], { namespace: 'api', ports: [{ name: 'http-metrics', port: 8081 }, { name: 'metrics', port: 9090 }] }),
    });
    expect(['a', 'b', 'c'].map((c) => monitorsIn(plan, c))).toEqual([['shop/app'], ['shop/app'], ['api/api']]);
    const monitor = find(manifests(plan, 'c'), 'ServiceMonitor', 'api') as any;
    expect(monitor.metadata.labels['clusterset.dev/prometheus']).toBe('clusterset');
    expect(monitor.spec).toEqual({
      selector: {
        matchLabels: { 'app.kubernetes.io/managed-by': 'clusterset', 'app.kubernetes.io/name': 'api' },
        matchExpressions: [{ key: 'clusterset.dev/role', operator: 'NotIn', values: ['placeholder'] }],
      },
      endpoints: [{ port: 'http-metrics' }, { port: 'metrics' }],
    });
    // It selects the Service running the pods there, and the placeholder Service of the same name nowhere.
    const apiService = find(manifests(plan, "c"), "Service", "api");
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => apiService.metadata.labels[k] === v)).toBe(true);
    const placeholder = find(manifests(plan, 'c'), 'Service', 'app');
    // A placeholder Service of the same name (another cluster) is left out by its role label.
    const excluded = (monitor.spec.selector.matchExpressions as Array<{ key: string; operator: string; values: string[] }>).some((e) => e.operator === 'NotIn' && e.values.includes(placeholder.metadata.labels[e.key]));
    expect(excluded).toBe(true);
  });

  test('follow the pods in a failover: the unavailable cluster keeps none, the cluster taking its share gets one', () => {
    const plan = planOf({ app: service(['a'], ['b']) }, [monitoring], clusters({ a: { status: ClusterStatus.UNAVAILABLE } }));
    expect(['a', 'b', 'c'].map((c) => monitorsIn(plan, c))).toEqual([[], ['shop/app'], []]);
  });

  test('skip a StatefulSet\'s cluster that is down (its Service stays, its pods are gone), and follow an autoscaled service', () => {
    const down = planOf({ db: service(['a', 'b'], [], { workload: WorkloadKind.STATEFUL_SET }) }, [monitoring], clusters({ b: { status: ClusterStatus.UNAVAILABLE } }));
    expect(find(manifests(down, 'b'), 'Service', 'db').spec.selector).toBeDefined();
    expect(['a', 'b'].map((c) => monitorsIn(down, c))).toEqual([['shop/db'], []]);
    const scaled = planOf({ app: service(['a'], ['b'], { autoscaling: { minReplicas: 2, maxReplicas: 4 } }) });
    expect(['a', 'b'].map((c) => monitorsIn(scaled, c))).toEqual([['shop/app'], []]);
  });

  test('follow a migration at every phase: both clusters while both run the pods, the target alone once drained', () => {
    const migration = (phase: MigrationPhase): MigrationProps => ({ from: 'a', to: 'b', phase, services: ['app'] });
    const drained = planOf({ app: service(['a'], ['b']) }, [monitoring], clusters(), [migration(MigrationPhase.DRAIN)]);
    expect(['a', 'b'].map((c) => monitorsIn(drained, c))).toEqual([[], ['shop/app']]);
    const both = drained.earlierPhases?.find((p) => p.phase === MigrationPhase.BOTH_ACTIVE);
    expect(both && ['a', 'b'].map((c) => monitorsIn(both, c))).toEqual([['shop/app'], ['shop/app']]);
    // Every phase has its Prometheus in every cluster.
    for (const phase of drained.earlierPhases ?? []) expect(['a', 'b', 'c'].map((c) => manifests(phase, c).filter((m) => m.kind === 'Prometheus').length)).toEqual([1, 1, 1]);
  });

  test('are not written without a FleetMonitoring', () => {
    const plain = planFleet({ path: 'fleet', clusters: clusters(), services: [{ path: 'fleet/app', name: 'app', options: service(['a'], []) }] });
    expect(plain.clusters.flatMap((c) => c.objects).filter((o) => o.manifest.apiVersion === 'monitoring.coreos.com/v1')).toEqual([]);
  });
});

describe('a FleetMonitoring is refused', () => {
  const problems = (props: unknown[], extra: Partial<MultiClusterServiceOptions> = {}, fleet = clusters()) => problemsOf(() => planOf({ app: service(['a'], [], extra) }, props, fleet));

  test('twice in one fleet', () => {
    expect(problems([monitoring, monitoring])).toEqual([
      'fleet/monitoring1: the fleet already has a FleetMonitoring at fleet/monitoring, and each cluster runs one Prometheus; merge the two into one FleetMonitoring',
    ]);
  });

  test('with a store URL Prometheus cannot write to, or that holds credentials', () => {
    const url = (u: string) => problems([{ ...monitoring, remoteWrite: { url: u } }]);
    expect(url('metrics.example.com')).toEqual([expect.stringMatching(/^fleet\/monitoring: remoteWrite.url "metrics.example.com" is not a URL; give/)]);
    expect(url('ftp://m.example.com/write')).toEqual([expect.stringContaining('has the scheme "ftp"; Prometheus writes over http or https')]);
    expect(url('https://user:secret@m.example.com/write')).toEqual([expect.stringContaining('holds credentials, which would be written into every cluster\'s files')]);
  });

  test('with names Kubernetes refuses, and replicas below 1', () => {
    expect(
      problems([
        {
          ...monitoring,
          namespace: 'Monitoring',
          serviceMonitorLabel: { key: 'a/b/c', value: 'not ok' },
          replicas: 0,
          alertmanagers: [{ name: '9am', namespace: 'Alerts', port: 'web--ui' }],
        },
      ]),
    ).toEqual([
      expect.stringMatching(/^fleet\/monitoring: namespace "Monitoring" must be a DNS-1123 label.*; give the namespace of the Prometheus/),
      expect.stringContaining('serviceMonitorLabel.key "a/b/c" prefix must be a DNS-1123 subdomain'),
      expect.stringContaining('serviceMonitorLabel.value "not ok" must be at most 63 characters'),
      expect.stringContaining('replicas 0 must be a whole number of Prometheus replicas, at least 1'),
      expect.stringContaining('alertmanagers[0].name "9am" must be a DNS-1035 label'),
      expect.stringContaining('alertmanagers[0].namespace "Alerts" must be a DNS-1123 label'),
      expect.stringContaining('alertmanagers[0].port "web--ui" must not contain "--"'),
    ]);
  });

  test('when a metrics port is not TCP', () => {
    expect(problems([monitoring], { ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090, protocol: PortProtocol.UDP }] })).toEqual([
      'fleet/app: port "metrics" is UDP, but a port named "metrics" or "http-metrics" is scraped by the fleet\'s Prometheus over HTTP (TCP); make it TCP, or rename it',
    ]);
    // Without monitoring nobody scrapes it.
    expect(problems([], { ports: [{ name: 'metrics', port: 9090, protocol: PortProtocol.UDP }] })).toEqual([]);
  });

  test('with props of the wrong shape, as from JSON or YAML', () => {
    expect(problems([{ environment: 'prod', remoteWrite: {}, alertmanager: [] }])).toEqual([
      'fleet/monitoring: unknown field "alertmanager" (did you mean "alertmanagers"?)',
      'fleet/monitoring: remoteWrite is empty; give remoteWrite: { url: ... } or remove it',
    ]);
    expect(problems([{ remoteWrite: { url: 'https://m.example.com', dropReplicaLabel: 'yes' } }])).toEqual([
      'fleet/monitoring: environment is required; give the environment every series is labelled with, such as "prod"',
      'fleet/monitoring: remoteWrite.dropReplicaLabel must be true or false, got the string "yes"',
    ]);
    expect(problems([monitoring], {}, clusters({ b: { zone: ' ' } }))).toEqual(['fleet/clusters[1]: zone is empty; give a value or remove it']);
  });
});
