// Holds each service's pods to its Pod Security Standards level, and the level to its namespace's.
import { PodSecurityLevel } from '../api/pod-security';
import type { NamespaceProps } from '../api/namespace';
import type { Manifest } from '../kube/manifest';
import type { ResolvedService } from '../model';
import { podSecurityViolations, stricter } from './pod-security';

/** The label by which Pod Security Admission enforces a level on a namespace. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

const LEVEL_NAMES: Readonly<Record<PodSecurityLevel, string>> = {
  [PodSecurityLevel.RESTRICTED]: 'PodSecurityLevel.RESTRICTED',
  [PodSecurityLevel.BASELINE]: 'PodSecurityLevel.BASELINE',
  [PodSecurityLevel.PRIVILEGED]: 'PodSecurityLevel.PRIVILEGED',
};

/**
 * Refuses a service's `podSecurity` looser than its declared namespace enforces, and every field of its
 * workloads (one per cluster, after overrides) that its level refuses; a field refused in several
 * clusters is one problem listing them.
 */
export function checkWorkloadSecurity(
  s: ResolvedService,
  workloads: ReadonlyArray<{ readonly cluster: string; readonly manifest: Manifest }>,
  declared: readonly NamespaceProps[],
  report: (message: string) => void,
): void {
  const level = s.spec.options.podSecurity ?? PodSecurityLevel.RESTRICTED;
  const enforced = declared.find((ns) => ns.name === s.model.namespace)?.labels?.[ENFORCE_LABEL];
  if (isLevel(enforced) && stricter(enforced, level)) {
    report(
      `podSecurity ${LEVEL_NAMES[level]} is looser than namespace "${s.model.namespace}" enforces (${ENFORCE_LABEL}: ${enforced}), ` +
        `so the clusters would refuse the pods it allows; remove what needs it from the pod template and use ${LEVEL_NAMES[enforced]}, or lower the namespace's label`,
    );
  }
  const clustersByMessage = new Map<string, string[]>();
  for (const { cluster, manifest } of workloads) {
    for (const v of podSecurityViolations((manifest.spec as { template?: unknown } | undefined)?.template)) {
      if (!stricter(level, v.needs)) continue;
      const message =
        `${v.field} is ${v.value}, which the Pod Security Standards "${level}" level refuses (${v.rule}); ` +
        `make it meet that level (docs/security.md), or allow it with podSecurity: ${LEVEL_NAMES[v.needs]}`;
      clustersByMessage.set(message, [...(clustersByMessage.get(message) ?? []), cluster]);
    }
  }
  for (const [message, clusters] of clustersByMessage) report(`${message} (in cluster${clusters.length === 1 ? '' : 's'} ${clusters.join(', ')})`);
}

const MODES: readonly string[] = ['enforce', 'audit', 'warn'];

/**
 * Problems of a Namespace's Pod Security Admission labels: a mode (`enforce`, `audit`, `warn`) names a level,
 * and its `-version` is `latest` or a Kubernetes minor version such as `v1.30`; Pod Security Admission refuses
 * the Namespace otherwise.
 */
export function podSecurityLabelProblems(labels: Readonly<Record<string, string>> | undefined): string[] {
  const problems: string[] = [];
  for (const mode of MODES) {
    const key = `pod-security.kubernetes.io/${mode}`;
    const level = labels?.[key];
    if (level !== undefined && !isLevel(level)) problems.push(`labels["${key}"] "${level}" is not a Pod Security level; give restricted, baseline or privileged`);
    const version = labels?.[`${key}-version`];
    if (version !== undefined && !/^(latest|v1\.(0|[1-9]\d*))$/.test(version)) {
      problems.push(`labels["${key}-version"] "${version}" is not a Kubernetes version Pod Security Admission reads; give latest or a minor version such as v1.30`);
    }
  }
  return problems;
}

function isLevel(value: string | undefined): value is PodSecurityLevel {
  return value !== undefined && (Object.values(PodSecurityLevel) as string[]).includes(value);
}
