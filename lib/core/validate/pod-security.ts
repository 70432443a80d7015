// The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
// applied to the pods clusterset writes: which fields of a pod need a level looser than restricted.
import { PodSecurityLevel } from '../api/pod-security';
import { isObject } from './input/shape';
import { describeValue } from './input/describe';

type Json = Record<string, unknown>;

/** One field of a pod that a level refuses. */
export interface PodSecurityViolation {
  /** Where, from the workload: `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly field: string;
  /** What it holds, as a message shows it ("true", "not set"). */
  readonly value: string;
  /** The rule of the standard, as its document names it. */
  readonly rule: string;
  /** The strictest level that allows it: BASELINE for a restricted-only rule, PRIVILEGED for a baseline rule. */
  readonly needs: PodSecurityLevel;
}

/** Levels from the loosest (0) to the strictest. */
const RANK: Readonly<Record<PodSecurityLevel, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** Whether `level` is stricter than `than`. */
export function stricter(level: PodSecurityLevel, than: PodSecurityLevel): boolean {
  return RANK[level] > RANK[than];
}

const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const RESTRICTED_VOLUMES: readonly string[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Every field of a workload's pod template that the restricted level refuses, each with the level it needs. */
export function podSecurityViolations(template: unknown, at = 'spec.template'): PodSecurityViolation[] {
  const found: PodSecurityViolation[] = [];
  const add = (field: string, value: unknown, rule: string, needs: PodSecurityLevel) =>
    found.push({ field, value: value === undefined ? 'not set' : describeValue(value), rule, needs });
  const baseline = (field: string, value: unknown, rule: string) => add(field, value, rule, PodSecurityLevel.PRIVILEGED);
  const restricted = (field: string, value: unknown, rule: string) => add(field, value, rule, PodSecurityLevel.BASELINE);
  const t = isObject(template) ? template : {};
  const spec = isObject(t.spec) ? t.spec : {};
  const s = `${at}.spec`;
  const windows = isObject(spec.os) && spec.os.name === 'windows';
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[key] === true) baseline(`${s}.${key}`, true, 'host namespaces');
  const annotations = isObject(t.metadata) && isObject(t.metadata.annotations) ? t.metadata.annotations : {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(APPARMOR_ANNOTATION) && !(value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/')))) {
      baseline(`${at}.metadata.annotations["${key}"]`, value, 'AppArmor');
    }
  }
  const pod = isObject(spec.securityContext) ? spec.securityContext : {};
  const ps = `${s}.securityContext`;
  commonContext(pod, ps, baseline, restricted);
  if (Array.isArray(pod.sysctls)) {
    pod.sysctls.forEach((sysctl: unknown, i) => {
      const name = isObject(sysctl) ? sysctl.name : sysctl;
      if (typeof name !== 'string' || !SAFE_SYSCTLS.includes(name)) baseline(`${ps}.sysctls[${i}].name`, name, 'sysctls');
    });
  }
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((volume: unknown, i) => {
      const sources = Object.keys(isObject(volume) ? volume : {}).filter((k) => k !== 'name');
      for (const source of sources) {
        if (source === 'hostPath') baseline(`${s}.volumes[${i}].hostPath`, (volume as Json).hostPath, 'HostPath volumes');
        else if (!RESTRICTED_VOLUMES.includes(source)) restricted(`${s}.volumes[${i}].${source}`, (volume as Json)[source], 'volume types');
      }
    });
  }
  const containers = (['containers', 'initContainers', 'ephemeralContainers'] as const).flatMap((list) =>
    (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).map((c, i) => ({ c: isObject(c) ? c : {}, at: `${s}.${list}[${i}]` })),
  );
  for (const { c, at: cAt } of containers) {
    const sc = isObject(c.securityContext) ? c.securityContext : {};
    const cs = `${cAt}.securityContext`;
    commonContext(sc, cs, baseline, restricted);
    if (sc.privileged === true) baseline(`${cs}.privileged`, true, 'privileged containers');
    if (sc.procMount !== undefined && sc.procMount !== 'Default') baseline(`${cs}.procMount`, sc.procMount, '/proc mount type');
    if (Array.isArray(c.ports)) {
      c.ports.forEach((p: unknown, i) => {
        if (isObject(p) && p.hostPort !== undefined && p.hostPort !== 0) baseline(`${cAt}.ports[${i}].hostPort`, p.hostPort, 'host ports');
      });
    }
    const caps = isObject(sc.capabilities) ? sc.capabilities : {};
    const added = Array.isArray(caps.add) ? (caps.add as unknown[]) : [];
    added.forEach((cap, i) => {
      if (typeof cap !== 'string' || !BASELINE_CAPABILITIES.includes(cap)) baseline(`${cs}.capabilities.add[${i}]`, cap, 'capabilities');
      else if (cap !== 'NET_BIND_SERVICE' && !windows) restricted(`${cs}.capabilities.add[${i}]`, cap, 'capabilities');
    });
    if (windows) continue;
    if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) restricted(`${cs}.capabilities.drop`, caps.drop, 'capabilities (drop ALL)');
    if (sc.allowPrivilegeEscalation !== false) restricted(`${cs}.allowPrivilegeEscalation`, sc.allowPrivilegeEscalation, 'privilege escalation');
  }
  // Non-root and seccomp: set on the pod, or on every container (a container's own value wins).
  for (const { c, at: cAt } of containers) {
    const sc = isObject(c.securityContext) ? c.securityContext : {};
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) restricted(sc.runAsNonRoot !== undefined ? `${cAt}.securityContext.runAsNonRoot` : `${ps}.runAsNonRoot`, nonRoot, 'running as non-root');
    if (windows) continue;
    const seccomp = isObject(sc.seccompProfile) ? sc.seccompProfile.type : isObject(pod.seccompProfile) ? pod.seccompProfile.type : undefined;
    const where = isObject(sc.seccompProfile) ? `${cAt}.securityContext.seccompProfile.type` : `${ps}.seccompProfile.type`;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost' && seccomp !== 'Unconfined') restricted(where, seccomp, 'seccomp');
  }
  return dedupe(found);
}

