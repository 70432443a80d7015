// What a service's podTemplate and volumeClaimTemplates must hold at runtime: Kubernetes' own field names
// (a misspelt one is refused with the nearest name), containers as named objects, and JSON values only.
import { type FieldShape, json, listOf, object, type Shape, string, stringMap } from './shape';

/** Every field of a PodSpec (core/v1), each any JSON value; the schema of the emitted workload checks the rest. */
const POD_SPEC_FIELDS: readonly string[] = [
  'activeDeadlineSeconds', 'affinity', 'automountServiceAccountToken', 'containers', 'dnsConfig', 'dnsPolicy',
  'enableServiceLinks', 'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers',
  'hostname', 'imagePullSecrets', 'initContainers', 'nodeName', 'nodeSelector', 'os', 'overhead', 'preemptionPolicy',
  'priority', 'priorityClassName', 'readinessGates', 'resourceClaims', 'resources', 'restartPolicy', 'runtimeClassName',
  'schedulerName', 'schedulingGates', 'securityContext', 'serviceAccount', 'serviceAccountName', 'setHostnameAsFQDN',
  'shareProcessNamespace', 'subdomain', 'terminationGracePeriodSeconds', 'tolerations', 'topologySpreadConstraints', 'volumes',
];

/** Every field of a Container (core/v1). */
const CONTAINER_FIELDS: readonly string[] = [
  'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'name', 'ports',
  'readinessProbe', 'resizePolicy', 'resources', 'restartPolicy', 'securityContext', 'startupProbe', 'stdin', 'stdinOnce',
  'terminationMessagePath', 'terminationMessagePolicy', 'tty', 'volumeDevices', 'volumeMounts', 'workingDir',
];

function anyJson(fields: readonly string[], typed: Readonly<Record<string, FieldShape>> = {}): Readonly<Record<string, FieldShape>> {
  return { ...Object.fromEntries(fields.map((f) => [f, { shape: json }])), ...typed };
}

const container = object(anyJson(CONTAINER_FIELDS, {
  name: { shape: string({ nonEmpty: true }), required: 'every container of a pod is named; name the service\'s own container like the service' },
  command: { shape: listOf(string()) },
  args: { shape: listOf(string()) },
  env: { shape: listOf(json) },
  ports: { shape: listOf(json) },
}));

/** The volume sources of a core/v1 Volume; each is checked by the schema, and against the security level by the plan. */
const VOLUME_SOURCES: readonly string[] = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi',
  'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
  'secret', 'storageos', 'vsphereVolume',
];

/** A pod's metadata: only labels and annotations mean something in a template (the workload names its pods). */
const metadata = object({
  labels: { shape: stringMap },
  annotations: { shape: stringMap },
});

/** A PodTemplateSpec: `metadata` and `spec`. */
export const podTemplateShape: Shape = object({
  metadata: { shape: metadata },
  spec: {
    shape: object(anyJson(POD_SPEC_FIELDS, {
      containers: { shape: listOf(container) },
      initContainers: { shape: listOf(container) },
      volumes: { shape: listOf(object({ name: { shape: string({ nonEmpty: true }), required: 'every volume is named, so containers can mount it' }, ...anyJson(VOLUME_SOURCES) })) },
    })),
  },
});

/** A PersistentVolumeClaim template of a StatefulSet: a named claim with its spec. */
export const volumeClaimTemplateShape: Shape = object({
  apiVersion: { shape: string() },
  kind: { shape: string() },
  metadata: {
    shape: object({ name: { shape: string({ nonEmpty: true }), required: 'a claim template is named; pods mount it by that name' }, labels: { shape: stringMap }, annotations: { shape: stringMap } }),
    required: 'give metadata: { name: ... }, the volume name the pods mount',
  },
  spec: { shape: json, required: 'give the claim spec, such as { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } }' },
});
