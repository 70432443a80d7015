import * as pulumi from '@pulumi/pulumi';
import { hybridServices } from '../../examples/hybrid/services';
import { problemsOf, twoClusters } from '../support/fleet';
import { installMocks } from './mocks';
import { ClusterSet, MultiClusterService } from '../../lib/pulumi';

const registered = installMocks();

/** Registrations reach the mock engine asynchronously: give them time to arrive, then list those named `name`. */
async function registeredAs(name: string): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return registered.filter((r) => r.name === name || r.name.startsWith(`${name}/`) || r.name.startsWith(`${name}-`)).map((r) => `${r.type}::${r.name}`);
}

describe('the Pulumi flavour given malformed args', () => {
  test('a malformed fleet is refused before anything is registered', async () => {
    expect(problemsOf(() => new ClusterSet('bad', null as never))).toEqual(['bad: args must be an object such as { clusters: [...] }, got null']);
    const clusters = twoClusters();
    expect(
      problemsOf(() => new ClusterSet('bad', { clusters: [{ ...clusters[0], kubeconfig: 42, contxt: 'prodc' } as never, { ...clusters[1], provider: 'default' } as never] })),
    ).toEqual([
      'bad/clusters[0]: unknown field "contxt" (did you mean "context"?)',
      'bad/clusters[0]: kubeconfig must be a kubeconfig path or content (a string, or a Pulumi Output of one), got the number 42',
      'bad/clusters[1]: provider must be a kubernetes.Provider, got the string "default"',
    ]);
    expect(problemsOf(() => new ClusterSet('bad', { clusters: [{ ...clusters[0], mesh: {} as never }] }))).toEqual(['bad/clusters[0]: mesh is empty; give mesh: { network: ... } or remove it']);
    expect(await registeredAs('bad')).toEqual([]);
    // The same wait sees a fleet that was created.
    new ClusterSet('good', { clusters: twoClusters() });
    expect(await registeredAs('good')).toContain('clusterset:index:ClusterSet::good');
  });

  test('stack configuration without clusters, or with malformed ones, says where to fix it', () => {
    expect(problemsOf(() => ClusterSet.fromConfig('configured', undefined, 'nothing-here'))).toEqual([
      'configured: stack configuration has no nothing-here:clusters; set it in Pulumi.<stack>.yaml as a list of clusters such as [{ name, serviceCidr, podCidr }]',
    ]);
    pulumi.runtime.setConfig('broken:clusters', '[{"name": "prodc", "serviceCidr": "10.96.0.0/16", "podCidr": "10.244.0.0/16", "capacity": "10"}]');
    expect(problemsOf(() => ClusterSet.fromConfig('configured', undefined, 'broken'))).toEqual(['configured/clusters[0]: capacity must be a whole number, got the string "10"']);
    pulumi.runtime.setConfig('unparsable:clusters', '[{');
    expect(problemsOf(() => ClusterSet.fromConfig('configured', undefined, 'unparsable'))).toEqual([
      'configured: stack configuration unparsable:clusters is not valid JSON or YAML; give it as a list of clusters such as [{ name, serviceCidr, podCidr }]',
    ]);
  });

  test('a malformed service is refused before its component is registered', async () => {
    const fleet = new ClusterSet('svc', { clusters: twoClusters() });
    expect(problemsOf(() => new MultiClusterService('svc-a', undefined as never))).toEqual([
      'svc-a: args must be an object such as { clusterSet, image, ports, placements }, got undefined',
    ]);
    expect(problemsOf(() => new MultiClusterService('svc-a', { ...hybridServices['app-a'] } as never))).toEqual([
      "svc-a: clusterSet is required; pass the fleet, such as ClusterSet.fromConfig('fleet')",
    ]);
    expect(problemsOf(() => new MultiClusterService('svc-a', { ...hybridServices['app-a'], clusterSet: 'svc' as never }))).toEqual([
      'svc-a: clusterSet must be a ClusterSet, got the string "svc"',
    ]);
    expect(problemsOf(() => new MultiClusterService('svc-a', { ...hybridServices['app-a'], replicas: '3' as never, clusterSet: fleet }))).toEqual([
      'svc/svc-a: replicas must be a whole number, got the string "3"',
    ]);
    expect(await registeredAs('svc-a')).toEqual([]);
  });
});
