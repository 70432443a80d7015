import * as os from 'node:os';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { exportingWiring, plan, problemsOf, synthFleet, twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';
import { installMocks, settle } from './mocks';
import { ActivePlacement, ClusterSet, ClusterSetValidationError, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib/pulumi';

const registered = installMocks();

/** Creates the hybrid example's services on a fresh fleet named `fleet` and waits for every resource. */
async function deployHybrid(fleetName: string): Promise<{ fleet: ClusterSet; services: MultiClusterService[] }> {
  const fleet = new ClusterSet(fleetName, { clusters: hybridClusters.map((c) => ({ ...c, context: c.name })) });
  const services = Object.entries(hybridServices).map(([name, options]) => new MultiClusterService(`${fleetName}-${name}`, { ...options, name, clusterSet: fleet }));
  await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
  return { fleet, services };
}

/**
 * The problems of a fleet-wide check that failed once the component was registered: a pulumi.ResourceError
 * on that component, saying nothing was deployed for it, caused by a ClusterSetValidationError.
 */
function resourceProblemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    if (!pulumi.ResourceError.isInstance(error)) throw error;
    const cause = (error as Error & { cause?: unknown }).cause;
    if (!(cause instanceof ClusterSetValidationError)) throw error;
    expect(error.resource).toBeInstanceOf(MultiClusterService);
    expect(error.message).toContain(`Nothing was deployed for `);
    expect(error.message).toContain(cause.message);
    return cause.problems;
  }
  return [];
}

const of = (fleetName: string) => registered.filter((r) => r.provider?.includes(`${fleetName}-`) || r.name.startsWith(`${fleetName}-`) || r.name.startsWith(`${fleetName}/`));
const findUrn = (urns: readonly string[], type: string, name: string) => urns.some((u) => u.endsWith(`${type}::${name}`));

