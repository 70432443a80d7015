// Namespaces every Kubernetes cluster has from the start, which clusterset never creates nor owns.

/** The Namespaces Kubernetes creates itself. */
export const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
