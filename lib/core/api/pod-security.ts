// The Pod Security Standards level a service's pods are held to (docs/security.md).

/**
 * A Pod Security Standards level (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
 * Every pod clusterset writes meets RESTRICTED unless its service relaxes it to one of the others.
 */
export enum PodSecurityLevel {
  /** Hardened: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, restricted volume types. */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations (no host namespaces, hostPath, privileged containers or added capabilities beyond the default set). */
  BASELINE = 'baseline',
  /** Unrestricted: anything the pod template says. */
  PRIVILEGED = 'privileged',
}
