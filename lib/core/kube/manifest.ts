/** Metadata of a planned object, as Kubernetes spells it. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * One Kubernetes object as plain JSON data: what the core plans and every backend translates.
 * Backends must not change it, only carry it to their output.
 */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  /**
   * The object's other fields (spec, data, ...). Hidden from jsii, as in cdk8s's own ApiObjectProps
   * (cdk8s-core#1297): jsii has no struct with open fields, so other languages see the three above.
   * @jsii ignore
   */
  readonly [field: string]: unknown;
}

/** `Kind namespace/name`, the way errors and plans name an object. */
export function describeManifest(manifest: Manifest): string {
  const ns = manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : '';
  return `${manifest.kind} ${ns}${manifest.metadata.name}`;
}

/**
 * What makes two manifests the same object in a cluster, as the API server sees it: API group, kind,
 * namespace and name (a change of version is the same object).
 */
export function objectIdentity(manifest: Manifest): string {
  const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : '';
  return `${group}|${manifest.kind}|${manifest.metadata.namespace ?? ''}|${manifest.metadata.name}`;
}
