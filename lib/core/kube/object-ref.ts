import type { Manifest } from './manifest';

/** Names one planned object of one cluster, so others can depend on it or read its fields. */
export interface ObjectRef {
  readonly cluster: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export function refOf(cluster: string, manifest: Manifest): ObjectRef {
  const { apiVersion, kind, metadata } = manifest;
  return { cluster, apiVersion, kind, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), name: metadata.name };
}

/** `cluster/apiVersion/Kind/namespace/name`: a stable key for maps of objects. */
export function refKey(ref: ObjectRef): string {
  return [ref.cluster, ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('/');
}

/**
 * A field of another planned object that is only known once that object exists, such as the ClusterIP
 * Kubernetes gives a Service. Backends that deploy (Pulumi) resolve it from the live object; backends
 * that only write files never receive one, since their plans pin or allocate every address.
 */
export class LiveValue {
  constructor(
    public readonly source: ObjectRef,
    /** The field's path in the source object, such as ['spec', 'clusterIP']. */
    public readonly field: string[],
  ) {}

  public toString(): string {
    return `<${this.field.join('.')} of ${this.source.kind} ${this.source.namespace ?? ''}/${this.source.name} in ${this.source.cluster}>`;
  }
}
