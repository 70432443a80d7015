// Argo CD GitOps over the per-cluster folders: an ApplicationSet for the hub, sync waves on every
// object, and a kustomization.yaml per folder. Translates the plan; decides nothing.
import type { ClusterProps } from '../core/api/cluster';
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan } from '../core/model';
import { object, string } from '../core/validate/input/shape';
import type { DeliveryInput, DeliveryOutput, IDeliveryEngine } from './engine';
import { KustomizationFile } from './kustomization';
import { enginePropsProblems } from './props-problems';
import { type AutoscaledWorkload, autoscaledWorkloads, REPLICAS_POINTER } from './autoscaled';

/** Where Argo CD finds the synthesized folders. */
export interface ArgoCdProps {
  /** The Git repository holding the synthesized output. @default - no default: Argo CD needs it */
  readonly repoURL: string;
  /** Branch, tag or commit to sync. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Folder of the cluster folders within the repository. @default 'dist' */
  readonly path?: string;
  /** Namespace of Argo CD on the hub. @default 'argocd' */
  readonly namespace?: string;
  /** Argo CD project of the generated Applications. @default 'default' */
  readonly project?: string;
}

const argoCdProps = object({
  repoURL: { shape: string(), required: 'give the Git repository holding the synthesized output' },
  targetRevision: { shape: string() },
  path: { shape: string() },
  namespace: { shape: string() },
  project: { shape: string() },
});

/** Each cluster's folder with sync waves and a kustomization.yaml, synced by an ApplicationSet on the hub. */
export class ArgoCdDelivery implements IDeliveryEngine {
  public readonly name = 'Delivery.argoCd()';
  public readonly clusterFolders = true;
  public readonly hubObjects = true;
  public readonly keepsClusterIPs = true;

  constructor(private readonly props: ArgoCdProps) {}

  public deliver(input: DeliveryInput): DeliveryOutput {
    const problems = enginePropsProblems('Delivery.argoCd({ repoURL })', argoCdProps, this.props);
    if (problems.length > 0) return { problems };
    return {
      clusters: withSyncWaves(input.plan).clusters.map((c) => ({ cluster: c.cluster, objects: c.objects.map((o) => o.manifest), files: [new KustomizationFile(c.remoteResources)] })),
      hub: [applicationSet(input.fleetName, input.clusters, this.props, autoscaledWorkloads(input.plan))],
    };
  }
}

/** The annotation Argo CD orders a sync by. */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/**
 * A Gatekeeper constraint's kind exists only once its template (applied in the same sync, from the folder's
 * kustomization) has made its CRD: Argo CD must not dry-run it before.
 */
function skipDryRun(manifest: Manifest): Record<string, string> {
  return manifest.apiVersion.startsWith('constraints.gatekeeper.sh/') ? { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } : {};
}

/** The plan with each object's apply wave as an Argo CD sync wave: Namespaces first, networking after workloads. */
export function withSyncWaves(plan: FleetPlan): FleetPlan {
  return {
    ...plan,
    clusters: plan.clusters.map((c) => ({
      ...c,
      objects: c.objects.map((o) => ({
        ...o,
        manifest: { ...o.manifest, metadata: { ...o.manifest.metadata, annotations: { ...o.manifest.metadata.annotations, [SYNC_WAVE]: String(o.wave), ...skipDryRun(o.manifest) } } },
      })),
    })),
  };
}

/**
 * One ApplicationSet whose list generator has an element per cluster (name, server, path), each
 * becoming an Application that syncs `<path>/<cluster>` with automated prune and self-heal. Clusters
 * are addressed by API server URL when every cluster has one, else by their Argo CD cluster name.
 * Workloads under an autoscaler are listed in `ignoreDifferences` on their replicas (docs/autoscaling.md).
 */
export function applicationSet(fleetName: string, clusters: readonly ClusterProps[], gitops: ArgoCdProps, autoscaled: readonly AutoscaledWorkload[] = []): Manifest {
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
          ...ignoredReplicas(autoscaled),
        },
      },
    },
  };
}

/**
 * `ignoreDifferences` on the replicas of every workload an autoscaler owns, so Argo CD neither reports the
 * autoscaler's count as drift nor self-heals it away. The list is the same for every cluster of the
 * ApplicationSet, placeholders included, so it is not made `RespectIgnoreDifferences`: a sync still applies
 * a placeholder's `replicas: 0` (and a workload moving under an autoscaler leaves `replicas` out), which
 * that option would replace by the live count.
 */
function ignoredReplicas(autoscaled: readonly AutoscaledWorkload[]): { ignoreDifferences?: Json[] } {
  const entries = new Map<string, Json>();
  for (const w of autoscaled) {
    const group = w.apiVersion.includes('/') ? w.apiVersion.split('/')[0] : '';
    entries.set(`${group}/${w.kind}/${w.namespace}/${w.name}`, { group, kind: w.kind, name: w.name, namespace: w.namespace, jsonPointers: [REPLICAS_POINTER] });
  }
  const sorted = [...entries.keys()].sort().map((k) => entries.get(k) as Json);
  return sorted.length > 0 ? { ignoreDifferences: sorted } : {};
}

type Json = Record<string, unknown>;
