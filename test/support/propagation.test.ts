// The propagation simulators on hand-written hub objects: the upstream behaviours the route property
// relies on, each stated once.
import { propagateKarmada } from './karmada-propagation';
import { deliverKubeVela } from './kubevela-delivery';

type Obj = Record<string, any>;

const clusters = [
  { name: 'a', labels: { region: 'east' }, serviceCidr: '10.0.0.0/16' },
  { name: 'b', labels: { region: 'west' }, serviceCidr: '10.32.0.0/16' },
];
const deployment = (replicas: number, image = 'team/app:1.0'): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app', namespace: 'ns' },
  spec: { replicas, selector: { matchLabels: { app: 'app' } }, template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image }] } } },
});
const service = (clusterIP?: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'app', namespace: 'ns' },
  spec: { ...(clusterIP ? { clusterIP } : {}), selector: { app: 'app' }, ports: [{ port: 80 }] },
});
const propagation = (kinds: string[], placement: Obj): Obj => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'app', namespace: 'ns' },
  spec: { resourceSelectors: kinds.map((kind) => ({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name: 'app' })), placement },
});
const found = (objects: Obj[] | undefined, kind: string) => objects?.find((o) => o.kind === kind);

describe('Karmada propagation', () => {
  test.each([
    [9, 1, 2, 3, 6],
    [9, 1, 3, 2, 7],
    [3, 1, 1, 2, 1],
  ])('%i replicas weighted %i:%i divide by the Webster method as %i:%i (a tie to the smaller name, then flagged as UID-dependent)', (total, wa, wb, ra, rb) => {
    const placement = {
      clusterAffinity: { clusterNames: ['a', 'b'] },
      replicaScheduling: {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['a'] }, weight: wa }, { targetCluster: { clusterNames: ['b'] }, weight: wb }] },
      },
    };
    const delivered = propagateKarmada([deployment(total), propagation(['Deployment'], placement)], clusters);
    expect([found(delivered.objects.a, 'Deployment')?.spec.replicas, found(delivered.objects.b, 'Deployment')?.spec.replicas]).toEqual([ra, rb]);
    expect(delivered.problems.length > 0).toBe(wa === wb && total % 2 === 1);
  });

  test('a divided workload skips a cluster left with 0 replicas; a Service under the same policy goes everywhere', () => {
    const placement = {
      clusterAffinity: { clusterNames: ['a', 'b'] },
      replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['a'] }, weight: 1 }] } },
    };
    const delivered = propagateKarmada([deployment(2), service(), propagation(['Deployment', 'Service'], placement)], clusters);
    expect(found(delivered.objects.b, 'Deployment')).toBeUndefined();
    expect(found(delivered.objects.b, 'Service')).toBeDefined();
  });

  test('a Service loses its ClusterIP, even one an override adds, and the member allocates another', () => {
    const override = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'app-service', namespace: 'ns' },
      spec: { resourceSelectors: [{ apiVersion: 'v1', kind: 'Service', name: 'app' }], overrideRules: [{ targetCluster: { clusterNames: ['b'] }, overriders: { plaintext: [{ path: '/spec/clusterIP', operator: 'add', value: '10.32.0.10' }] } }] },
    };
    const delivered = propagateKarmada([service('10.0.0.10'), propagation(['Service'], { clusterAffinity: { clusterNames: ['a', 'b'] } }), override], clusters);
    expect(found(delivered.objects.a, 'Service')?.spec.clusterIP).toBe('10.0.255.254');
    expect(found(delivered.objects.b, 'Service')?.spec.clusterIP).toBe('10.32.255.254');
    expect(delivered.allocated).toEqual({ a: ['ns/app'], b: ['ns/app'] });
  });

  test('an imageOverrider writes back a tag or a digest, never both', () => {
    const image = `team/app:1.0@sha256:${'ab'.repeat(32)}`;
    const override = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'app-deployment', namespace: 'ns' },
      spec: { overrideRules: [{ overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.example.com' }] } }] },
    };
    const delivered = propagateKarmada([deployment(1, image), propagation(['Deployment'], { clusterAffinity: { clusterNames: ['a'] } }), override], clusters);
    expect(found(delivered.objects.a, 'Deployment')?.spec.template.spec.containers[0].image).toBe('registry.example.com/team/app:1.0');
  });
});

describe('KubeVela delivery', () => {
  const application = (policies: Obj[], steps: string[][]): Obj => ({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: 'app', namespace: 'ns' },
    spec: {
      components: [
        { name: 'app', type: 'webservice', properties: { image: 'team/app:1.0', env: [{ name: 'A', value: '1' }] }, traits: [{ type: 'scaler', properties: { replicas: 3 } }] },
        { name: 'app-a', type: 'k8s-objects', properties: { objects: [service()] } },
      ],
      policies: [{ name: 'topology-a', type: 'topology', properties: { clusterLabelSelector: { region: 'east' } } }, ...policies],
      workflow: { steps: steps.map((policies, i) => ({ name: `deploy-${i}`, type: 'deploy', properties: { policies } })) },
    },
  });

  test('a patch name reaches every component whose name contains it, unless anchored', () => {
    const replace = (name: string) => ({ name: 'objects', type: 'override', properties: { components: [{ name, properties: { objects: [deployment(1)] } }] } });
    const loose = deliverKubeVela([application([replace('app')], [['topology-a', 'objects']])], clusters);
    expect(found(loose.objects.a, 'Service')).toBeUndefined();
    const exact = deliverKubeVela([application([replace('^app-a$')], [['topology-a', 'objects']])], clusters);
    expect(found(exact.objects.a, 'Service')).toBeUndefined();
    const none = deliverKubeVela([application([replace('^app$')], [['topology-a', 'objects']])], clusters);
    expect(found(none.objects.a, 'Service')).toBeDefined();
  });

  test('trait properties merge, so replicas 0 scales down; a null property is refused by webservice', () => {
    const scaledown = { name: 'scaledown', type: 'override', properties: { components: [{ name: '^app$', traits: [{ type: 'scaler', properties: { replicas: 0 } }] }] } };
    const scaled = deliverKubeVela([application([scaledown], [['topology-a', 'scaledown']])], clusters);
    expect(found(scaled.objects.a, 'Deployment')?.spec.replicas).toBe(0);
    expect(found(scaled.objects.b, 'Deployment')).toBeUndefined();
    const removal = { name: 'no-env', type: 'override', properties: { components: [{ name: '^app$', properties: { env: null } }] } };
    expect(deliverKubeVela([application([removal], [['topology-a', 'no-env']])], clusters).problems).toEqual([
      'Application ns/app: component app: webservice property env is null, which its definition refuses',
    ]);
  });

  test('webservice selects its pods by app.oam.dev/component and turns a cpu request into a limit too', () => {
    const app = application([], [['topology-a']]);
    app.spec.components[0].properties.cpu = '100m';
    const rendered = found(deliverKubeVela([app], clusters).objects.a, 'Deployment') as Obj;
    expect(rendered.spec.selector).toEqual({ matchLabels: { 'app.oam.dev/component': 'app' } });
    expect(rendered.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m' }, limits: { cpu: '100m' } });
  });
});
