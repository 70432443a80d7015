// Fields Kubernetes will not change in place: a new version of an object that changes one must be
// deleted and created again, which `kubectl apply` never does by itself.
import { describeManifest, type Manifest, objectIdentity } from './manifest';

/** One object of one cluster that cannot be updated in place from its previous version. */
export interface Replacement {
  readonly cluster: string;
  /** `Kind namespace/name` */
  readonly object: string;
  /** The immutable field that changes, such as `spec.clusterIP`. */
  readonly field: string;
  /** Its previous and new values, as JSON text (`(allocated)` for an address the API server chose). */
  readonly before: string;
  readonly after: string;
  /** What to run before applying the new version. */
  readonly fix: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form JSON read field by field
type Json = Record<string, any>;

/** One immutable field that differs between two versions of an object, values as JSON text. */
interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** How an update may not differ from the live object, for one kind. */
type Rule = (before: Json, after: Json) => FieldChange[];

/** A field that must stay as it is, read by `read` (both versions compared as JSON). */
const fixed =
  (field: string, read: (o: Json) => unknown): Rule =>
  (before, after) => {
    const [was, is] = [JSON.stringify(read(before)) ?? '(absent)', JSON.stringify(read(after)) ?? '(absent)'];
    return was === is ? [] : [{ field, before: was, after: is }];
  };

const all =
  (...rules: Rule[]): Rule =>
  (before, after) =>
    rules.flatMap((rule) => rule(before, after));

// The API server's update validation lists the StatefulSet spec fields it lets change; every other one (selector,
// serviceName, volumeClaimTemplates, podManagementPolicy, revisionHistoryLimit...) is refused with "updates to
// statefulset spec for fields other than ... are forbidden".
const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);

/** Every spec field of either side but the `mutable` ones is fixed. */
const specExcept =
  (mutable: ReadonlySet<string>): Rule =>
  (before, after) =>
    [...new Set([...Object.keys(before.spec ?? {}), ...Object.keys(after.spec ?? {})])]
      .filter((key) => !mutable.has(key))
      .sort()
      .flatMap((key) => fixed(`spec.${key}`, (o) => o.spec?.[key])(before, after));

const statefulSetSpec: Rule = specExcept(STATEFULSET_MUTABLE);

// A PersistentVolumeClaim's spec is fixed once created, but for a bound claim's resources.requests (expansion)
// and volumeAttributesClassName.
const PVC_MUTABLE = new Set(['resources', 'volumeAttributesClassName']);

const claimSpec: Rule = (before, after) => [...specExcept(PVC_MUTABLE)(before, after), ...fixed('spec.resources.limits', (o) => o.spec?.resources?.limits)(before, after)];

// A ConfigMap or Secret marked `immutable: true` keeps its data, and the mark, until deleted.
const frozenData =
  (...fields: string[]): Rule =>
  (before, after) =>
    before.immutable !== true ? [] : all(fixed('immutable', (o) => o.immutable), ...fields.map((f) => fixed(f, (o) => o[f])))(before, after);

/** The immutable fields of each kind (Service has its own rule, clusterIPChange, as its address may be allocated). */
const IMMUTABLE: Readonly<Record<string, Rule>> = {
  Deployment: fixed('spec.selector', (o) => o.spec?.selector),
  ReplicaSet: fixed('spec.selector', (o) => o.spec?.selector),
  DaemonSet: fixed('spec.selector', (o) => o.spec?.selector),
  StatefulSet: statefulSetSpec,
  // A Job's pod template and selector are fixed (but for scheduling directives of a suspended Job that never ran).
  Job: all(
    fixed('spec.selector', (o) => o.spec?.selector),
    fixed('spec.template', (o) => o.spec?.template),
    fixed('spec.completionMode', (o) => o.spec?.completionMode),
  ),
  PersistentVolumeClaim: claimSpec,
  EndpointSlice: fixed('addressType', (o) => o.addressType),
  RoleBinding: fixed('roleRef', (o) => o.roleRef),
  ClusterRoleBinding: fixed('roleRef', (o) => o.roleRef),
  ConfigMap: frozenData('data', 'binaryData'),
  // A Secret's type never changes (unset is Opaque).
  Secret: all(
    fixed('type', (o) => o.type ?? 'Opaque'),
    frozenData('data', 'stringData'),
  ),
  StorageClass: all(
    fixed('provisioner', (o) => o.provisioner),
    fixed('parameters', (o) => o.parameters),
    fixed('reclaimPolicy', (o) => o.reclaimPolicy),
    fixed('volumeBindingMode', (o) => o.volumeBindingMode),
  ),
};

