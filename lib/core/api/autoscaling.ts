// Horizontal pod autoscaling of a service: one autoscaling/v2 HorizontalPodAutoscaler per cluster that runs it.

/**
 * Bounds and targets of the HorizontalPodAutoscaler each active cluster gets. Under divided scheduling the
 * bounds are divided like the replicas (docs/autoscaling.md); duplicated, each active cluster gets them whole.
 */
export interface AutoscalingProps {
  /** The fewest replicas, 1 or more; divided, rounded up per cluster, at least 1 each. @default - no default: an autoscaler needs its bounds */
  readonly minReplicas: number;
  /** The most replicas, at least `minReplicas`; divided, rounded down per cluster, never below that cluster's minimum. @default - no default: an autoscaler needs its bounds */
  readonly maxReplicas: number;
  /** Target average CPU utilisation of the pods, in percent of their CPU request (1 to 100). @default - no CPU target (with no target at all, Kubernetes' default of 80% CPU) */
  readonly cpuUtilization?: number;
  /** Target average memory utilisation of the pods, in percent of their memory request (1 to 100). @default - no memory target */
  readonly memoryUtilization?: number;
  /**
   * More metrics, each an autoscaling/v2 MetricSpec as plain JSON (`{ type: 'Pods', pods: {...} }`), after
   * the CPU and memory targets.
   * @default []
   */
  readonly metrics?: Array<{ [key: string]: unknown }>;
  /** The autoscaling/v2 `behavior` (scale-up and scale-down policies) as plain JSON, the same in every cluster. @default - Kubernetes' default behavior */
  readonly behavior?: { [key: string]: unknown };
}
