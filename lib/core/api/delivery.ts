/** How the fleet's objects reach the clusters. */
export enum Delivery {
  /** Each cluster's objects in its own output (`dist/<cluster>/`), applied to it directly. */
  DIRECT = 'Direct',
  /** Each cluster's folder plus a kustomization.yaml, synced by an Argo CD ApplicationSet written to the `hub` output. */
  ARGOCD = 'ArgoCD',
  /** KubeVela Applications (and the Namespaces they live in) for the hub, in the `hub` output; KubeVela deploys to the clusters. */
  KUBEVELA = 'KubeVela',
  /** Karmada resource templates, PropagationPolicies and OverridePolicies for the hub, in the `hub` output; Karmada propagates them. */
  KARMADA = 'Karmada',
}

/** Where GitOps tools find the synthesized folders. */
export interface GitOpsProps {
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