describe('the Pulumi flavour', () => {
  test('creates from the same plan as the cdk8s flavour, cluster by cluster', async () => {
    await deployHybrid('parity');
    const pulumiObjects = (cluster: string) =>
      of('parity')
        .filter((r) => r.type.startsWith('kubernetes:') && r.provider?.includes(`parity-${cluster}::`))
        .map((r) => `${r.inputs.apiVersion} ${r.inputs.kind} ${r.inputs.metadata.namespace ?? ''}/${r.inputs.metadata.name}`)
        .sort();
    const rendered = synthFleet({ ...hybridServices }, hybridClusters.map((c) => ({ ...c })));
    for (const cluster of ['prodc', 'localproda']) {
      const cdk8sObjects = rendered[cluster].map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
      expect(pulumiObjects(cluster)).toEqual(cdk8sObjects);
    }
  });

  test('every resource input is valid against its upstream schema', async () => {
    await deployHybrid('schema');
    const inputs = of('schema').filter((r) => r.type.startsWith('kubernetes:')).map((r) => r.inputs);
    expect(inputs.length).toBe(15);
    expectValidAgainstSchemas(inputs);
  });

  test('a pod template and the security defaults reach the Deployment inputs as the cdk8s flavour writes them', async () => {
    const fleet = new ClusterSet('podtpl', { clusters: hybridClusters.map((c) => ({ ...c, context: c.name })) });
    const options = {
      ...hybridServices['app-a'],
      podTemplate: { spec: { containers: [{ name: 'app-a', readinessProbe: { httpGet: { path: '/healthz', port: 7070 } } }], priorityClassName: 'high' } },
    };
    const service = new MultiClusterService('podtpl-app-a', { ...options, name: 'app-a', clusterSet: fleet });
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    const deployments = of('podtpl').filter((r) => r.type === 'kubernetes:apps/v1:Deployment').map((r) => r.inputs);
    const cdk8s = synthFleet({ 'app-a': options }, hybridClusters.map((c) => ({ ...c })));
    expect(deployments).toHaveLength(2);
    for (const d of deployments) {
      expect(d.spec.template.spec.priorityClassName).toBe('high');
      expect(d.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      const same = Object.values(cdk8s).flat().filter((o) => o.kind === 'Deployment');
      expect(same.map((o) => o.spec.template)).toContainEqual(d.spec.template);
    }
    expectValidAgainstSchemas(deployments);
  });

  test('declared Namespaces are created with their labels in every cluster of their services, once', async () => {
    const fleet = new ClusterSet('labelled', {
      clusters: hybridClusters.map((c) => ({ ...c, context: c.name })),
      namespaces: [{ name: 'ns', labels: { 'istio-injection': 'enabled' }, annotations: { 'example.com/team': 'a' } }],
    });
    const services = Object.entries(hybridServices).map(([name, options]) => new MultiClusterService(`labelled-${name}`, { ...options, name, clusterSet: fleet }));
    await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const namespaces = of('labelled').filter((r) => r.type === 'kubernetes:core/v1:Namespace');
    expect(namespaces.map((r) => r.name).sort()).toEqual(['labelled/localproda/ns', 'labelled/prodc/ns']);
    for (const ns of namespaces) {
      expect(ns.inputs.metadata.labels).toEqual({ 'istio-injection': 'enabled', 'app.kubernetes.io/managed-by': 'clusterset' });
      expect(ns.inputs.metadata.annotations).toEqual({ 'example.com/team': 'a' });
    }
    expectValidAgainstSchemas(namespaces.map((r) => r.inputs));
  });

  test('a ClusterSet refuses a malformed declared Namespace before registering anything', () => {
    expect(problemsOf(() => new ClusterSet('badns', { clusters: twoClusters(), namespaces: [{ name: 'kube-system', labels: { a: 'b' } }] }))).toEqual([
      'badns/namespaces[0]: name "kube-system" is a Namespace Kubernetes creates itself, which clusterset does not own; label it with the tool that manages the cluster, or use a Namespace of your own',
    ]);
    expect(of('badns')).toEqual([]);
  });

  test('placeholders wait for the active cluster’s Service and ServiceExport; objects wait for their Namespace', async () => {
    await deployHybrid('order');
    const objects = of('order').filter((r) => r.type.startsWith('kubernetes:'));
    const slice = objects.find((r) => r.type === 'kubernetes:discovery.k8s.io/v1:EndpointSlice');
    // app-b runs in localproda; prodc holds its placeholder.
    expect(findUrn(slice?.dependencies ?? [], 'kubernetes:core/v1:Service', 'order/localproda/ns/app-b')).toBe(true);
    expect(findUrn(slice?.dependencies ?? [], 'kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport', 'order/localproda/ns/app-b')).toBe(true);
    const vs = objects.find((r) => r.type.endsWith(':VirtualService'));
    expect(findUrn(vs?.dependencies ?? [], 'kubernetes:core/v1:Service', 'order/prodc/ns/app-a')).toBe(true);
    const activeDeployment = objects.find((r) => r.type === 'kubernetes:apps/v1:Deployment' && r.name === 'order/prodc/ns/app-a');
    expect(activeDeployment?.dependencies.filter((u) => u.includes('Service'))).toEqual([]);
    expect(findUrn(activeDeployment?.dependencies ?? [], 'kubernetes:core/v1:Namespace', 'order/prodc/ns')).toBe(true);
    // One Namespace per cluster, shared by both services.
    expect(objects.filter((r) => r.type === 'kubernetes:core/v1:Namespace').map((r) => r.name).sort()).toEqual(['order/localproda/ns', 'order/prodc/ns']);
  });

  test('components carry their type tokens, and every object its component as parent', async () => {
    const { services } = await deployHybrid('tree');
    const objects = of('tree').filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:core/v1:Namespace');
    expect(objects.every((r) => r.parent.includes('clusterset:index:MultiClusterService'))).toBe(true);
    const namespaces = of('tree').filter((r) => r.type === 'kubernetes:core/v1:Namespace');
    expect(namespaces.every((r) => r.parent.includes('clusterset:index:ClusterSet'))).toBe(true);
    expect(services[0].clusters).toEqual({
      prodc: { role: 'active', replicas: 3, objects: ['Namespace ns', 'Deployment ns/app-a', 'Service ns/app-a', 'ServiceExport ns/app-a'] },
      localproda: {
        role: 'placeholder',
        networking: 'ISTIO',
        replicas: 0,
        objects: ['Namespace ns', 'Deployment ns/app-a', 'Service ns/app-a', 'VirtualService ns/app-a-cross-cluster', 'ServiceEntry ns/external-app-a'],
      },
    });
    expect(services[0].clustersetHost).toBe('app-a.ns.svc.clusterset.local');
  });

  test('a pinned ClusterIP is used as is, without waiting for the live Service', async () => {
    const fleet = new ClusterSet('pinned', { clusters: twoClusters() });
    const service = new MultiClusterService('pinned-app', {
      clusterSet: fleet,
      name: 'app-a',
      namespace: 'ns',
      image: 'team/app-a:1',
      ports: [{ name: 'http', port: 80 }],
      placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: '10.96.0.77' }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE })],
    });
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    const objects = of('pinned');
    expect(objects.find((r) => r.type.endsWith(':EndpointSlice'))?.inputs.endpoints[0].addresses).toEqual(['10.96.0.77']);
    expect(objects.find((r) => r.type === 'kubernetes:core/v1:Service' && r.name === 'pinned/prodc/ns/app-a')?.inputs.spec.clusterIP).toBe('10.96.0.77');
  });

  test('kubeconfig content reaches only the Provider, as a secret', async () => {
    const content = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: TOP-SECRET-TOKEN\n';
    const fleet = new ClusterSet('secret', { clusters: twoClusters().map((c) => ({ ...c, kubeconfig: content })) });
    const service = new MultiClusterService('secret-app', { ...hybridServices['app-a'], name: 'app-a', clusterSet: fleet });
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    const providers = of('secret').filter((r) => r.type === 'pulumi:providers:kubernetes');
    expect(providers).toHaveLength(2);
    const others = of('secret').filter((r) => r.type !== 'pulumi:providers:kubernetes');
    expect(JSON.stringify(others.map((r) => r.inputs))).not.toContain('TOP-SECRET');
    expect(JSON.stringify(service.clusters)).not.toContain('TOP-SECRET');
    for (const provider of providers) {
      // The engine receives the value wrapped in Pulumi's secret envelope, so it is encrypted in state.
      expect(provider.inputs.kubeconfig).toEqual({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: content });
    }
  });

  test('a kubeconfig path has its home directory expanded, still as a secret', async () => {
    const fleet = new ClusterSet('home', { clusters: twoClusters().map((c) => ({ ...c, kubeconfig: `~/.kube/${c.name}`, context: `${c.name}-ctx` })) });
    await settle(Object.values(fleet.providers).map((p) => p.urn as pulumi.Output<unknown>));
    const provider = of('home').find((r) => r.name === 'home-prodc');
    expect(provider?.inputs.kubeconfig).toEqual({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: `${os.homedir()}/.kube/prodc` });
    expect(provider?.inputs.context).toBe('prodc-ctx');
  });

  test('an existing provider is used as given', async () => {
    const existing = new k8s.Provider('given-prodc', { context: 'somewhere' });
    const fleet = new ClusterSet('given', { clusters: twoClusters().map((c) => (c.name === 'prodc' ? { ...c, provider: existing } : c)) });
    expect(fleet.provider('prodc')).toBe(existing);
    expect(() => fleet.provider('mars')).toThrow('given: no cluster "mars" in this ClusterSet (known: prodc, localproda)');
  });

  test('bad input raises the same problems as in the cdk8s flavour', () => {
    const bad = { ...hybridServices['app-a'], placements: [new ActivePlacement({ clusters: ['nope'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })] };
    const fromCdk8s = problemsOf(() => plan({ 'app-a': bad }));
    const fleet = new ClusterSet('fleet', { clusters: twoClusters() });
    const fromPulumi = problemsOf(() => new MultiClusterService('app-a', { ...bad, clusterSet: fleet }));
    expect(fromPulumi).toEqual(fromCdk8s);
    expect(fromPulumi.length).toBeGreaterThan(0);
    expect(() => new ClusterSet('broken', { clusters: [...twoClusters(), { ...twoClusters()[0] }] })).toThrow(ClusterSetValidationError);
  });

  test('exports that would conflict are refused as in the cdk8s flavour (checked on the emitted plan)', () => {
    const conflicting = {
      ...hybridServices['app-a'],
      placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.custom(exportingWiring) })],
    };
    const fromCdk8s = problemsOf(() => plan({ 'app-a': conflicting }));
    const fleet = new ClusterSet('conflict', { clusters: twoClusters() });
    const fromPulumi = problemsOf(() => new MultiClusterService('app-a', { ...conflicting, clusterSet: fleet }));
    expect(fromPulumi).toEqual(fromCdk8s.map((p) => p.replace(/^fleet\//, 'conflict/')));
    expect(fromPulumi[0]).toContain('Conflict (TypeConflict)');
  });

  test('two services with one namespace and name are refused', () => {
    const fleet = new ClusterSet('dupes', { clusters: twoClusters() });
    new MultiClusterService('dupes-one', { ...hybridServices['app-b'], name: 'app-b', clusterSet: fleet });
    expect(resourceProblemsOf(() => new MultiClusterService('dupes-two', { ...hybridServices['app-b'], name: 'app-b', clusterSet: fleet }))).toEqual(
      expect.arrayContaining(['dupes/dupes-two: service "ns/app-b" is already defined by dupes/dupes-one; give one of them another name or namespace']),
    );
  });

  test('the fleet-wide checks hold across services: pinned addresses and emitted objects', () => {
    const fleet = new ClusterSet('clash', { clusters: twoClusters() });
    const pinned = (name: string) => ({
      ...hybridServices['app-a'],
      name,
      placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: '10.96.0.50' }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE })],
    });
    new MultiClusterService('clash-one', { ...pinned('one'), clusterSet: fleet });
    expect(resourceProblemsOf(() => new MultiClusterService('clash-two', { ...pinned('two'), clusterSet: fleet }))).toEqual([
      'clash/clash-two: clusterIP "10.96.0.50" is already taken by clash/clash-one in cluster "prodc"; pick a free address of 10.96.0.0/16 (cluster "prodc"), best in its static band',
    ]);
  });

  test('two fleets sharing cluster names in one program give every resource its own name', async () => {
    const services = ['blue', 'green'].map((fleetName) => {
      const fleet = new ClusterSet(fleetName, { clusters: twoClusters() });
      return new MultiClusterService(`${fleetName}-app`, { ...hybridServices['app-a'], name: 'app-a', clusterSet: fleet });
    });
    await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const names = [...of('blue'), ...of('green')].filter((r) => r.type.startsWith('kubernetes:')).map((r) => `${r.type}::${r.name}`);
    expect(names.length).toBe(18);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the fleet can come from stack configuration', () => {
    pulumi.runtime.setConfig('clusterset:clusters', JSON.stringify(hybridClusters.map((c) => ({ ...c, kubeconfig: `~/.kube/${c.name}` }))));
    const fleet = ClusterSet.fromConfig('configured');
    expect(fleet.clusters.map((c) => c.name)).toEqual(['prodc', 'localproda']);
    expect(Object.keys(fleet.providers)).toEqual(['prodc', 'localproda']);
  });
});
