// Every engine carries a service's dependencies to every cluster holding its workload, active and placeholder.
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  ClusterSetApp,
  Delivery,
  type IDeliveryEngine,
  JsonPatchOp,
  type Manifest,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
} from '../../lib';
import { removeDir, tempDir } from '../support/files';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const clusters: ClusterProps[] = ['a', 'b', 'c'].map((name, i) => ({ name, serviceCidr: `10.${96 + i}.0.0/16`, podCidr: `10.${200 + i}.0.0/16`, mesh: { network: `net-${name}` } }));

const config: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'x: 1' } };
const account: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } };
const role: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'web' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch'] }] };
const binding: Manifest = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'web' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web' },
  subjects: [{ kind: 'ServiceAccount', name: 'web' }],
};
const claim: Manifest = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'web-cache' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
const DEPENDENCIES = ['ConfigMap web-config', 'ServiceAccount web', 'Role web', 'RoleBinding web', 'PersistentVolumeClaim web-cache'];

const pod = {
  patches: [
    { op: JsonPatchOp.ADD, path: '/spec/template/spec/serviceAccountName', value: 'web' },
    {
      op: JsonPatchOp.ADD,
      path: '/spec/template/spec/volumes',
      value: [
        { name: 'config', configMap: { name: 'web-config' } },
        { name: 'cache', persistentVolumeClaim: { claimName: 'web-cache' } },
      ],
    },
    { op: JsonPatchOp.ADD, path: '/spec/template/spec/containers/0/envFrom', value: [{ secretRef: { name: 'web-secrets' } }] },
  ],
};

/** The acceptance program's web service: divided 2:1 over a and b, a placeholder in c, b with its own config. */
const web: MultiClusterServiceOptions = {
  namespace: 'shop',
  image: 'team/web:2.0.0',
  replicas: 9,
  ports: [{ name: 'http', port: 8080 }],
  scheduling: { type: ReplicaScheduling.DIVIDED, preferences: { a: { weight: 2 }, b: { weight: 1 } } },
  dependencies: [config, account, role, binding, claim],
  externalDependencies: [{ kind: 'Secret', name: 'web-secrets' }],
  clusterOverrides: { b: { dependencies: [{ ...config, data: { 'app.yaml': 'x: 2' } }] } },
  placements: [new ActivePlacement({ clusters: ['a', 'b'], overrides: pod }), new PlaceholderPlacement({ clusters: ['c'], networking: Networking.ISTIO, overrides: pod })],
};

/** Each chart's objects, by chart name. */
function synth(delivery: IDeliveryEngine): Record<string, Obj[]> {
  const app = new ClusterSetApp({ outdir: tempDir('deps') });
  try {
    const fleet = new ClusterSet(app, 'fleet', { clusters, delivery });
    new MultiClusterService(fleet, 'web', web);
    app.render();
    return Object.fromEntries(app.charts.map((c) => [c.node.id, c.toJson() as Obj[]]));
  } finally {
    removeDir(app.outdir);
  }
}

const names = (objects: readonly Obj[]) => objects.map((o) => `${o.kind} ${o.metadata.name}`);
const dependenciesIn = (objects: readonly Obj[]) => names(objects).filter((n) => DEPENDENCIES.includes(n));
const configData = (objects: readonly Obj[]) => objects.find((o) => o.kind === 'ConfigMap')?.data;

