// Admission policies (issue 12 §3): constraints of the Gatekeeper library's templates, built from the fleet.

/** What Gatekeeper does with a request a constraint refuses. */
export enum AdmissionEnforcement {
  /** The request is refused. */
  DENY = 'deny',
  /** The request passes; the violation is recorded in the constraint's status (audit). */
  DRYRUN = 'dryrun',
  /** The request passes with a warning to the client. */
  WARN = 'warn',
}

/**
 * Gatekeeper constraints for the governed namespaces, built from the fleet, each of a Gatekeeper library
 * template that clusterset installs by reference (docs/governance.md). The plan refuses a service whose pods
 * these constraints would refuse, so the fleet's own pods pass the fleet's own constraints.
 */
export interface AdmissionProps {
  /** No hostPath volumes (K8sPSPHostFilesystem, no allowed path), design document 002's rule. @default false */
  readonly disallowHostPath?: boolean;
  /**
   * Images only from the repositories the plan places in each cluster: the cluster's `registry` where it
   * declares one, else the repositories of the images it runs (K8sAllowedRepos, one constraint per cluster).
   * @default false
   */
  readonly allowedRegistries?: boolean;
  /** Every container sets CPU and memory limits (K8sContainerLimits). @default false */
  readonly requireLimits?: boolean;
  /** With requireLimits, the CPU limit each container must stay under, such as `2`. @default - no maximum */
  readonly maxCpu?: string;
  /** With requireLimits, the memory limit each container must stay under, such as `4Gi`. @default - no maximum */
  readonly maxMemory?: string;
  /** Every container has a readiness and a liveness probe (K8sRequiredProbes). @default false */
  readonly requireProbes?: boolean;
  /** Labels every pod must carry (K8sRequiredLabels). @default - none required */
  readonly requiredLabels?: string[];
  /** What Gatekeeper does with a refused request. @default AdmissionEnforcement.DENY */
  readonly enforcementAction?: AdmissionEnforcement;
  /**
   * The commit of the Gatekeeper library whose templates the clusters install (40 hex digits: a pinned
   * revision, never a branch), referenced by URL in each cluster's kustomization.yaml.
   * @default - the commit the constraints were tested against, 5c441fb645f257b2c428fe9aea22da24a94b5bab
   */
  readonly libraryRevision?: string;
}
