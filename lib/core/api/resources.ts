// Kubernetes compute resources of a container, shared by a service and its overrides.

/** Compute resources of the container, as in a Pod spec. */
export interface ContainerResources {
  /** Requests, such as `{ cpu: '100m', memory: '128Mi' }`. @default {} */
  readonly requests?: Readonly<Record<string, string>>;
  /** Limits. @default {} */
  readonly limits?: Readonly<Record<string, string>>;
}
