// The Pulumi flavour creates the autoscalers and budgets under the providers of the clusters that run the
// service, as typed @pulumi/kubernetes resources, and leaves the workload's replicas out where an
// autoscaler owns them: Pulumi's server-side apply then leaves the field to the autoscaler.
import type * as pulumi from '@pulumi/pulumi';
import { ActivePlacement, ClusterSet, MultiClusterService, Networking, PlaceholderPlacement, ReplicaScheduling } from '../../lib/pulumi';
import { expectValidAgainstSchemas } from '../support/schema';
import { installMocks, settle } from './mocks';

const registered = installMocks();

const clusters = ['a', 'b', 'c'].map((name, i) => ({ name, labels: { region: name }, serviceCidr: `10.${i * 16}.0.0/16`, podCidr: `10.${128 + i * 16}.0.0/16`, context: name }));

test('autoscalers with divided bounds and budgets in a and b, none in the placeholder c; workloads without replicas where autoscaled', async () => {
  const fleet = new ClusterSet('scale', { clusters });
  const web = new MultiClusterService('scale-web', {
    clusterSet: fleet,
    name: 'web',
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 9,
    ports: [{ name: 'http', port: 8080 }],
    scheduling: { type: ReplicaScheduling.DIVIDED, preferences: { a: { weight: 2 }, b: { weight: 1 } } },
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    placements: [new ActivePlacement({ clusters: ['a', 'b'] }), new PlaceholderPlacement({ clusters: ['c'], networking: Networking.EXTERNAL_NAME })],
  });
  await settle([...web.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
  const inCluster = (cluster: string, type: string) => registered.filter((r) => r.type === type && r.provider?.includes(`scale-${cluster}::`)).map((r) => r.inputs);
  const hpa = 'kubernetes:autoscaling/v2:HorizontalPodAutoscaler';
  const pdb = 'kubernetes:policy/v1:PodDisruptionBudget';
  expect(['a', 'b', 'c'].map((c) => inCluster(c, hpa).map((h) => `${h.spec.minReplicas}-${h.spec.maxReplicas}`))).toEqual([['2-8'], ['1-4'], []]);
  expect(['a', 'b', 'c'].map((c) => inCluster(c, pdb).map((p) => p.spec.maxUnavailable))).toEqual([[1], [1], []]);
  expect(['a', 'b', 'c'].map((c) => inCluster(c, 'kubernetes:apps/v1:Deployment').map((d) => d.spec.replicas))).toEqual([[undefined], [undefined], [0]]);
  expectValidAgainstSchemas(['a', 'b'].flatMap((c) => [...inCluster(c, hpa), ...inCluster(c, pdb)]));
});
