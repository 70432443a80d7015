/** How a label selector requirement relates a key to its values, as Kubernetes spells it. */
export enum LabelSelectorOperator {
  /** The label's value is one of the values. */
  IN = 'In',
  /** The label is absent or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One `matchExpressions` entry of a Kubernetes label selector. */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to. @default - no default: a requirement needs a key */
  readonly key: string;
  /** How the key relates to the values. @default - no default */
  readonly operator: LabelSelectorOperator;
  /** Values for In and NotIn; must be empty for Exists and DoesNotExist. @default [] */
  readonly values?: string[];
}

/** Selects clusters by their labels, with Kubernetes label selector semantics (like KubeVela `clusterLabelSelector`). */
export interface LabelSelector {
  /** Every label listed must be present with this value. @default {} */
  readonly matchLabels?: Record<string, string>;
  /** Every requirement must hold. @default [] */
  readonly matchExpressions?: LabelSelectorRequirement[];
}
