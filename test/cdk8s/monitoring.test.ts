// FleetMonitoring and ClusterSet.networkTable() in the cdk8s flavour, through ClusterSetApp and direct delivery.
import { App, Chart } from 'cdk8s';
import { ActivePlacement, ClusterSet, ClusterSetApp, FleetMonitoring, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { twoClusters } from '../support/fleet';

function fleetApp(): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp({ outdir: 'unused' });
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters().map((c) => ({ ...c, zone: c.name === 'prodc' ? 'cn-hangzhou-b' : 'dc-1' })) });
  new MultiClusterService(fleet, 'orders', {
    namespace: 'shop',
    image: 'shop/orders:1',
    ports: [
      { name: 'http', port: 8080 },
      { name: 'http-metrics', port: 9090 },
    ],
    placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })],
  });
  return { app, fleet };
}

describe('FleetMonitoring in cdk8s', () => {
  test('the acceptance program writes a Prometheus per cluster folder and the ServiceMonitor where orders runs', () => {
    const { app, fleet } = fleetApp();
    new FleetMonitoring(fleet, 'monitoring', { environment: 'prod', remoteWrite: { url: 'http://metrics.example.com/api/v1/write', dropReplicaLabel: true } });
    const files = Object.fromEntries(app.render().map((f) => [f.folder, f.files.map((x) => x.file).filter((n) => /monitoring|Prometheus|ServiceMonitor|clusterset-prometheus/.test(n)).sort()]));
    expect(files).toEqual({
      prodc: [
        '0-Namespace.monitoring.k8s.yaml',
        '1-Role.shop.clusterset-prometheus.k8s.yaml',
        '1-RoleBinding.shop.clusterset-prometheus.k8s.yaml',
        '1-ServiceAccount.monitoring.clusterset-prometheus.k8s.yaml',
        '2-Prometheus.monitoring.clusterset.k8s.yaml',
        '2-ServiceMonitor.shop.orders.k8s.yaml',
      ],
      localproda: ['0-Namespace.monitoring.k8s.yaml', '1-ServiceAccount.monitoring.clusterset-prometheus.k8s.yaml', '2-Prometheus.monitoring.clusterset.k8s.yaml'],
    });
    const prometheus = app.render()[0].files.find((f) => f.file.startsWith('2-Prometheus'))?.yaml ?? '';
    expect(prometheus).toContain('zone: cn-hangzhou-b');
    expect(prometheus).toContain('regex: prometheus_replica');
  });

  test('props from JSON of the wrong shape fail the synth with the construct path', () => {
    const { app, fleet } = fleetApp();
    new FleetMonitoring(fleet, 'monitoring', JSON.parse('{ "environment": "prod", "remoteWrite": { "uri": "http://m" } }'));
    expect(() => app.render()).toThrow(ClusterSetValidationError);
    expect(() => app.render()).toThrow(/fleet\/monitoring: remoteWrite: unknown field "uri" \(did you mean "url"\?\)/);
  });

  test('needs a ClusterSet', () => {
    const app = new App();
    expect(() => new FleetMonitoring(new Chart(app, 'c'), 'monitoring', { environment: 'prod', remoteWrite: { url: 'http://m' } })).toThrow(
      /c\/monitoring: a FleetMonitoring needs a ClusterSet; create it inside one, or pass clusterSet/,
    );
  });
});

describe('ClusterSet.networkTable()', () => {
  test('prints the fleet\'s ranges, pairs and the static address of orders', () => {
    const text = fleetApp().fleet.networkTable();
    expect(text.split('\n').slice(0, 6)).toEqual([
      'fleet',
      '',
      'Ranges',
      'CLUSTER     SERVICE CIDR   POD CIDR       GLOBALNET CIDR',
      'prodc       10.96.0.0/16   10.244.0.0/16  -',
      'localproda  10.112.0.0/16  10.128.0.0/16  -',
    ]);
    expect(text).toMatch(/^prodc\s+localproda\s+-\s+1\s+-$/m);
    expect(text).toMatch(/^shop\/orders\s+prodc\s+10\.96\.\d+\.\d+\s+-$/m);
  });
});
