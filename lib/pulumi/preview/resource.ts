/** One resource a program registered, as the offline preview saw it. */
export interface PreviewedResource {
  /** The Pulumi type token, such as `kubernetes:core/v1:Service` or `pulumi:providers:kubernetes`. */
  readonly type: string;
  /** The resource's name, such as `fleet/prodc/ns/app-a`. */
  readonly name: string;
  /** The provider reference it is created with (`<provider URN>::<id>`); absent for providers and components. */
  readonly provider?: string;
  /** The URNs of the resources it waits for (its `dependsOn` and the resources its inputs come from). */
  readonly dependencies: string[];
  /** The inputs it would be created with; a live Service's `spec.clusterIP` is stood in for. */
  readonly inputs: Record<string, unknown>;
}

/** `type::name`, the end of every URN of this resource. */
export function urnSuffix(resource: Pick<PreviewedResource, 'type' | 'name'>): string {
  return `${resource.type}::${resource.name}`;
}
