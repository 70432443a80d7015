// Namespace guardrails of a FleetGovernance (issue 12 §2): a LimitRange and a ResourceQuota per governed
// namespace in every cluster holding one of its services (docs/governance.md, "Namespace guardrails").

/** CPU and memory of one container, as Kubernetes quantities. */
export interface ContainerAmounts {
  /** CPU, such as `500m` or `2`. @default - not set: this resource is left to the other settings */
  readonly cpu?: string;
  /** Memory, such as `128Mi` or `1Gi`. @default - not set: this resource is left to the other settings */
  readonly memory?: string;
}

/**
 * The LimitRange of a namespace, for each container of its pods. Kubernetes fills a container's missing
 * limits from `default` and its missing requests from `defaultRequest`; an unset `default` takes `max`, an
 * unset `defaultRequest` takes `default`, as the API server does.
 */
export interface NamespaceLimitsProps {
  /** The limits given to a container that sets none. @default - `max`, else no default limit */
  readonly default?: ContainerAmounts;
  /** The requests given to a container that sets none. @default - `default`, else no default request */
  readonly defaultRequest?: ContainerAmounts;
  /** The most a container may request or be limited to; the API server refuses pods above it. @default - no maximum */
  readonly max?: ContainerAmounts;
}

/**
 * The ResourceQuota of a namespace: what all its pods together may request and be limited to, how many
 * pods it may hold, and whether its Services may be LoadBalancers or NodePorts.
 */
export interface NamespaceQuotaProps {
  /** Total CPU requested by the namespace's pods (`requests.cpu`), such as `8`. @default - not limited */
  readonly requestsCpu?: string;
  /** Total memory requested (`requests.memory`), such as `16Gi`. @default - not limited */
  readonly requestsMemory?: string;
  /** Total CPU limits (`limits.cpu`). @default - not limited */
  readonly limitsCpu?: string;
  /** Total memory limits (`limits.memory`). @default - not limited */
  readonly limitsMemory?: string;
  /** How many pods the namespace may hold (`pods`). @default - not limited */
  readonly pods?: number;
  /** Allow Services of type LoadBalancer; otherwise `services.loadbalancers` is 0. @default false */
  readonly allowLoadBalancers?: boolean;
  /** Allow Services of type NodePort (and LoadBalancers' node ports); otherwise `services.nodeports` is 0. @default false */
  readonly allowNodePorts?: boolean;
}

/**
 * What a FleetGovernance sets differently in one cluster. Each field given is merged over the fleet-wide
 * one, field by field (`limits.max.cpu` alone changes only that amount).
 */
export interface GovernanceClusterOverrides {
  /** LimitRange fields for this cluster. @default - the fleet-wide `limits` */
  readonly limits?: NamespaceLimitsProps;
  /** ResourceQuota fields for this cluster. @default - the fleet-wide `quota` */
  readonly quota?: NamespaceQuotaProps;
}
