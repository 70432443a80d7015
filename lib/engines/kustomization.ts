// The kustomization.yaml of a cluster folder: kustomize-based tools (Argo CD, Flux, `kubectl apply -k`)
// read the folder through it.
import type { IFolderFile } from './engine';

/** A kustomization.yaml listing a folder's files in apply order, after the remote resources they need, for kustomize-based tools. */
export function kustomization(files: readonly string[], remote: readonly string[] = []): Record<string, unknown> {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...remote, ...files] };
}

/** The kustomization.yaml of a cluster folder, listing its files as they are written, after the remote resources they need. */
export class KustomizationFile implements IFolderFile {
  public readonly name = 'kustomization.yaml';

  /** @param remote files fetched by reference at a pinned revision (ClusterPlan.remoteResources), listed first */
  constructor(private readonly remote: string[] = []) {}

  public content(files: string[]): Record<string, unknown> {
    return kustomization(files, this.remote);
  }
}
