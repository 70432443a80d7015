// The immutable fields `replacementsBetween` knows, kind by kind, each against the independent apply model
// (test/support/apply-model.ts) so the two cannot drift: the fields the API server refuses to change in place,
// and the ones it lets change.
import type { Manifest } from '../../lib';
import { immutableChanges } from '../../lib/core/kube/immutable';
import { applyRefusals } from '../support/apply-model';

const object = (kind: string, body: Record<string, unknown>, apiVersion = 'v1'): Manifest =>
  ({ apiVersion, kind, metadata: { name: 'x', namespace: 'ns' }, ...body }) as unknown as Manifest;

/** [kind, before, after, refused fields] */
const CASES: ReadonlyArray<readonly [string, Record<string, unknown>, Record<string, unknown>, string[]]> = [
  ['Service', { spec: { ipFamilies: ['IPv4'] } }, { spec: { ipFamilies: ['IPv6'] } }, ['spec.ipFamilies[0]']],
  ['Service', { spec: { ipFamilies: ['IPv4'] } }, { spec: { ipFamilies: ['IPv4', 'IPv6'] } }, []],
  ['Service', { spec: { clusterIP: '10.0.0.1' } }, { spec: { clusterIP: '10.0.0.2' } }, ['spec.clusterIP']],
  ['Deployment', { spec: { selector: { matchLabels: { a: '1' } }, replicas: 1 } }, { spec: { selector: { matchLabels: { a: '2' } }, replicas: 2 } }, ['spec.selector']],
  ['DaemonSet', { spec: { selector: { matchLabels: { a: '1' } } } }, { spec: { selector: { matchLabels: { a: '2' } } } }, ['spec.selector']],
  ['ReplicaSet', { spec: { selector: { matchLabels: { a: '1' } } } }, { spec: { selector: { matchLabels: { a: '2' } } } }, ['spec.selector']],
  [
    'StatefulSet',
    { spec: { serviceName: 'a', revisionHistoryLimit: 10, replicas: 1, minReadySeconds: 0, updateStrategy: { type: 'RollingUpdate' } } },
    { spec: { serviceName: 'b', revisionHistoryLimit: 5, replicas: 3, minReadySeconds: 5, updateStrategy: { type: 'OnDelete' } } },
    ['spec.revisionHistoryLimit', 'spec.serviceName'],
  ],
  ['StatefulSet', { spec: { podManagementPolicy: 'OrderedReady' } }, { spec: { podManagementPolicy: 'Parallel' } }, ['spec.podManagementPolicy']],
  ['Job', { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }] } }, parallelism: 1 } }, { spec: { template: { spec: { containers: [{ name: 'a', image: '2' }] } }, parallelism: 2 } }, ['spec.template']],
  [
    'PersistentVolumeClaim',
    { spec: { storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    { spec: { storageClassName: 'slow', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } },
    ['spec.storageClassName'],
  ],
  ['PersistentVolumeClaim', { spec: { resources: { requests: { storage: '1Gi' } } } }, { spec: { resources: { requests: { storage: '5Gi' } } } }, []],
  ['RoleBinding', { roleRef: { kind: 'Role', name: 'a' } }, { roleRef: { kind: 'Role', name: 'b' } }, ['roleRef']],
  ['ClusterRoleBinding', { roleRef: { kind: 'ClusterRole', name: 'a' }, subjects: [] }, { roleRef: { kind: 'ClusterRole', name: 'a' }, subjects: [{ kind: 'User', name: 'u' }] }, []],
  ['ConfigMap', { data: { a: '1' } }, { data: { a: '2' } }, []],
  ['ConfigMap', { immutable: true, data: { a: '1' } }, { immutable: true, data: { a: '2' } }, ['data']],
  ['ConfigMap', { immutable: true, data: { a: '1' } }, { data: { a: '1' } }, ['immutable']],
  ['Secret', { data: { a: 'MQ==' } }, { type: 'kubernetes.io/tls', data: { a: 'MQ==' } }, ['type']],
  ['Secret', { data: { a: 'MQ==' } }, { type: 'Opaque', data: { a: 'Mg==' } }, []],
  ['StorageClass', { provisioner: 'a', parameters: { type: 'gp2' }, allowVolumeExpansion: false }, { provisioner: 'a', parameters: { type: 'gp3' }, allowVolumeExpansion: true }, ['parameters']],
  ['EndpointSlice', { addressType: 'IPv4' }, { addressType: 'FQDN' }, ['addressType']],
];

describe('immutable fields', () => {
  test.each(CASES)('%s %j → %j refuses %j', (kind, before, after, refused) => {
    const [was, is] = [object(kind, before), object(kind, after)];
    expect(immutableChanges(was, is).map((c) => c.field)).toEqual(refused);
    expect(applyRefusals(was, is).map((c) => c.field)).toEqual(refused);
  });

  test('a value that appears or goes away reads as (absent)', () => {
    const changes = immutableChanges(object('StatefulSet', { spec: {} }), object('StatefulSet', { spec: { serviceName: 'db' } }));
    expect(changes).toEqual([{ field: 'spec.serviceName', before: '(absent)', after: '"db"' }]);
  });
});
