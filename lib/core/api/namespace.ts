// A Namespace the fleet declares: its name, and the labels and annotations every cluster gets with it.

/** A Namespace of the fleet, placed in every cluster that holds one of its services (docs/namespaces.md). */
export interface NamespaceProps {
  /** The Namespace's name, a DNS-1123 label; built-in Namespaces (default, kube-system...) are refused. @default - no default */
  readonly name: string;
  /** Labels of the Namespace in every cluster (`istio-injection`, `pod-security.kubernetes.io/enforce`...); clusterset adds its managed-by label. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the Namespace in every cluster. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}