/**
 * The immutable fields of an object that a later plan may change: a Service's `spec.clusterIP` (pinned,
 * reserved, dynamic or `None`), unless it is an ExternalName, and a StatefulSet's `volumeClaimTemplates`
 * (the service's prop). Selectors, `serviceName` and `addressType` are the same in every plan by construction.
 */
export function immutableFieldsSet(manifest: Manifest): string[] {
  if (manifest.kind === 'StatefulSet') return ['spec.volumeClaimTemplates'];
  return manifest.kind === 'Service' && (manifest as Json).spec?.type !== 'ExternalName' ? ['spec.clusterIP'] : [];
}

/** The fields whose change keeps `after` from being applied over `before` (same kind, namespace and name). */
export function immutableChanges(before: Manifest, after: Manifest): FieldChange[] {
  if (before.kind !== after.kind) return [];
  if (after.kind === 'Service') return [...clusterIPChange(before as Json, after as Json), ...primaryFamilyChange(before as Json, after as Json)];
  return IMMUTABLE[after.kind]?.(before as Json, after as Json) ?? [];
}

/**
 * A Service may gain or lose its secondary IP family, never change its primary one (the first of `ipFamilies`),
 * unless it turns to or from ExternalName. Left unset, the live family stays.
 */
function primaryFamilyChange(before: Json, after: Json): FieldChange[] {
  if (before.spec?.type === 'ExternalName' || after.spec?.type === 'ExternalName') return [];
  const was: unknown = before.spec?.ipFamilies?.[0];
  const is: unknown = after.spec?.ipFamilies?.[0];
  return was !== undefined && is !== undefined && was !== is ? [{ field: 'spec.ipFamilies[0]', before: JSON.stringify(was), after: JSON.stringify(is) }] : [];
}

/**
 * A Service's ClusterIP changes only with its type to or from ExternalName. Left unset, the API server
 * keeps the live address, which is wrong only when the live Service is headless.
 */
function clusterIPChange(before: Json, after: Json): FieldChange[] {
  if (before.spec?.type === 'ExternalName' || after.spec?.type === 'ExternalName') return [];
  const was: string | undefined = before.spec?.clusterIP;
  const is: string | undefined = after.spec?.clusterIP;
  const changed = is === undefined ? was === 'None' : was !== is;
  return changed ? [{ field: 'spec.clusterIP', before: was ?? '(allocated)', after: is ?? '(allocated)' }] : [];
}

/**
 * The objects of `after` that replace a previous version they cannot be applied over, by cluster.
 * `before` is each cluster's previous objects, as a plan or as read back from the previous output.
 */
export function replacementsBetween(before: Readonly<Record<string, readonly Manifest[]>>, after: Readonly<Record<string, readonly Manifest[]>>): Replacement[] {
  const replacements: Replacement[] = [];
  for (const [cluster, objects] of Object.entries(after)) {
    const previous = new Map((before[cluster] ?? []).map((o) => [objectIdentity(o), o]));
    for (const object of objects) {
      const old = previous.get(objectIdentity(object));
      if (!old) continue;
      for (const change of immutableChanges(old, object)) {
        const ns = object.metadata.namespace ? ` -n ${object.metadata.namespace}` : '';
        replacements.push({
          cluster,
          object: describeManifest(object),
          ...change,
          fix: `in cluster "${cluster}": kubectl delete ${object.kind.toLowerCase()} ${object.metadata.name}${ns}, then apply the new version`,
        });
      }
    }
  }
  return replacements;
}

/** What `kubectl apply` cannot change in place, as the public API offers it (jsii exports no free functions). */
export class Replacements {
  /**
   * The objects of `after` that replace a previous version they cannot be applied over. Both map each
   * cluster to its objects, as a plan or as read back from a previous output.
   */
  public static between(before: Record<string, Manifest[]>, after: Record<string, Manifest[]>): Replacement[] {
    return replacementsBetween(before, after);
  }

  private constructor() {}
}
