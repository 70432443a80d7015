// Argo CD GitOps over the per-cluster folders: an ApplicationSet for the hub, sync waves on every
// object, and a kustomization.yaml per folder. Translates the plan; decides nothing.
import type { ClusterProps } from '../core/api/cluster';
import type { GitOpsProps } from '../core/api/delivery';
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan } from '../core/model';

/** The annotation Argo CD orders a sync by. */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The plan with each object's apply wave as an Argo CD sync wave: Namespaces first, networking after workloads. */
export function withSyncWaves(plan: FleetPlan): FleetPlan {
  return {
    ...plan,
    clusters: plan.clusters.map((c) => ({
      ...c,
      objects: c.objects.map((o) => ({
        ...o,
        manifest: { ...o.manifest, metadata: { ...o.manifest.metadata, annotations: { ...o.manifest.metadata.annotations, [SYNC_WAVE]: String(o.wave) } } },
      })),
    })),
  };
}

/**
 * One ApplicationSet whose list generator has an element per cluster (name, server, path), each
 * becoming an Application that syncs `<path>/<cluster>` with automated prune and self-heal. Clusters
 * are addressed by API server URL when every cluster has one, else by their Argo CD cluster name.
 */
export function applicationSet(fleetName: string, clusters: readonly ClusterProps[], gitops: GitOpsProps): Manifest {
  const root = (gitops.path ?? 'dist').replace(/\/+$/, '');
  const byServer = clusters.every((c) => c.server !== undefined);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: fleetName, namespace: gitops.namespace ?? 'argocd', labels: { 'app.kubernetes.io/managed-by': 'clusterset' } },
    spec: {
      generators: [
        {
          list: {
            elements: clusters.map((c) => ({ name: c.name, ...(c.server !== undefined ? { server: c.server } : {}), path: `${root}/${c.name}` })),
          },
        },
      ],
      template: {
        metadata: { name: `${fleetName}-{{name}}`, labels: { 'app.kubernetes.io/managed-by': 'clusterset' } },
        spec: {
          project: gitops.project ?? 'default',
          source: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision ?? 'HEAD', path: '{{path}}' },
          destination: byServer ? { server: '{{server}}' } : { name: '{{name}}' },
          syncPolicy: { automated: { prune: true, selfHeal: true } },
        },
      },
    },
  };
}

/** A kustomization.yaml listing a folder's files in apply order, for kustomize-based tools. */
export function kustomization(files: readonly string[]): Record<string, unknown> {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...files] };
}
