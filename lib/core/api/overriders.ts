// Karmada's overriders as users write them; emit/ applies them.

/** A part of an image reference: `[registry/]repository[:tag]`. */
export enum ImageComponent {
  REGISTRY = 'Registry',
  REPOSITORY = 'Repository',
  TAG = 'Tag',
}

/** What an overrider does, as Karmada names it; lists take only ADD and REMOVE. */
export enum OverriderOperator {
  ADD = 'add',
  REMOVE = 'remove',
  REPLACE = 'replace',
}

/** A JSON patch operation's `op`: the three KubeFed and Karmada plaintext overrides take. */
export enum JsonPatchOp {
  ADD = 'add',
  REMOVE = 'remove',
  REPLACE = 'replace',
}

/** Karmada's ImageOverrider: add appends the value to the component, replace sets it, remove drops it. */
export interface ImageOverrider {
  /** The part to change. @default - no default */
  readonly component: ImageComponent;
  /** What to do with it. @default - no default */
  readonly operator: OverriderOperator;
  /** The text to append or put in place; unused by remove. @default '' */
  readonly value?: string;
}

/** Karmada's labels/annotations overrider: add sets keys, remove deletes keys that exist, replace changes keys that exist. */
export interface MapOverrider {
  /** What to do with the entries. @default - no default */
  readonly operator: OverriderOperator;
  /** The entries (for remove, the keys matter). @default - no default */
  readonly value: Record<string, string>;
}

/** Karmada's command/args overrider: add appends items, remove deletes the items that match. */
export interface ListOverrider {
  /** The container to change; clusterset workloads have one container, named after the service. @default - the service's container */
  readonly containerName?: string;
  /** What to do with the items: OverriderOperator.ADD or REMOVE. @default - no default */
  readonly operator: OverriderOperator;
  /** The items. @default - no default */
  readonly value: string[];
}

/** A JSON patch operation on the workload (KubeFed clusterOverrides, Karmada plaintext). */
export interface JsonPatchOperation {
  /** add, remove or replace. @default - no default */
  readonly op: JsonPatchOp;
  /** An RFC 6901 pointer into the workload, such as `/spec/template/spec/nodeSelector`. @default - no default */
  readonly path: string;
  /** The value for add and replace. @default - none */
  readonly value?: unknown;
}
