import type { ServicePort } from './port';
import type { ContainerResources } from './resources';
import type { Overrides } from './overrides';
import type { Placement } from './placement';
import type { SchedulingProps } from './scheduling';
import type { AutoscalingProps } from './autoscaling';
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
   * A HorizontalPodAutoscaler in each active cluster, which then owns the workload's replicas there (the
   * workload is written without `spec.replicas`); placeholders keep 0 replicas and get none.
   * @default - no autoscaler: each active cluster runs its planned replicas
   */
  readonly autoscaling?: AutoscalingProps;
  /** A PodDisruptionBudget in each active cluster. @default - no budget */
  readonly disruptionBudget?: DisruptionBudgetProps;
}
