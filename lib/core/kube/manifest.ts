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
  readonly [field: string]: unknown;
}

/** `Kind namespace/name`, the way errors and plans name an object. */
export function describeManifest(manifest: Manifest): string {
  const ns = manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : '';
  return `${manifest.kind} ${ns}${manifest.metadata.name}`;
}
