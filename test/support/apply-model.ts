// What `kubectl apply` of a new version of an object does to the live one, by the API server's rules for
// immutable fields. It shares no code with the library: it encodes Kubernetes' validation of updates.

type Obj = Record<string, any>;

/** One field that an update cannot change in place: the object must be deleted and created again. */
export interface ApplyRefusal {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Why the API server would refuse (or silently not carry out) `after` applied over `before`, as client-side
 * `kubectl apply` sends it: fields of `before` missing in `after` are removed, and the API server keeps an
 * allocated ClusterIP when the update leaves it empty.
 */
export function applyRefusals(before: Obj, after: Obj): ApplyRefusal[] {
  if (before.kind !== after.kind) return [];
  const refusals: ApplyRefusal[] = [];
  const differs = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) refusals.push({ field, before: a, after: b });
  };
  switch (after.kind) {
    case 'Service': {
      const typeBefore = before.spec?.type ?? 'ClusterIP';
      const typeAfter = after.spec?.type ?? 'ClusterIP';
      // A change to or from ExternalName drops or allocates the ClusterIP: the one change of it allowed.
      if (typeBefore === 'ExternalName' || typeAfter === 'ExternalName') break;
      const ipBefore = before.spec?.clusterIP;
      const ipAfter = after.spec?.clusterIP;
      if (ipAfter === undefined) {
        // Left empty, the API server keeps the live address: fine, unless the live Service is headless
        // and the new one is meant to have an address (it would stay headless).
        if (ipBefore === 'None') refusals.push({ field: 'spec.clusterIP', before: ipBefore, after: ipAfter });
      } else if (ipBefore === undefined) {
        // The live address was allocated dynamically: a set value replaces it, which is refused.
        refusals.push({ field: 'spec.clusterIP', before: '(allocated)', after: ipAfter });
      } else differs('spec.clusterIP', ipBefore, ipAfter);
      // Dual-stack may add or drop the second family; the first one stays.
      const familyBefore = before.spec?.ipFamilies?.[0];
      const familyAfter = after.spec?.ipFamilies?.[0];
      if (familyBefore !== undefined && familyAfter !== undefined) differs('spec.ipFamilies[0]', familyBefore, familyAfter);
      break;
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      differs('spec.selector', before.spec?.selector, after.spec?.selector);
      break;
    case 'StatefulSet': {
      // Only these spec fields may change; any other difference is "Forbidden: updates to statefulset spec ...".
      const mutable = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
      const keys = new Set([...Object.keys(before.spec ?? {}), ...Object.keys(after.spec ?? {})]);
      for (const key of [...keys].sort()) if (!mutable.includes(key)) differs(`spec.${key}`, before.spec?.[key], after.spec?.[key]);
      break;
    }
    case 'PersistentVolumeClaim': {
      // "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"
      const keys = new Set([...Object.keys(before.spec ?? {}), ...Object.keys(after.spec ?? {})]);
      for (const key of [...keys].sort()) if (key !== 'resources' && key !== 'volumeAttributesClassName') differs(`spec.${key}`, before.spec?.[key], after.spec?.[key]);
      differs('spec.resources.limits', before.spec?.resources?.limits, after.spec?.resources?.limits);
      break;
    }
    case 'EndpointSlice':
      differs('addressType', before.addressType, after.addressType);
      break;
    case 'Job':
      differs('spec.selector', before.spec?.selector, after.spec?.selector);
      differs('spec.template', before.spec?.template, after.spec?.template);
      differs('spec.completionMode', before.spec?.completionMode, after.spec?.completionMode);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      differs('roleRef', before.roleRef, after.roleRef);
      break;
    case 'ConfigMap':
    case 'Secret':
      if (after.kind === 'Secret') differs('type', before.type ?? 'Opaque', after.type ?? 'Opaque');
      if (before.immutable === true) {
        differs('immutable', before.immutable, after.immutable);
        for (const field of after.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData']) differs(field, before[field], after[field]);
      }
      break;
    case 'StorageClass':
      for (const field of ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']) differs(field, before[field], after[field]);
      break;
    default:
      break;
  }
  return refusals;
}

/** The identity of an object within a cluster: API group, kind, namespace and name. */
export function objectId(o: Obj): string {
  const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
  return `${group}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
}
