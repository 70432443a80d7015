// The objects a pod template names, read from emitted workloads for the reference-closure property. It
// shares nothing with lib/core/validate/references.ts: it walks the whole pod spec and recognises a
// reference by the key that holds it (`configMapKeyRef`, `secretRef`, `persistentVolumeClaim`...), so a
// field the lib's list forgets is still found here.

type Obj = Record<string, any>;

/** One reference: the kind and name named, where, and whether the pod starts without it. */
export interface FoundReference {
  readonly kind: string;
  readonly name: string;
  readonly path: string;
  readonly optional: boolean;
}

/** Holder keys whose object names a ConfigMap or a Secret in `name` (or `secretName`). */
const HOLDERS: Readonly<Record<string, { readonly kind: string; readonly field: string }>> = {
  configMap: { kind: 'ConfigMap', field: 'name' },
  configMapRef: { kind: 'ConfigMap', field: 'name' },
  configMapKeyRef: { kind: 'ConfigMap', field: 'name' },
  secretRef: { kind: 'Secret', field: 'name' },
  secretKeyRef: { kind: 'Secret', field: 'name' },
  nodePublishSecretRef: { kind: 'Secret', field: 'name' },
  persistentVolumeClaim: { kind: 'PersistentVolumeClaim', field: 'claimName' },
};

/** Every reference in the pod template of a Deployment or StatefulSet; [] for other objects. */
export function referencesOf(workload: Obj): FoundReference[] {
  if (!['Deployment', 'StatefulSet'].includes(workload.kind)) return [];
  const spec: Obj | undefined = workload.spec?.template?.spec;
  if (!spec) return [];
  const found: FoundReference[] = [];
  const visit = (node: unknown, path: string, key: string | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`, key));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Obj;
    const holder = key === undefined ? undefined : HOLDERS[key];
    // A `secret` holder names its Secret by secretName in a volume, by name in a projected source.
    const secret = key === 'secret' ? (typeof o.secretName === 'string' ? 'secretName' : 'name') : undefined;
    if (holder && typeof o[holder.field] === 'string') found.push({ kind: holder.kind, name: o[holder.field], path: `${path}.${holder.field}`, optional: o.optional === true });
    if (secret && typeof o[secret] === 'string') found.push({ kind: 'Secret', name: o[secret], path: `${path}.${secret}`, optional: o.optional === true });
    if (key === 'azureFile' && typeof o.secretName === 'string') found.push({ kind: 'Secret', name: o.secretName, path: `${path}.secretName`, optional: false });
    if (key === 'imagePullSecrets' && typeof o.name === 'string') found.push({ kind: 'Secret', name: o.name, path: `${path}.name`, optional: false });
    for (const [k, v] of Object.entries(o)) visit(v, `${path}.${k}`, k);
  };
  visit(spec, 'spec.template.spec', undefined);
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const name = spec[key];
    if (typeof name === 'string' && name !== '' && name !== 'default') found.push({ kind: 'ServiceAccount', name, path: `spec.template.spec.${key}`, optional: false });
  }
  return found;
}
