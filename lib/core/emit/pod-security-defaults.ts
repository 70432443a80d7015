// Secure by default: what a pod gets wherever its template is silent, so that it meets the Pod Security
// Standards "restricted" profile (docs/security.md). Values the template sets are kept; the plan then
// checks them against the service's podSecurity level.
import { isObject } from '../validate/input/shape';

type Json = Record<string, unknown>;

/** Capabilities that cannot be combined with `allowPrivilegeEscalation: false` (the API server refuses it). */
const ESCALATING_CAPABILITIES: readonly string[] = ['SYS_ADMIN', 'CAP_SYS_ADMIN'];

/**
 * The pod spec with the restricted defaults filled in: the pod runs as non-root with the RuntimeDefault
 * seccomp profile, each container and init container drops every capability and cannot escalate, and the
 * service account token is mounted only for an account of the service's own (not `default`). A default
 * the API server would refuse with the template's values (escalation off for a privileged container,
 * non-root beside `runAsUser: 0`, Linux fields on a Windows pod) is left out; the check reports the value.
 */
export function withSecurityDefaults(spec: Json): Json {
  const windows = isObject(spec.os) && spec.os.name === 'windows';
  const containerLists = ['containers', 'initContainers'] as const;
  const containers = containerLists.flatMap((k) => (Array.isArray(spec[k]) ? (spec[k] as unknown[]) : [])).filter(isObject);
  const pod = isObject(spec.securityContext) ? spec.securityContext : {};
  const runsAsRoot = pod.runAsUser === 0 || containers.some((c) => isObject(c.securityContext) && c.securityContext.runAsUser === 0);
  const securityContext: Json = {
    ...(pod.runAsNonRoot === undefined && !runsAsRoot ? { runAsNonRoot: true } : {}),
    ...(pod.seccompProfile === undefined && !windows ? { seccompProfile: { type: 'RuntimeDefault' } } : {}),
    ...pod,
  };
  const account = spec.serviceAccountName ?? spec.serviceAccount;
  const ownAccount = typeof account === 'string' && account !== '' && account !== 'default';
  const result: Json = { ...spec };
  for (const key of containerLists) {
    if (Array.isArray(spec[key])) result[key] = (spec[key] as unknown[]).map((c) => (isObject(c) && !windows ? containerWithDefaults(c) : c));
  }
  result.securityContext = securityContext;
  if (spec.automountServiceAccountToken === undefined && !ownAccount) result.automountServiceAccountToken = false;
  return result;
}

function containerWithDefaults(container: Json): Json {
  const given = isObject(container.securityContext) ? container.securityContext : {};
  const capabilities = isObject(given.capabilities) ? given.capabilities : {};
  const added = Array.isArray(capabilities.add) ? (capabilities.add as unknown[]) : [];
  const mayEscalate = given.privileged === true || added.some((c) => typeof c === 'string' && ESCALATING_CAPABILITIES.includes(c));
  const securityContext: Json = {
    ...(given.allowPrivilegeEscalation === undefined && !mayEscalate ? { allowPrivilegeEscalation: false } : {}),
    ...given,
    capabilities: { ...capabilities, ...(capabilities.drop === undefined ? { drop: ['ALL'] } : {}) },
  };
  return { ...container, securityContext };
}
