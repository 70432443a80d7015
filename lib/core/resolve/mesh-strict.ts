// Where a mesh accepts mutual TLS only: the whole mesh (`mesh.mtls: STRICT`), or a namespace its governance makes strict.
import type { Cluster } from '../resolved';

/** Whether the mesh of `cluster` accepts only mutual TLS into the pods of `namespace`. */
export function meshIsStrict(cluster: Pick<Cluster, 'mesh'>, namespace: string): boolean {
  return cluster.mesh !== undefined && (cluster.mesh.strictMtls || cluster.mesh.strictNamespaces.includes(namespace));
}