describe.each<[string, () => IDeliveryEngine]>([
  ['direct', () => Delivery.direct()],
  ['Argo CD', () => Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' })],
  ['Flux', () => Delivery.flux({ repoURL: 'https://git.example.com/fleet.git' })],
])('%s folders', (_, engine) => {
  const charts = synth(engine());

  test('every cluster folder holds the dependencies, placeholder included, with its own version', () => {
    for (const cluster of ['a', 'b', 'c']) expect(dependenciesIn(charts[cluster]).sort()).toEqual([...DEPENDENCIES].sort());
    expect(configData(charts.b)).toEqual({ 'app.yaml': 'x: 2' });
    expect(configData(charts.c)).toEqual({ 'app.yaml': 'x: 1' });
    expectValidAgainstSchemas(Object.values(charts).flat());
  });
});

test('ClusterSetApp writes them in the workload wave of each cluster folder, RBAC included', () => {
  const app = new ClusterSetApp({ outdir: tempDir('deps-files') });
  try {
    new MultiClusterService(new ClusterSet(app, 'fleet', { clusters }), 'web', web);
    // kubectl reads a folder in name order.
    const files = app.render().find((f) => f.folder === 'c')?.files.map((f) => f.file).sort();
    expect(files).toEqual([
      '0-Namespace.shop.k8s.yaml',
      '1-ConfigMap.shop.web-config.k8s.yaml',
      '1-Deployment.shop.web.k8s.yaml',
      '1-PersistentVolumeClaim.shop.web-cache.k8s.yaml',
      '1-Role.shop.web.k8s.yaml',
      '1-RoleBinding.shop.web.k8s.yaml',
      '1-Service.shop.web.k8s.yaml',
      '1-ServiceAccount.shop.web.k8s.yaml',
      '2-ServiceEntry.shop.external-web.k8s.yaml',
      '2-VirtualService.shop.web-cross-cluster.k8s.yaml',
    ]);
  } finally {
    removeDir(app.outdir);
  }
});

test('Argo CD syncs the dependencies in the workload wave, where Argo CD applies these kinds before Deployments', () => {
  const charts = synth(Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' }));
  const wave = (kind: string) => charts.c.find((o) => o.kind === kind)?.metadata.annotations['argocd.argoproj.io/sync-wave'];
  expect(['ConfigMap', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolumeClaim'].map(wave)).toEqual(['1', '1', '1', '1', '1']);
  expect(wave('Deployment')).toBe('1');
});

describe('Delivery.karmada()', () => {
  const hub = synth(Delivery.karmada()).hub;

  test('each dependency is one template with a Duplicated policy naming every cluster of the workload, placeholders included', () => {
    const policy = hub.find((o) => o.kind === 'PropagationPolicy' && o.metadata.name === 'web-config.configmap');
    expect(policy?.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'web-config', namespace: 'shop' }],
      placement: { clusterAffinity: { clusterNames: ['a', 'b', 'c'] }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    });
    expect(hub.filter((o) => o.kind === 'ConfigMap')).toHaveLength(1);
    expect(hub.find((o) => o.kind === 'OverridePolicy' && o.metadata.name === 'web-config-configmap')?.spec.overrideRules).toEqual([
      { targetCluster: { clusterNames: ['b'] }, overriders: { plaintext: [{ path: '/data', operator: 'replace', value: { 'app.yaml': 'x: 2' } }] } },
    ]);
    expectValidAgainstSchemas(hub);
  });

  test('Karmada delivers them to the placeholder, which holds no share of the divided workload', () => {
    const delivered = propagateKarmada(hub, clusters);
    expect(delivered.problems).toEqual([]);
    for (const cluster of ['a', 'b', 'c']) expect(dependenciesIn(delivered.objects[cluster]).sort()).toEqual([...DEPENDENCIES].sort());
    expect(names(delivered.objects.c)).not.toContain('Deployment web');
    expect(delivered.objects.a.find((o) => o.kind === 'Deployment')?.spec.replicas).toBe(6);
    expect(configData(delivered.objects.b)).toEqual({ 'app.yaml': 'x: 2' });
    expect(configData(delivered.objects.a)).toEqual({ 'app.yaml': 'x: 1' });
  });
});

test('Delivery.kubeVela() delivers them to every cluster in its per-cluster k8s-objects components', () => {
  const hub = synth(Delivery.kubeVela()).hub;
  const delivered = deliverKubeVela(hub, clusters);
  expect(delivered.problems).toEqual([]);
  for (const cluster of ['a', 'b', 'c']) expect(dependenciesIn(delivered.objects[cluster]).sort()).toEqual([...DEPENDENCIES].sort());
  expect(configData(delivered.objects.b)).toEqual({ 'app.yaml': 'x: 2' });
  const components = hub.find((o) => o.kind === 'Application')?.spec.components as Obj[];
  expect(components.find((c) => c.name === 'web-c')?.properties.objects.map((o: Obj) => o.kind)).toEqual(expect.arrayContaining(['ConfigMap', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolumeClaim']));
  expectValidAgainstSchemas(hub);
});
