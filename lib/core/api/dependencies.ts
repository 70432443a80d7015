/**
 * An object a service's pods need that something else creates in each cluster (External Secrets, a
 * provisioner, an operator), in the service's namespace. clusterset writes nothing for it; naming it
 * tells the reference check that a pod may refer to it.
 */
export interface ExternalDependency {
  /** The kind: ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim (the kinds a pod refers to). @default - no default */
  readonly kind: string;
  /** The object's name, in the service's namespace. @default - no default */
  readonly name: string;
}
