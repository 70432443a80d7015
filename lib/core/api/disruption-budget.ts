// Voluntary disruptions a service tolerates: one policy/v1 PodDisruptionBudget per cluster that runs it.

/**
 * How many of a service's pods a voluntary disruption (a node drain, an eviction) may take down in each
 * cluster. Give exactly one field. Counts and percentages of `maxUnavailable` apply as given in every
 * cluster; a `minAvailable` count is divided like the replicas under divided scheduling (docs/autoscaling.md).
 */
export interface DisruptionBudgetProps {
  /** Pods that may be unavailable at once in each cluster, 1 or more. @default - not this kind of budget */
  readonly maxUnavailable?: number;
  /** Percentage of each cluster's pods that may be unavailable at once (1 to 100), written as `"25%"`. @default - not this kind of budget */
  readonly maxUnavailablePercent?: number;
  /** Pods that must stay available, divided like the replicas; below each cluster's replicas (or autoscaler minimum). @default - not this kind of budget */
  readonly minAvailable?: number;
  /** Percentage of each cluster's pods that must stay available (0 to 99), written as `"75%"`. @default - not this kind of budget */
  readonly minAvailablePercent?: number;
}
