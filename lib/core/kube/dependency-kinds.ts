// Which objects a service may bring along for its pods, and how Kubernetes spells their apiVersions.

/** apiVersion by kind: the objects a pod refers to, and the RBAC objects that give its account rights. */
export const DEPENDENCY_API_VERSIONS: Readonly<Record<string, string>> = {
  ConfigMap: 'v1',
  Secret: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
};

/** The kinds a pod spec refers to by name, which `externalDependencies` may name. */
export const REFERABLE_KINDS: readonly string[] = ['ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim'];
