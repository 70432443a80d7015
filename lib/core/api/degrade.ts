// How far a service may shrink when the clusters left cannot hold every service (docs/operations.md).

/**
 * A service's place in the degrade order. When a cluster cannot hold what the plan puts there (a cluster
 * down, a migration target without room), services of lower priority give up replicas first, each down to
 * its floor; a service without `degrade` keeps all its replicas.
 */
export interface DegradeProps {
  /** Higher keeps its replicas longer: services are reduced in increasing priority (ties by namespace/name). @default 0 */
  readonly priority?: number;
  /**
   * The least the service keeps, in percent of its total replicas as planned with every cluster ready,
   * summed over the clusters that serve it (rounded up, never below one replica in a cluster that runs it).
   * 100 means it is never reduced.
   * @default 100
   */
  readonly floorPercent?: number;
}
