import { App } from 'cdk8s';
import { activeActiveClusters } from '../../examples/active-active/fleet';
import { activeActiveServices } from '../../examples/active-active/services';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { ActivePlacement, ClusterSet, ClusterSetApp, Delivery, type KubeVelaProps, MultiClusterService, type MultiClusterServiceOptions, Networking, OverriderOperator, type Overrides, PlaceholderPlacement, PodSecurityLevel, WorkloadKind } from '../../lib';
import { removeDir, tempDir } from '../support/files';
import { expectValidAgainstSchemas } from '../support/schema';
import { kubeVelaApplications } from '../../lib/engines/kubevela';
import { planFleet } from '../../lib/core/plan';

/** The hub's objects of a fleet delivered through KubeVela. */
function hubObjects(clusters = hybridClusters, services: Readonly<Record<string, MultiClusterServiceOptions>> = hybridServices, kubeVela: KubeVelaProps = {}): Array<Record<string, any>> {
  const app = new ClusterSetApp({ outdir: tempDir('vela') });
  try {
    const fleet = new ClusterSet(app, 'fleet', { clusters, delivery: Delivery.kubeVela(kubeVela) });
    for (const [id, options] of Object.entries(services)) new MultiClusterService(fleet, id, options);
    const folders = app.render();
    expect(folders.map((f) => f.folder)).toEqual(['hub']);
    return app.charts[0].toJson() as Array<Record<string, any>>;
  } finally {
    removeDir(app.outdir);
  }
}

/**
 * The hybrid services written as given (PodSecurityLevel.PRIVILEGED): webservice has no property for the
 * security fields every other level adds, so only such pods can go as webservice.
 */
const asGiven: Readonly<Record<string, MultiClusterServiceOptions>> = Object.fromEntries(
  Object.entries(hybridServices).map(([name, options]) => [name, { ...options, podSecurity: PodSecurityLevel.PRIVILEGED }]),
);

const policy = (application: Record<string, any>, name: string) => application.spec.policies.find((p: { name: string }) => p.name === name);

