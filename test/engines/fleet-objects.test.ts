// Objects of the fleet and of namespaces (issue 12's governance and monitoring) reach every member cluster
// that holds them through the hub engines, as the plan has them cluster by cluster.
import { Delivery, type FleetPlan, type Manifest, type MultiClusterServiceOptions, Networking, OwnerKind, PlaceholderPlacement } from '../../lib';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { withFleetObjects } from '../../lib/core/emit/fleet-objects';
import { planFleet } from '../../lib/core/plan';
import { karmadaObjects } from '../../lib/engines/karmada';
import { kubeVelaApplications } from '../../lib/engines/kubevela';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { objectKey } from '../support/member-cluster';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const quota = (pods: string): Manifest => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'clusterset', namespace: 'ns' }, spec: { hard: { pods } } });
const reader: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'clusterset-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
const settings = (cluster: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'identity', namespace: 'monitoring' }, data: { cluster } });

/** The hybrid fleet with a quota per cluster (different in each), a ClusterRole and a ConfigMap in a namespace no service uses. */
function planWithFleetObjects(delivery = Delivery.direct()): FleetPlan {
  // Karmada drops ClusterIPs: the hybrid services' EndpointSlices are wired through ExternalName for it.
  const services = Object.entries(hybridServices).map(([name, options]) => ({ path: `fleet/${name}`, name, options: delivery.keepsClusterIPs ? options : externalNamed(options) }));
  const plan = planFleet({ path: 'fleet', clusters: hybridClusters, services }, { delivery });
  return withFleetObjects(
    plan,
    hybridClusters.flatMap((c, i) => [
      { cluster: c.name, manifest: quota(String(10 * (i + 1))), owner: { kind: OwnerKind.NAMESPACE, name: 'ns' } },
      { cluster: c.name, manifest: reader, owner: { kind: OwnerKind.FLEET, name: 'fleet' } },
      { cluster: c.name, manifest: settings(c.name), owner: { kind: OwnerKind.FLEET, name: 'fleet' } },
    ]),
  );
}

function externalNamed(options: MultiClusterServiceOptions): MultiClusterServiceOptions {
  return { ...options, placements: options.placements.map((p) => (p instanceof PlaceholderPlacement ? new PlaceholderPlacement({ ...p.props, networking: Networking.EXTERNAL_NAME }) : p)) };
}

/** Each cluster's fleet and namespace objects, as the plan has them. */
function planned(plan: FleetPlan): Record<string, Obj[]> {
  return Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.filter((o) => o.owner.kind !== OwnerKind.SERVICE && o.manifest.kind !== 'Namespace').map((o) => o.manifest as Obj)]));
}

function expectDelivered(delivered: { objects: Record<string, Obj[]>; problems: string[] }, plan: FleetPlan): void {
  expect(delivered.problems).toEqual([]);
  for (const [cluster, objects] of Object.entries(planned(plan))) {
    for (const o of objects) {
      const got = delivered.objects[cluster]?.find((d) => objectKey(d) === objectKey(o));
      expect([cluster, objectKey(o), got?.spec ?? got?.data ?? got?.rules]).toEqual([cluster, objectKey(o), o.spec ?? o.data ?? o.rules]);
    }
  }
}

describe('fleet and namespace objects through the hub engines', () => {
  test('Karmada: each object once on the hub, a ClusterPropagationPolicy for a cluster-scoped one, an override where clusters differ', () => {
    const plan = planWithFleetObjects(Delivery.karmada());
    const hub = karmadaObjects(plan);
    expectValidAgainstSchemas(hub);
    expect(hub.filter((o) => o.kind === 'ResourceQuota')).toHaveLength(1);
    expect(hub.filter((o) => o.kind === 'ClusterPropagationPolicy').map((o) => o.metadata.name)).toEqual(['clusterset-reader.clusterrole']);
    expect(hub.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toContain('monitoring');
    expectDelivered(propagateKarmada(hub, hybridClusters), plan);
  });

  test('KubeVela: the objects of each namespace in an Application there, the cluster-scoped ones in one of KubeVela’s namespace, each cluster its own version', () => {
    const plan = planWithFleetObjects(Delivery.kubeVela());
    const hub = kubeVelaApplications(plan);
    expectValidAgainstSchemas(hub);
    expect(hub.filter((o) => o.kind === 'Application' && o.metadata.name.startsWith('clusterset.')).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'monitoring/clusterset.namespace',
      'ns/clusterset.namespace',
      'vela-system/clusterset.fleet',
    ]);
    expectDelivered(deliverKubeVela(hub, hybridClusters), plan);
    // vela-system is KubeVela's own: the hub output does not create it.
    const output = Delivery.kubeVela().deliver({ fleetName: 'fleet', clusters: hybridClusters, plan });
    expect((output.hub ?? []).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).not.toContain('vela-system');
  });
});
