// Fields Kubernetes will not change in place: a new version of an object that changes one must be
// deleted and created again, which `kubectl apply` never does by itself.
import { describeManifest, type Manifest } from './manifest';

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

/** The immutable fields of a kind, each as a reader of its value. */
const IMMUTABLE: Readonly<Record<string, ReadonlyArray<readonly [string, (o: Json) => unknown]>>> = {
  Deployment: [['spec.selector', (o) => o.spec?.selector]],
  StatefulSet: [
    ['spec.selector', (o) => o.spec?.selector],
    ['spec.serviceName', (o) => o.spec?.serviceName],
    ['spec.volumeClaimTemplates', (o) => o.spec?.volumeClaimTemplates],
    ['spec.podManagementPolicy', (o) => o.spec?.podManagementPolicy],
  ],
  EndpointSlice: [['addressType', (o) => o.addressType]],
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
export function immutableChanges(before: Manifest, after: Manifest): Array<{ field: string; before: string; after: string }> {
  if (before.kind !== after.kind) return [];
  if (after.kind === 'Service') return clusterIPChange(before as Json, after as Json);
  return (IMMUTABLE[after.kind] ?? []).flatMap(([field, read]) => {
    const [was, is] = [JSON.stringify(read(before as Json)), JSON.stringify(read(after as Json))];
    return was === is ? [] : [{ field, before: String(was), after: String(is) }];
  });
}

/**
 * A Service's ClusterIP changes only with its type to or from ExternalName. Left unset, the API server
 * keeps the live address, which is wrong only when the live Service is headless.
 */
function clusterIPChange(before: Json, after: Json): Array<{ field: string; before: string; after: string }> {
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
    const previous = new Map((before[cluster] ?? []).map((o) => [identity(o), o]));
    for (const object of objects) {
      const old = previous.get(identity(object));
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

function identity(o: Manifest): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
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
