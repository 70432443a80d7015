// Every object a FleetMonitoring writes is valid against its upstream schema: the prometheus-operator CRDs in
// ../shared/crds (Prometheus, ServiceMonitor) and kubernetes-models (ServiceAccount, Role, RoleBinding), as
// the cdk8s flavour renders them with direct delivery.
import { parse } from 'yaml';
import { ActivePlacement, ClusterSet, ClusterSetApp, FleetMonitoring, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';

function rendered(): Array<Record<string, any>> {
  const app = new ClusterSetApp({ outdir: 'unused' });
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters().map((c, i) => ({ ...c, zone: `zone-${i}` })) });
  new MultiClusterService(fleet, 'app-a', {
    namespace: 'ns',
    image: 'team/app-a:1',
    ports: [
      { name: 'http', port: 80 },
      { name: 'http-metrics', port: 9100 },
    ],
    placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE })],
  });
  new FleetMonitoring(fleet, 'monitoring', {
    environment: 'prod',
    remoteWrite: { url: 'http://metrics.example.com/api/v1/write', dropReplicaLabel: true },
    alertmanagers: [{ name: 'alertmanager-operated' }],
  });
  return app.render().flatMap((folder) => folder.files.map((f) => parse(f.yaml) as Record<string, any>));
}

describe('monitoring objects against their schemas', () => {
  const all = rendered();
  const monitoring = all.filter((m) => m.apiVersion === 'monitoring.coreos.com/v1' || String(m.metadata?.name).startsWith('clusterset-prometheus'));

  test('the Prometheus of each cluster, its account and Roles, and the ServiceMonitor are written and valid', () => {
    expect(monitoring.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual([
      'Prometheus monitoring/clusterset',
      'Prometheus monitoring/clusterset',
      'Role ns/clusterset-prometheus',
      'RoleBinding ns/clusterset-prometheus',
      'ServiceAccount monitoring/clusterset-prometheus',
      'ServiceAccount monitoring/clusterset-prometheus',
      'ServiceMonitor ns/app-a',
    ]);
    expectValidAgainstSchemas(all);
  });

  test('a Prometheus or ServiceMonitor the CRDs refuse is caught', () => {
    const prometheus = monitoring.find((m) => m.kind === 'Prometheus') as Record<string, any>;
    const badRelabel = { ...prometheus, spec: { ...prometheus.spec, remoteWrite: [{ url: 'http://m', writeRelabelConfigs: [{ action: 'dropLabel' }] }] } };
    expect(() => expectValidAgainstSchemas([badRelabel])).toThrow(/Prometheus monitoring\/clusterset: .*writeRelabelConfigs\[0\]\.action/);
    const monitor = monitoring.find((m) => m.kind === 'ServiceMonitor') as Record<string, any>;
    expect(() => expectValidAgainstSchemas([{ ...monitor, spec: { ...monitor.spec, endpoints: [{ port: 9100 }] } }])).toThrow(/ServiceMonitor ns\/app-a: spec\.endpoints\[0\]\.port/);
  });
});
