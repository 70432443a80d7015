import type * as pulumi from '@pulumi/pulumi';
import { fakeClusterIP, installMocks, settle } from './mocks';

const registered = installMocks();

// The program of issue #3's acceptance, as written there (imports adjusted to this folder).
import { ActivePlacement, ClusterSet, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib/pulumi';

test('one Provider per cluster, every object under its cluster, the EndpointSlice reading app-a’s ClusterIP', async () => {
  const fleet = new ClusterSet('fleet', {
    clusters: [
      { name: 'prodc', context: 'prodc', kubeconfig: '~/.kube/prodc', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' },
      { name: 'localproda', context: 'localproda', kubeconfig: '~/.kube/localproda', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', registry: 'registry.example.com' },
    ],
  });
  const service = new MultiClusterService('app-a', {
    clusterSet: fleet,
    namespace: 'ns',
    image: 'team/app-a:1.4.2',
    replicas: 3,
    ports: [{ name: 'http', port: 7070 }],
    placements: [
      new ActivePlacement({ clusters: ['prodc'] }),
      new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE }),
    ],
  });
  await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));

  const providers = registered.filter((r) => r.type === 'pulumi:providers:kubernetes');
  expect(providers.map((p) => p.name).sort()).toEqual(['fleet-localproda', 'fleet-prodc']);
  const objects = registered.filter((r) => r.type.startsWith('kubernetes:'));
  const clusterOf = (r: (typeof registered)[number]) => (r.provider?.includes('fleet-prodc') ? 'prodc' : r.provider?.includes('fleet-localproda') ? 'localproda' : 'none');
  const byCluster = (cluster: string) => objects.filter((r) => clusterOf(r) === cluster).map((r) => `${r.type} ${r.name}`).sort();
  expect(byCluster('prodc')).toEqual([
    'kubernetes:apps/v1:Deployment fleet/prodc/ns/app-a',
    'kubernetes:core/v1:Namespace fleet/prodc/ns',
    'kubernetes:core/v1:Service fleet/prodc/ns/app-a',
    'kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport fleet/prodc/ns/app-a',
  ]);
  expect(byCluster('localproda')).toEqual([
    'kubernetes:apps/v1:Deployment fleet/localproda/ns/app-a',
    'kubernetes:core/v1:Namespace fleet/localproda/ns',
    'kubernetes:core/v1:Service fleet/localproda/ns/app-a',
    'kubernetes:discovery.k8s.io/v1:EndpointSlice fleet/localproda/ns/app-a-prodc',
  ]);
  expect(objects.filter((r) => clusterOf(r) === 'none')).toEqual([]);

  const slice = objects.find((r) => r.type === 'kubernetes:discovery.k8s.io/v1:EndpointSlice');
  expect(slice?.inputs.endpoints[0].addresses).toEqual([fakeClusterIP('fleet/prodc/ns/app-a')]);
  const placeholder = objects.find((r) => r.name === 'fleet/localproda/ns/app-a' && r.type === 'kubernetes:apps/v1:Deployment');
  expect(placeholder?.inputs.spec.replicas).toBe(0);
  expect(placeholder?.inputs.spec.template.spec.containers[0].image).toBe('registry.example.com/team/app-a:1.4.2');
});
