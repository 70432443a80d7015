// Flux GitOps over the per-cluster folders: a GitRepository on the hub and, per cluster, a Kustomization
// that applies that cluster's folder to it through its kubeconfig Secret. Written against the delivery
// contract alone; translates the plan, decides nothing.
import type { ClusterProps } from '../core/api/cluster';
import type { Manifest } from '../core/kube/manifest';
import { object, string } from '../core/validate/input/shape';
import type { DeliveryInput, DeliveryOutput, IDeliveryEngine } from './engine';
import { KustomizationFile } from './kustomization';
import { enginePropsProblems } from './props-problems';

/** The placeholder of `kubeConfigSecret` replaced by each cluster's name. */
const CLUSTER_PLACEHOLDER = '{cluster}';

/** Where Flux finds the synthesized folders, and how it reaches each cluster. */
export interface FluxProps {
  /** The Git repository holding the synthesized output (`http`, `https` or `ssh` URL). @default - no default: Flux needs it */
  readonly repoURL: string;
  /** Branch to sync. @default 'main' */
  readonly branch?: string;
  /** Folder of the cluster folders within the repository. @default 'dist' */
  readonly path?: string;
  /** Namespace of Flux on the hub, where the GitRepository, the Kustomizations and the kubeconfig Secrets live. @default 'flux-system' */
  readonly namespace?: string;
  /** How often Flux checks the repository and reconciles each cluster (Go duration). @default '5m' */
  readonly interval?: string;
  /**
   * The name of each cluster's kubeconfig Secret in `namespace`, with `{cluster}` replaced by the cluster's
   * name. The Secret holds the kubeconfig Flux applies that cluster's folder with.
   * @default '{cluster}-kubeconfig'
   */
  readonly kubeConfigSecret?: string;
  /** The key of the kubeconfig in each Secret. @default - Flux's default key, `value` */
  readonly kubeConfigSecretKey?: string;
}

const fluxProps = object({
  repoURL: { shape: string({ nonEmpty: true }), required: 'give the Git repository holding the synthesized output' },
  branch: { shape: string({ nonEmpty: true }) },
  path: { shape: string() },
  namespace: { shape: string({ nonEmpty: true }) },
  interval: { shape: string({ nonEmpty: true }) },
  kubeConfigSecret: { shape: string({ nonEmpty: true }) },
  kubeConfigSecretKey: { shape: string({ nonEmpty: true }) },
});

const FACTORY = 'Delivery.flux({ repoURL })';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'clusterset' };

/** Each cluster's folder with a kustomization.yaml, applied by a Flux Kustomization per cluster from a GitRepository on the hub. */
export class FluxDelivery implements IDeliveryEngine {
  public readonly name = 'Delivery.flux()';
  public readonly clusterFolders = true;
  public readonly hubObjects = true;
  public readonly keepsClusterIPs = true;
  /** The placeholder of `FluxProps.kubeConfigSecret` replaced by each cluster's name. */
  public static readonly CLUSTER_PLACEHOLDER = CLUSTER_PLACEHOLDER;

  constructor(private readonly props: FluxProps) {}

  public deliver(input: DeliveryInput): DeliveryOutput {
    const problems = enginePropsProblems(FACTORY, fluxProps, this.props);
    if (problems.length > 0) return { problems };
    problems.push(...valueProblems(this.props));
    if (problems.length > 0) return { problems };
    return {
      clusters: input.plan.clusters.map((c) => ({ cluster: c.cluster, objects: c.objects.map((o) => o.manifest), files: [new KustomizationFile(c.remoteResources)] })),
      hub: [gitRepository(input.fleetName, this.props), ...input.clusters.map((c) => kustomization(input.fleetName, c, this.props))],
    };
  }
}

/** What the CRDs would refuse at apply time, reported at synth instead. */
function valueProblems(props: FluxProps): string[] {
  const problems: string[] = [];
  if (!/^(http|https|ssh):\/\//.test(props.repoURL)) {
    problems.push(`${FACTORY}: repoURL "${props.repoURL}" must start with http://, https:// or ssh:// (Flux's GitRepository accepts no other); give the repository's URL`);
  }
  if (props.interval !== undefined && !/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/.test(props.interval)) {
    problems.push(`${FACTORY}: interval "${props.interval}" is no Go duration; write it like "5m" or "1h30m"`);
  }
  if (props.kubeConfigSecret !== undefined && !props.kubeConfigSecret.includes(CLUSTER_PLACEHOLDER)) {
    problems.push(
      `${FACTORY}: kubeConfigSecret "${props.kubeConfigSecret}" has no ${CLUSTER_PLACEHOLDER}, so every cluster would get the same kubeconfig; ` +
        `write it like "${CLUSTER_PLACEHOLDER}-kubeconfig"`,
    );
  }
  return problems;
}

/** The GitRepository every cluster's Kustomization reads from. */
function gitRepository(fleetName: string, props: FluxProps): Manifest {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: fleetName, namespace: props.namespace ?? 'flux-system', labels: MANAGED_BY },
    spec: { url: props.repoURL, ref: { branch: props.branch ?? 'main' }, interval: props.interval ?? '5m' },
  };
}

/** One cluster's Kustomization: its folder, pruned, applied with its own kubeconfig. */
function kustomization(fleetName: string, cluster: ClusterProps, props: FluxProps): Manifest {
  const root = (props.path ?? 'dist').replace(/^\.?\/+/, '').replace(/\/+$/, '');
  const secret = (props.kubeConfigSecret ?? `${CLUSTER_PLACEHOLDER}-kubeconfig`).split(CLUSTER_PLACEHOLDER).join(cluster.name);
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `${fleetName}-${cluster.name}`, namespace: props.namespace ?? 'flux-system', labels: MANAGED_BY },
    spec: {
      interval: props.interval ?? '5m',
      path: `./${root === '' ? '' : `${root}/`}${cluster.name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: fleetName },
      kubeConfig: { secretRef: { name: secret, ...(props.kubeConfigSecretKey !== undefined ? { key: props.kubeConfigSecretKey } : {}) } },
    },
  };
}
