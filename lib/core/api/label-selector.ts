/** One `matchExpressions` entry of a Kubernetes label selector. */
export interface LabelSelectorRequirement {
  /** The label key the requirement applies to. @default - no default: a requirement needs a key */
  readonly key: string;
  /** How the key relates to the values. @default - no default */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Values for In and NotIn; must be empty for Exists and DoesNotExist. @default [] */
  readonly values?: readonly string[];
}

/** Selects clusters by their labels, with Kubernetes label selector semantics (like KubeVela `clusterLabelSelector`). */
export interface LabelSelector {
  /** Every label listed must be present with this value. @default {} */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Every requirement must hold. @default [] */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}
