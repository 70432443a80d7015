import { referencesOf } from './pod-references';

describe('the pod reference reader of the closure property', () => {
  test('finds every named object of a pod template, wherever the holder sits, with optional ones marked', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        template: {
          spec: {
            serviceAccountName: 'web',
            imagePullSecrets: [{ name: 'pull' }],
            volumes: [
              { name: 'a', configMap: { name: 'cm', optional: true } },
              { name: 'b', secret: { secretName: 'sec' } },
              { name: 'c', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { secret: { name: 'psec' } }, { configMap: { name: 'pcm' } }] } },
              { name: 'd', persistentVolumeClaim: { claimName: 'data' } },
              { name: 'e', cephfs: { monitors: ['m'], secretRef: { name: 'ceph' } } },
            ],
            initContainers: [{ name: 'i', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'icm', key: 'k' } } }] }],
            containers: [{ name: 'web', envFrom: [{ secretRef: { name: 'esec', optional: true } }] }],
          },
        },
      },
    };
    expect(referencesOf(deployment).map((r) => `${r.kind} ${r.name} ${r.path}${r.optional ? ' optional' : ''}`)).toEqual([
      'Secret pull spec.template.spec.imagePullSecrets[0].name',
      'ConfigMap cm spec.template.spec.volumes[0].configMap.name optional',
      'Secret sec spec.template.spec.volumes[1].secret.secretName',
      'Secret psec spec.template.spec.volumes[2].projected.sources[1].secret.name',
      'ConfigMap pcm spec.template.spec.volumes[2].projected.sources[2].configMap.name',
      'PersistentVolumeClaim data spec.template.spec.volumes[3].persistentVolumeClaim.claimName',
      'Secret ceph spec.template.spec.volumes[4].cephfs.secretRef.name',
      'ConfigMap icm spec.template.spec.initContainers[0].env[0].valueFrom.configMapKeyRef.name',
      'Secret esec spec.template.spec.containers[0].envFrom[0].secretRef.name optional',
      'ServiceAccount web spec.template.spec.serviceAccountName',
    ]);
    expect(referencesOf({ kind: 'Service', spec: { template: { spec: { serviceAccountName: 'x' } } } })).toEqual([]);
  });
});
