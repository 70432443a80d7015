// Objects of the fleet or of a namespace join each cluster's plan after its Namespaces, before the
// services' objects of their wave, with their Namespace added where no service brought it.
import { ApplyWave, OwnerKind } from '../../lib';
import { withFleetObjects } from '../../lib/core/emit/fleet-objects';
import { appA, plan } from '../support/fleet';

const quota = (namespace: string) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'clusterset', namespace }, spec: { hard: { pods: '10' } } });
const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };

describe('fleet objects in the plan', () => {
  const base = plan({ 'app-a': appA() });

  test('go to their clusters after the Namespaces and before the services of their wave, waiting for their Namespace', () => {
    const added = withFleetObjects(base, [
      { cluster: 'prodc', manifest: quota('ns'), owner: { kind: OwnerKind.NAMESPACE, name: 'ns' } },
      { cluster: 'prodc', manifest: clusterRole, owner: { kind: OwnerKind.FLEET, name: 'fleet' } },
    ]);
    const prodc = added.clusters.find((c) => c.cluster === 'prodc')?.objects ?? [];
    // A ResourceQuota applies with the workloads, a kind of no known wave with the networking (order.ts).
    expect(prodc.map((o) => o.manifest.kind)).toEqual(['Namespace', 'ResourceQuota', 'Deployment', 'Service', 'ClusterRole', 'ServiceExport']);
    expect(prodc[1]).toMatchObject({ wave: ApplyWave.WORKLOADS, dependsOn: [{ cluster: 'prodc', apiVersion: 'v1', kind: 'Namespace', name: 'ns' }], owner: { kind: OwnerKind.NAMESPACE } });
    expect(prodc[4]).toMatchObject({ wave: ApplyWave.NETWORKING, dependsOn: [], owner: { kind: OwnerKind.FLEET } });
    // The other cluster is untouched.
    expect(added.clusters.find((c) => c.cluster === 'localproda')).toBe(base.clusters.find((c) => c.cluster === 'localproda'));
  });

  test('a rule about a service belongs to it, as its own objects do', () => {
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'app-a', namespace: 'ns' }, spec: { podSelector: {} } };
    const added = withFleetObjects(base, [{ cluster: 'prodc', manifest: policy, owner: { kind: OwnerKind.SERVICE, name: 'fleet/app-a' } }]);
    expect(added.clusters.find((c) => c.cluster === 'prodc')?.objects.find((o) => o.manifest.kind === 'NetworkPolicy')).toMatchObject({ servicePath: 'fleet/app-a' });
  });

  test('bring their Namespace where no service did, declared labels included', () => {
    const added = withFleetObjects(base, [{ cluster: 'prodc', manifest: quota('team'), owner: { kind: OwnerKind.NAMESPACE, name: 'team' } }], [{ name: 'team', labels: { owner: 'sre' } }]);
    const prodc = added.clusters.find((c) => c.cluster === 'prodc')?.objects.map((o) => o.manifest) ?? [];
    expect(prodc.filter((m) => m.kind === 'Namespace').map((m) => [m.metadata.name, m.metadata.labels?.owner])).toEqual([
      ['ns', undefined],
      ['team', 'sre'],
    ]);
    expect(withFleetObjects(base, [])).toBe(base);
  });
});
