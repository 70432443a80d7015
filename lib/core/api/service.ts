import type { ServicePort } from './port';
import type { ContainerResources } from './resources';
import type { Overrides } from './overrides';
import type { Placement } from './placement';
import type { SchedulingProps } from './scheduling';
import type { PodSecurityLevel } from './pod-security';
import type { ExternalDependency } from './dependencies';
import type { Manifest } from '../kube/manifest';
import type { AutoscalingProps } from './autoscaling';
import type { DegradeProps } from './degrade';
import type { DisruptionBudgetProps } from './disruption-budget';

/** What kind of workload runs the service. */
export enum WorkloadKind {
  /** A Deployment behind a ClusterIP Service. */
  DEPLOYMENT = 'Deployment',
  /** A StatefulSet behind a headless Service (stable per-pod DNS names). */
  STATEFUL_SET = 'StatefulSet',
}

/** A service that lives in some clusters and is reachable by its plain name from all the others. */
export interface MultiClusterServiceOptions {
  /** The Service (and workload) name, the `{app}` of `{app}.{ns}.svc`: a DNS-1035 label. @default - the construct id */
  readonly name?: string;
  /** The namespace, the same in every cluster (namespace sameness). @default 'default' */
  readonly namespace?: string;
  /** The container image; a cluster's `registry` and placement overrides may change its registry, repository or tag. @default - no default */
  readonly image: string;
  /** Replicas in each active cluster. @default 1 */
  readonly replicas?: number;
  /** The ports of the Service. @default - no default: a service without ports cannot be called */
  readonly ports: ServicePort[];
  /** Where the service runs (active) and where it is only made reachable (placeholder). @default - no default */
  readonly placements: Placement[];
  /** The workload kind. @default WorkloadKind.DEPLOYMENT */
  readonly workload?: WorkloadKind;
  /** Environment variables of the container. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Labels on every object of the service. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the workload and its pods. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Container entrypoint. @default - the image's entrypoint */
  readonly command?: string[];
  /** Container arguments. @default - the image's cmd */
  readonly args?: string[];
  /** Container compute resources. @default - none set */
  readonly resources?: ContainerResources;
  /** How replicas spread over the active clusters. @default - duplicated: every active cluster runs `replicas` */
  readonly scheduling?: SchedulingProps;
  /** Overrides for single clusters, by cluster name, applied after the placement's. @default {} */
  readonly clusterOverrides?: Readonly<Record<string, Overrides>>;
  /**
   * The pod template, as Kubernetes' PodTemplateSpec in plain JSON (`{ metadata: { labels, annotations }, spec: { ... } }`):
   * probes, volumes, init and sidecar containers, service account, security context, affinity, tolerations...
   * The container named like the service (or the only one) is the service's: `image`, `ports`, `env`,
   * `command`, `args` and `resources` of these props go into it and win over the template's (env and
   * resources merged by name, ports by number), and it comes first in the pod. Pods always carry the
   * service's selector labels, and the security defaults of `podSecurity` fill what the template leaves unset
   * (docs/workloads.md).
   * @default - a pod of the service's container alone
   */
  readonly podTemplate?: { [key: string]: unknown };
  /**
   * PersistentVolumeClaim templates of a StatefulSet (`spec.volumeClaimTemplates`), as plain JSON; refused for a Deployment.
   * @default - no claims
   */
  readonly volumeClaimTemplates?: Array<{ [key: string]: unknown }>;
  /**
   * The Pod Security Standards level the pods are held to. Under RESTRICTED and BASELINE pods get the
   * restricted defaults wherever the template is silent; under PRIVILEGED the pod is written as the template
   * says. A template value looser than the level is refused, as is a level looser than the namespace's
   * `pod-security.kubernetes.io/enforce` label (docs/security.md).
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Objects the pods need, as plain manifests written to every cluster holding the workload (active and
   * placeholder), in the service's namespace, before the workload: ConfigMap, Secret, ServiceAccount,
   * Role, RoleBinding and PersistentVolumeClaim. Two services may declare the same object if they declare
   * it identically. See docs/dependencies.md.
   * @default []
   */
  readonly dependencies?: Manifest[];
  /** Objects the pods refer to that something else creates in each cluster (External Secrets...), in the service's namespace. @default [] */
  readonly externalDependencies?: ExternalDependency[];
  /**
   * Allows declared Secrets to carry `data` or `stringData`, which the cdk8s flavour writes in plain text
   * into files that usually end up in Git. Prefer `externalDependencies` with a secret operator.
   * @default false
   */
  readonly allowPlaintextSecrets?: boolean;
  /**
   * A HorizontalPodAutoscaler in each active cluster, which then owns the workload's replicas there (the
   * workload is written without `spec.replicas`); placeholders keep 0 replicas and get none.
   * @default - no autoscaler: each active cluster runs its planned replicas
   */
  readonly autoscaling?: AutoscalingProps;
  /** A PodDisruptionBudget in each active cluster. @default - no budget */
  readonly disruptionBudget?: DisruptionBudgetProps;
  /** How far the service may shrink, and in which order, when clusters cannot hold every service (docs/operations.md). @default - never reduced */
  readonly degrade?: DegradeProps;
  /**
   * The services of the fleet that call this one: a name for a service of the same namespace, `namespace/name`
   * for one of another. They make the call graph of the plan, and, in namespaces a FleetGovernance governs, the
   * only callers its NetworkPolicies and AuthorizationPolicies admit; `[]` declares that no service calls it.
   * List the service itself if its pods call each other (a StatefulSet's peers). See docs/governance.md.
   * @default - callers not declared: the service is not restricted (under default deny, its own namespace may call it)
   */
  readonly callers?: string[];
}
