// Every engine carries the whole workload: the pod template, its per-cluster overrides and the security
// defaults reach each cluster as the plan writes them (hub engines through their simulated upstream).
import { ActivePlacement, Delivery, type FleetPlan, JsonPatchOp, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, WorkloadKind } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { karmadaObjects } from '../../lib/engines/karmada';
import { kubeVelaApplications } from '../../lib/engines/kubevela';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const clusters = [
  { name: 'a', serviceCidr: '10.0.0.0/16', podCidr: '10.16.0.0/16' },
  { name: 'b', serviceCidr: '10.32.0.0/16', podCidr: '10.48.0.0/16' },
  { name: 'c', serviceCidr: '10.64.0.0/16', podCidr: '10.80.0.0/16' },
];

function service(workload: WorkloadKind): MultiClusterServiceOptions {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 2,
    workload,
    ports: [{ name: 'http', port: 8080 }],
    podTemplate: {
      spec: {
        serviceAccountName: 'web',
        containers: [
          { name: 'web', readinessProbe: { httpGet: { path: '/healthz', port: 8080 } }, volumeMounts: [{ name: 'config', mountPath: '/etc/web' }] },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.30' },
        ],
        initContainers: [{ name: 'migrate', image: 'team/migrate:1.0' }],
        volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
      },
    },
    // Created in each cluster by something else: the workload is what every engine must carry here (dependencies: test/engines/dependencies.test.ts).
    externalDependencies: [
      { kind: 'ServiceAccount', name: 'web' },
      { kind: 'ConfigMap', name: 'web-config' },
      { kind: 'ConfigMap', name: 'web-config-b' },
    ],
    ...(workload === WorkloadKind.STATEFUL_SET ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } : {}),
    clusterOverrides: {
      b: {
        env: { REGION: 'b' },
        patches: [
          { op: JsonPatchOp.REPLACE, path: '/spec/template/spec/containers/1/image', value: 'envoyproxy/envoy:v1.31' },
          { op: JsonPatchOp.REPLACE, path: '/spec/template/spec/volumes/0/configMap/name', value: 'web-config-b' },
        ],
      },
    },
    placements: [new ActivePlacement({ clusters: ['a', 'b'] }), new PlaceholderPlacement({ clusters: ['c'], networking: Networking.EXTERNAL_NAME })],
  };
}

function planFor(workload: WorkloadKind, delivery = Delivery.direct()): FleetPlan {
  return planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/web', name: 'web', options: service(workload) }] }, { delivery });
}

const workloadIn = (objects: readonly Obj[], kind: string): Obj => objects.find((o) => o.kind === kind) as Obj;
const planned = (plan: FleetPlan, cluster: string, kind: string) => workloadIn(plan.clusters.find((c) => c.cluster === cluster)?.objects.map((o) => o.manifest as Obj) ?? [], kind);

describe.each([WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET])('every engine carries the whole %s', (kind) => {
  test('the plan: cluster b differs only where its overrides say, and every object is schema-valid', () => {
    const plan = planFor(kind);
    const [a, b] = [planned(plan, 'a', kind), planned(plan, 'b', kind)];
    expect(b.spec.template.spec.containers[1].image).toBe('envoyproxy/envoy:v1.31');
    expect(b.spec.template.spec.volumes[0].configMap.name).toBe('web-config-b');
    expect(a.spec.template.spec.containers[1].image).toBe('envoyproxy/envoy:v1.30');
    expect(a.spec.template.spec.initContainers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expectValidAgainstSchemas(plan.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Obj)));
  });

  test.each([
    ['direct', Delivery.direct()],
    ['Argo CD', Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' })],
    ['Flux', Delivery.flux({ repoURL: 'https://git.example.com/fleet.git' })],
  ])('%s: each folder holds the planned workload spec', (_name, engine) => {
    const plan = planFor(kind, engine);
    const output = engine.deliver({ fleetName: 'fleet', clusters, plan });
    for (const cluster of ['a', 'b', 'c']) {
      const folder = output.clusters?.find((f) => f.cluster === cluster);
      // Argo CD adds its sync-wave annotation; what runs is the spec.
      expect(workloadIn(folder?.objects ?? [], kind)?.spec).toEqual(planned(plan, cluster, kind).spec);
    }
  });

  test.each(['Karmada', 'KubeVela'])('%s delivers each member the planned pod template and claims', (engine) => {
    const plan = planFor(kind, engine === 'Karmada' ? Delivery.karmada() : Delivery.kubeVela());
    const delivered = engine === 'Karmada' ? propagateKarmada(karmadaObjects(plan), clusters) : deliverKubeVela(kubeVelaApplications(plan), clusters);
    expect(delivered.problems).toEqual([]);
    for (const cluster of ['a', 'b', 'c']) {
      const got = workloadIn(delivered.objects[cluster] ?? [], kind);
      const want = planned(plan, cluster, kind);
      expect({ cluster, replicas: got?.spec.replicas, pod: got?.spec.template.spec, claims: got?.spec.volumeClaimTemplates }).toEqual({
        cluster,
        replicas: want.spec.replicas,
        pod: want.spec.template.spec,
        claims: want.spec.volumeClaimTemplates,
      });
    }
  });
});