type Refuse = (field: string, value: unknown, rule: string) => void;

/** Rules a pod's and a container's securityContext share. */
function commonContext(sc: Json, at: string, baseline: Refuse, restricted: Refuse): void {
  if (isObject(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) baseline(`${at}.windowsOptions.hostProcess`, true, 'HostProcess');
  if (isObject(sc.seLinuxOptions)) {
    const se = sc.seLinuxOptions;
    if (se.type !== undefined && !SELINUX_TYPES.includes(String(se.type))) baseline(`${at}.seLinuxOptions.type`, se.type, 'SELinux');
    for (const key of ['user', 'role']) if (se[key] !== undefined && se[key] !== '') baseline(`${at}.seLinuxOptions.${key}`, se[key], 'SELinux');
  }
  if (isObject(sc.seccompProfile) && sc.seccompProfile.type === 'Unconfined') baseline(`${at}.seccompProfile.type`, 'Unconfined', 'seccomp');
  if (isObject(sc.appArmorProfile) && !['RuntimeDefault', 'Localhost'].includes(String(sc.appArmorProfile.type))) {
    baseline(`${at}.appArmorProfile.type`, sc.appArmorProfile.type, 'AppArmor');
  }
  if (sc.runAsUser === 0) restricted(`${at}.runAsUser`, 0, 'running as non-root user');
}

/** One violation per field: a pod-level field missed by several containers is one problem. */
function dedupe(found: readonly PodSecurityViolation[]): PodSecurityViolation[] {
  const seen = new Set<string>();
  return found.filter((v) => (seen.has(v.field) ? false : (seen.add(v.field), true)));
}