describe('Delivery.kubeVela()', () => {
  const hub = hubObjects(hybridClusters, asGiven);
  const appA = hub.find((o) => o.kind === 'Application' && o.metadata.name === 'app-a') as Record<string, any>;

  test('the hub output holds the Applications and the Namespaces they live in, nothing per cluster', () => {
    expect(hub.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual(['Namespace /ns', 'Application ns/app-a', 'Application ns/app-b']);
  });

  test('app-a: a topology policy per cluster', () => {
    const topologies = appA.spec.policies.filter((p: { type: string }) => p.type === 'topology');
    expect(topologies).toEqual([
      { name: 'topology-prodc', type: 'topology', properties: { clusters: ['prodc'], namespace: 'ns' } },
      { name: 'topology-localproda', type: 'topology', properties: { clusters: ['localproda'], namespace: 'ns' } },
    ]);
  });

  test('app-a: an override that scales the placeholder to 0 and one that sets the external registry', () => {
    expect(policy(appA, 'scaledown')).toEqual({
      name: 'scaledown',
      type: 'override',
      properties: { components: [{ name: '^app-a$', traits: [{ type: 'scaler', properties: { replicas: 0 } }] }] },
    });
    expect(policy(appA, 'image-localproda')).toEqual({
      name: 'image-localproda',
      type: 'override',
      properties: { components: [{ name: '^app-a$', properties: { image: 'registry.example.com/team/app-a:1.4.2' } }] },
    });
  });

  test('app-a: the workflow deploys to prodc first, then localproda with its overrides', () => {
    expect(appA.spec.workflow.steps).toEqual([
      { name: 'deploy-prodc', type: 'deploy', properties: { policies: ['topology-prodc', 'components-prodc'] } },
      {
        name: 'deploy-localproda',
        type: 'deploy',
        properties: { policies: ['topology-localproda', 'components-localproda', 'image-localproda', 'scaledown'] },
      },
    ]);
  });

  test('app-a: a webservice workload scaled by a trait, and each cluster’s Services and networking as k8s-objects', () => {
    const [workload, ...networking] = appA.spec.components;
    expect(workload).toMatchObject({ name: 'app-a', type: 'webservice', properties: { image: 'team/app-a:1.4.2' }, traits: [{ type: 'scaler', properties: { replicas: 3 } }] });
    expect(workload.properties.ports).toEqual([
      { name: 'http', port: 7070, protocol: 'TCP', expose: false },
      { name: 'http-alt', port: 8080, protocol: 'TCP', expose: false },
    ]);
    expect(networking.map((c: any) => [c.name, c.type, c.properties.objects.map((o: any) => o.kind)])).toEqual([
      ['app-a-prodc', 'k8s-objects', ['Service', 'ServiceExport']],
      ['app-a-localproda', 'k8s-objects', ['Service', 'VirtualService', 'ServiceEntry']],
    ]);
    expect(policy(appA, 'components-localproda').properties).toEqual({ selector: ['app-a', 'app-a-localproda'] });
  });

  test('every object is valid against the upstream schema', () => {
    expectValidAgainstSchemas(hub);
    const components = hub.flatMap((o) => (o.kind === 'Application' ? o.spec.components : []));
    expectValidAgainstSchemas(components.flatMap((c: any) => (c.type === 'k8s-objects' ? c.properties.objects : [])));
  });

  test('pods with the security defaults go as k8s-objects: webservice has no property for securityContext', () => {
    const secure = hubObjects().find((o) => o.kind === 'Application' && o.metadata.name === 'app-a') as Record<string, any>;
    const workload = secure.spec.components[0];
    expect(workload.type).toBe('k8s-objects');
    expect(workload.properties.objects[0].spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('manual approval before chosen clusters', () => {
    const approved = hubObjects(hybridClusters, hybridServices, { approveClusters: ['localproda'] }).find((o) => o.metadata.name === 'app-a') as Record<string, any>;
    expect(approved.spec.workflow.steps[1].properties.auto).toBe(false);
    expect(approved.spec.workflow.steps[0].properties.auto).toBeUndefined();
  });

  test('workloads webservice cannot express go as k8s-objects, whole per cluster', () => {
    const hubAA = hubObjects(activeActiveClusters, activeActiveServices);
    const checkout = hubAA.find((o) => o.metadata.name === 'checkout') as Record<string, any>;
    expect(checkout.spec.components[0].type).toBe('k8s-objects');
    // prodc, the first active cluster, is the base; the others replace the workload with their own.
    expect(checkout.spec.components[0].properties.objects[0].spec.template.spec.nodeSelector).toEqual({ 'topology.kubernetes.io/zone': 'cn-hangzhou-h' });
    const hangzhou = policy(checkout, 'workload-hangzhou-1').properties.components[0].properties.objects[0];
    expect(hangzhou.spec.template.spec.nodeSelector).toBeUndefined();
    expect(hangzhou.spec.replicas).toBe(2);
    const ledger = hubAA.find((o) => o.metadata.name === 'ledger') as Record<string, any>;
    expect(ledger.spec.components[0].properties.objects[0].kind).toBe('StatefulSet');
    expect(ledger.spec.workflow.steps[0].name).toBe('deploy-localproda');
    expectValidAgainstSchemas(hubAA);
  });

  test('there is no per-cluster chart to add objects to', () => {
    const fleet = new ClusterSet(new App(), 'fleet', { clusters: hybridClusters, delivery: Delivery.kubeVela() });
    expect(() => fleet.chart('prodc')).toThrow(/Delivery.kubeVela\(\) writes only the hub's objects/);
  });
});

describe('Delivery.kubeVela() with shared policies and workflows', () => {
  const hub = hubObjects(hybridClusters, hybridServices, { shared: true });

  test('topology policies become one external Policy per cluster and namespace, referenced by name', () => {
    expect(hub.filter((o) => o.kind === 'Policy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['ns/topology-prodc', 'ns/topology-localproda']);
    const appA = hub.find((o) => o.kind === 'Application' && o.metadata.name === 'app-a') as Record<string, any>;
    expect(appA.spec.policies.some((p: { type: string }) => p.type === 'topology')).toBe(false);
    expect(appA.spec.workflow).toEqual({ ref: 'app-a-deploy' });
    const workflow = hub.find((o) => o.kind === 'Workflow' && o.metadata.name === 'app-a-deploy') as Record<string, any>;
    expect(workflow.steps[0].properties.policies[0]).toBe('topology-prodc');
    expectValidAgainstSchemas(hub);
  });
});

describe('Delivery.kubeVela(): override policies as KubeVela applies them', () => {
  const clusters = [
    { name: 'c0', serviceCidr: '10.0.0.0/16', podCidr: '10.16.0.0/16' },
    { name: 'c1', serviceCidr: '10.32.0.0/16', podCidr: '10.48.0.0/16' },
  ];
  const application = (options: Partial<MultiClusterServiceOptions>, placeholderOverrides: Overrides = {}, activeOverrides: Overrides = {}) => {
    const service: MultiClusterServiceOptions = {
      namespace: 'ns',
      image: 'team/app:1.0.0',
      ports: [{ name: 'http', port: 8080 }],
      placements: [
        new ActivePlacement({ clusters: ['c0'], overrides: activeOverrides }),
        new PlaceholderPlacement({ clusters: ['c1'], networking: Networking.EXTERNAL_NAME, overrides: placeholderOverrides }),
      ],
      podSecurity: PodSecurityLevel.PRIVILEGED,
      ...options,
    };
    const [app] = kubeVelaApplications(planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/app', name: 'app', options: service }] }));
    return app as Record<string, any>;
  };
  const patchedNames = (app: Record<string, any>) =>
    app.spec.policies.flatMap((p: Record<string, any>) => (p.properties.components ?? []).map((c: { name: string }) => c.name));

  test('a patch names its component exactly: KubeVela matches the name as a regular expression anywhere in component names', () => {
    const app = application({ workload: WorkloadKind.STATEFUL_SET });
    expect(patchedNames(app)).toEqual(['^app$']);
    // A bare "app" would also reach "app-c1", the placeholder's Services, and replace its objects with the workload.
    const names = app.spec.components.map((c: { name: string }) => c.name);
    expect(names.filter((n: string) => new RegExp(patchedNames(app)[0]).test(n))).toEqual(['app']);
  });

  test('a cluster lacking a property of the base gets k8s-objects: merged overrides add and replace, never remove', () => {
    expect(application({}, {}, { env: { MODE: 'primary' } }).spec.components[0].type).toBe('k8s-objects');
    expect(application({}, { env: { MODE: 'standby' } }).spec.components[0].type).toBe('webservice');
  });

  test('resources webservice would render otherwise go as k8s-objects: a request alone would become a limit too', () => {
    expect(application({ resources: { requests: { cpu: '100m' } } }).spec.components[0].type).toBe('k8s-objects');
    expect(application({ resources: { limits: { cpu: '1' } } }).spec.components[0].type).toBe('k8s-objects');
    const both = application({ resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }).spec.components[0];
    expect(both.type).toBe('webservice');
    expect(both.properties).toMatchObject({ cpu: '100m', limit: { cpu: '1' } });
  });

  test('labels or annotations only on the Deployment go as k8s-objects: webservice puts them on the pods', () => {
    expect(application({}, { labelsOverriders: [{ operator: OverriderOperator.ADD, value: { zone: 'z1' } }] }).spec.components[0].type).toBe('k8s-objects');
    expect(application({}, { annotationsOverriders: [{ operator: OverriderOperator.ADD, value: { note: 'n' } }] }).spec.components[0].type).toBe('k8s-objects');
    expect(application({}, { labels: { zone: 'z1' } }).spec.components[0].type).toBe('webservice');
  });
});

describe('Delivery.kubeVela() component names', () => {
  test('a component name KubeVela could not write into its app.oam.dev/component label (over 63 characters) is refused with the fix', () => {
    const longCluster = `cluster-${'x'.repeat(50)}`;
    const clusters = [
      { name: 'prodc', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' },
      { name: longCluster, serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16' },
    ];
    const service: MultiClusterServiceOptions = {
      namespace: 'ns',
      image: 'team/checkout-service:1.0.0',
      ports: [{ name: 'http', port: 80 }],
      placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: [longCluster], networking: Networking.EXTERNAL_NAME })],
    };
    const plan = planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/checkout-service', name: 'checkout-service', options: service }] }, { delivery: Delivery.kubeVela() });
    const output = Delivery.kubeVela().deliver({ fleetName: 'fleet', clusters, plan });
    expect(output.problems).toEqual([
      `Delivery.kubeVela(): component "checkout-service-${longCluster}" of Application ns/checkout-service is 75 characters, and KubeVela writes it into the label ` +
        'app.oam.dev/component, at most 63; shorten the service\'s or the cluster\'s name',
    ]);
    expect(Delivery.kubeVela().deliver({ fleetName: 'fleet', clusters: hybridClusters, plan: planFleet({ path: 'fleet', clusters: hybridClusters, services: [] }) }).problems).toBeUndefined();
  });
});
