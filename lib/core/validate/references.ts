// The objects a pod refers to by name, read from the pod spec clusterset writes in a cluster, and the
// check that each one exists there: declared as a dependency or named as external.
import type { Manifest } from '../kube/manifest';
import { isObject } from './input/shape';

type Json = Record<string, unknown>;

/** One object a pod spec names, and where. */
export interface PodReference {
  /** ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim. */
  readonly kind: string;
  readonly name: string;
  /** The field naming it, from the workload's root: `spec.template.spec.volumes[0].configMap.name`. */
  readonly field: string;
  /** `optional: true` on the reference: the pod starts without the object. */
  readonly optional: boolean;
}

/** Volume sources that name a Secret at `<source>.secretRef.name` (the in-tree plugins that take credentials). */
const SECRET_REF_VOLUMES = ['cephfs', 'cinder', 'flexVolume', 'iscsi', 'rbd', 'scaleIO', 'storageos'];

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * Every object the pod template of a Deployment or StatefulSet names: what Karmada's dependency
 * distributor follows (volumes, projected sources, env and envFrom of every container kind, image pull
 * secrets, the service account unless `default`, claims) and the credentials Secrets of CSI and in-tree
 * volume plugins. Fields of the wrong type are skipped: the schema check reports them.
 */
export function podReferences(workload: Manifest): PodReference[] {
  const spec = (workload.spec as Json | undefined)?.template;
  const pod = isObject(spec) && isObject(spec.spec) ? spec.spec : undefined;
  if (!pod) return [];
  const root = 'spec.template.spec';
  const found: PodReference[] = [];
  const add = (kind: string, holder: unknown, key: string, field: string) => {
    if (!isObject(holder) || typeof holder[key] !== 'string' || holder[key] === '') return;
    found.push({ kind, name: holder[key] as string, field: `${field}.${key}`, optional: holder.optional === true });
  };
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    if (typeof pod[key] === 'string' && pod[key] !== '' && pod[key] !== 'default') {
      found.push({ kind: 'ServiceAccount', name: pod[key] as string, field: `${root}.${key}`, optional: false });
    }
  }
  listAt(pod, 'imagePullSecrets').forEach((s, i) => add('Secret', s, 'name', `${root}.imagePullSecrets[${i}]`));
  listAt(pod, 'volumes').forEach((v, i) => {
    if (!isObject(v)) return;
    const at = `${root}.volumes[${i}]`;
    add('ConfigMap', v.configMap, 'name', `${at}.configMap`);
    add('Secret', v.secret, 'secretName', `${at}.secret`);
    add('PersistentVolumeClaim', v.persistentVolumeClaim, 'claimName', `${at}.persistentVolumeClaim`);
    add('Secret', isObject(v.csi) ? v.csi.nodePublishSecretRef : undefined, 'name', `${at}.csi.nodePublishSecretRef`);
    add('Secret', v.azureFile, 'secretName', `${at}.azureFile`);
    for (const plugin of SECRET_REF_VOLUMES) add('Secret', isObject(v[plugin]) ? (v[plugin] as Json).secretRef : undefined, 'name', `${at}.${plugin}.secretRef`);
    listAt(isObject(v.projected) ? v.projected : {}, 'sources').forEach((source, j) => {
      if (!isObject(source)) return;
      add('ConfigMap', source.configMap, 'name', `${at}.projected.sources[${j}].configMap`);
      add('Secret', source.secret, 'name', `${at}.projected.sources[${j}].secret`);
    });
  });
  for (const list of CONTAINER_LISTS) {
    listAt(pod, list).forEach((c, i) => {
      if (!isObject(c)) return;
      const at = `${root}.${list}[${i}]`;
      listAt(c, 'env').forEach((e, j) => {
        const from = isObject(e) ? e.valueFrom : undefined;
        if (!isObject(from)) return;
        add('ConfigMap', from.configMapKeyRef, 'name', `${at}.env[${j}].valueFrom.configMapKeyRef`);
        add('Secret', from.secretKeyRef, 'name', `${at}.env[${j}].valueFrom.secretKeyRef`);
      });
      listAt(c, 'envFrom').forEach((e, j) => {
        if (!isObject(e)) return;
        add('ConfigMap', e.configMapRef, 'name', `${at}.envFrom[${j}].configMapRef`);
        add('Secret', e.secretRef, 'name', `${at}.envFrom[${j}].secretRef`);
      });
    });
  }
  return found;
}

function listAt(holder: Json, key: string): unknown[] {
  const value = holder[key];
  return Array.isArray(value) ? value : [];
}

/** The objects a cluster offers a service's pods: its declared dependencies there and its external ones. */
export interface AvailableObjects {
  readonly declared: readonly Manifest[];
  readonly external: ReadonlyArray<{ readonly kind: string; readonly name: string }>;
}

/**
 * Reports every reference of `workload` that is neither declared nor external in `cluster`. Optional
 * references are not required: the pod starts without them, as Kubernetes documents.
 */
export function checkPodReferences(cluster: string, workload: Manifest, available: AvailableObjects, report: (message: string) => void): void {
  const known = new Set([...available.declared.map((d) => `${d.kind}/${d.metadata.name}`), ...available.external.map((e) => `${e.kind}/${e.name}`)]);
  for (const ref of podReferences(workload)) {
    if (ref.optional || known.has(`${ref.kind}/${ref.name}`)) continue;
    report(
      `cluster "${cluster}": ${ref.field} refers to ${ref.kind} "${ref.name}", which is neither in dependencies nor in externalDependencies; ` +
        `declare it in dependencies (so clusterset writes it to every cluster of the service) or add { kind: '${ref.kind}', name: '${ref.name}' } to externalDependencies if something else creates it`,
    );
  }
}
