// A cdk8s-plus-27 Deployment or StatefulSet handed over to a MultiClusterService gives the same objects as
// its pod template given as `podTemplate`, and is written once, by clusterset.
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterSet, type FleetPlan, MultiClusterService, type MultiClusterServiceOptions } from '../../lib';
import { appA, find, objectsIn, problemsOf, twoClusters } from '../support/fleet';

/** The web service of the acceptance program, as cdk8s-plus describes it. */
function plusWeb(scope: Chart, kind: 'Deployment' | 'StatefulSet' = 'Deployment', containerName?: string): kplus.Deployment | kplus.StatefulSet {
  const props: kplus.WorkloadProps = {
    containers: [
      {
        ...(containerName ? { name: containerName } : {}),
        image: 'team/web:2.0.0',
        portNumber: 8080,
        readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
        resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: { toMebibytes: () => 256 } as never } },
      },
    ],
  };
  const workload = kind === 'Deployment' ? new kplus.Deployment(scope, 'web', props) : new kplus.StatefulSet(scope, 'web', props);
  const config = kplus.ConfigMap.fromConfigMapName(scope, 'config', 'web-config');
  workload.containers[0].mount('/etc/web', kplus.Volume.fromConfigMap(scope, 'config-volume', config));
  return workload;
}

/** The service's props, without the pods. */
const web = (): MultiClusterServiceOptions => ({
  ...appA(),
  name: 'web',
  image: 'team/web:2.0.0',
  dependencies: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'x: 1' } }],
});

function planWith(build: (scratch: Chart, fleet: ClusterSet) => void): { plan: FleetPlan; scratch: Record<string, unknown>[] } {
  const app = Testing.app();
  const scratch = new Chart(app, 'scratch');
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
  build(scratch, fleet);
  const plan = fleet.plan();
  return { plan, scratch: scratch.toJson() as Record<string, unknown>[] };
}

describe('a cdk8s-plus workload handed over', () => {
  test('plans exactly what its pod template given as podTemplate plans', () => {
    const handed = planWith((scratch, fleet) => new MultiClusterService(fleet, 'web', { ...web(), workloadTemplate: plusWeb(scratch) }));
    const asJson = planWith((scratch, fleet) => {
      const template = (ApiObject.of(plusWeb(scratch)).toJson() as any).spec.template;
      delete template.metadata.labels['cdk8s.io/metadata.addr'];
      if (Object.keys(template.metadata.labels).length === 0) delete template.metadata.labels;
      new MultiClusterService(fleet, 'web', { ...web(), podTemplate: template });
    });
    expect(handed.plan).toEqual(asJson.plan);
  });

  test('keeps its probes, mounts, volumes, security context and cdk8s-plus defaults, under the service selector', () => {
    const { plan, scratch } = planWith((s, fleet) => new MultiClusterService(fleet, 'web', { ...web(), workloadTemplate: plusWeb(s) }));
    const deployment = find(objectsIn(plan, 'prodc'), 'Deployment', 'web');
    const pod = deployment.spec.template;
    const container = pod.spec.containers[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    expect(container.startupProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 } });
    expect(container.volumeMounts).toEqual([{ mountPath: '/etc/web', name: 'configmap-web-config' }]);
    expect(pod.spec.volumes).toEqual([{ configMap: { name: 'web-config' }, name: 'configmap-web-config' }]);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true });
    expect(container.imagePullPolicy).toBe('Always');
    expect(container.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(pod.spec.restartPolicy).toBe('Always');
    // The path-derived label is gone: every cluster selects the pods by the service's stable labels.
    expect(JSON.stringify(deployment)).not.toContain('cdk8s.io/metadata.addr');
    expect(deployment.spec.selector.matchLabels).toEqual(find(objectsIn(plan, 'localproda'), 'Deployment', 'web').spec.selector.matchLabels);
    for (const [key, value] of Object.entries(deployment.spec.selector.matchLabels)) expect(pod.metadata.labels[key]).toBe(value);
    // Handed over: the scratch chart no longer writes it.
    expect(scratch).toEqual([]);
  });

  test('a StatefulSet becomes the service workload kind, and changes made after the service was declared are kept', () => {
    const { plan } = planWith((s, fleet) => {
      // With a second container, the service's is the one named like the service.
      const db = plusWeb(s, 'StatefulSet', 'web');
      new MultiClusterService(fleet, 'web', { ...web(), workloadTemplate: db });
      db.addContainer({ name: 'sidecar', image: 'team/proxy:1.0', portNumber: 9090 });
    });
    const set = find(objectsIn(plan, 'prodc'), 'StatefulSet', 'web');
    expect(set.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'sidecar']);
    expect(objectsIn(plan, 'prodc').filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['web']);
  });

  test('is written once, by clusterset, through the cdk8s app', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const scratch = new Chart(app, 'scratch');
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
    new MultiClusterService(fleet, 'web', { ...web(), workloadTemplate: plusWeb(scratch) });
    app.synth();
    expect(scratch.toJson()).toEqual([]);
    expect((fleet.chart('prodc').toJson() as Array<{ kind: string }>).filter((o) => o.kind === 'Deployment')).toHaveLength(1);
  });

  test.each([
    ['a DaemonSet', (s: Chart) => ({ workloadTemplate: new kplus.DaemonSet(s, 'agent', { containers: [{ image: 'a:1' }] }) }), 'workloadTemplate must be a cdk8s-plus-27 Deployment or StatefulSet, got'],
    ['a plain object', () => ({ workloadTemplate: { containers: [] } as never }), 'workloadTemplate must be a cdk8s-plus-27 Deployment or StatefulSet, got an object'],
    ['a podTemplate too', (s: Chart) => ({ workloadTemplate: plusWeb(s), podTemplate: { spec: {} } }), 'give either workloadTemplate or podTemplate, not both'],
    ['a workload kind too', (s: Chart) => ({ workloadTemplate: plusWeb(s), workload: 'StatefulSet' as never }), 'workload the string "StatefulSet" is set by workloadTemplate'],
  ])('with %s is refused, naming the construct', (_name, extra, message) => {
    const problems = problemsOf(() => planWith((s, fleet) => new MultiClusterService(fleet, 'web', { ...web(), ...extra(s) })));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`fleet/web: ${message}`);
  });
});
