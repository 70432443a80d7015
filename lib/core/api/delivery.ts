/**
 * What the planner needs to know of a delivery engine: whether the Services' addresses survive the way
 * to the clusters. Every `IDeliveryEngine` is one; the core never names an engine.
 */
export interface IDeliveredAddresses {
  /** The engine as errors name it, such as `Delivery.karmada()`. */
  readonly name: string;
  /**
   * Whether each Service reaches its cluster with the `spec.clusterIP` the plan gave it. When false, the
   * planner refuses wirings that point at an active Service's ClusterIP and pinned ClusterIPs, and allocates
   * none (Karmada removes the field before it propagates a Service; docs/delivery.md).
   */
  readonly keepsClusterIPs: boolean;
}
