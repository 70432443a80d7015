/**
 * An independent reading of the Kubernetes Pod Security Standards
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/), written from the document's
 * tables, not from lib/: each control is one predicate over a pod template, true when the pod passes.
 * Tests hold every pod clusterset writes to it.
 */

type Json = Record<string, any>;

export type Profile = 'baseline' | 'restricted';

interface Control {
  readonly name: string;
  /** The profile that introduces the control; restricted includes every baseline control. */
  readonly profile: Profile;
  readonly passes: (pod: PodView) => boolean;
}

/** The parts of a pod the controls read. */
interface PodView {
  readonly annotations: Json;
  readonly spec: Json;
  readonly podContext: Json;
  /** containers, initContainers and ephemeralContainers. */
  readonly all: Json[];
  readonly windows: boolean;
}

const context = (c: Json): Json => c.securityContext ?? {};
const everyContext = (pod: PodView, test: (sc: Json) => boolean) => test(pod.podContext) && pod.all.every((c) => test(context(c)));

const CONTROLS: readonly Control[] = [
  // Baseline
  { name: 'HostProcess', profile: 'baseline', passes: (p) => everyContext(p, (sc) => sc.windowsOptions?.hostProcess !== true) },
  { name: 'Host Namespaces', profile: 'baseline', passes: (p) => !p.spec.hostNetwork && !p.spec.hostPID && !p.spec.hostIPC },
  { name: 'Privileged Containers', profile: 'baseline', passes: (p) => p.all.every((c) => !context(c).privileged) },
  {
    name: 'Capabilities (baseline)',
    profile: 'baseline',
    passes: (p) =>
      p.all.every((c) =>
        (context(c).capabilities?.add ?? []).every((cap: string) =>
          ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'].includes(cap),
        ),
      ),
  },
  { name: 'HostPath Volumes', profile: 'baseline', passes: (p) => (p.spec.volumes ?? []).every((v: Json) => v.hostPath === undefined) },
  { name: 'Host Ports', profile: 'baseline', passes: (p) => p.all.every((c) => (c.ports ?? []).every((port: Json) => port.hostPort === undefined || port.hostPort === 0)) },
  {
    name: 'AppArmor',
    profile: 'baseline',
    passes: (p) =>
      everyContext(p, (sc) => sc.appArmorProfile === undefined || sc.appArmorProfile.type === 'RuntimeDefault' || sc.appArmorProfile.type === 'Localhost') &&
      Object.entries(p.annotations)
        .filter(([k]) => k.startsWith('container.apparmor.security.beta.kubernetes.io/'))
        .every(([, v]) => v === 'runtime/default' || String(v).startsWith('localhost/')),
  },
  {
    name: 'SELinux',
    profile: 'baseline',
    passes: (p) =>
      everyContext(p, (sc) => {
        const o = sc.seLinuxOptions;
        if (o === undefined) return true;
        const typeOk = o.type === undefined || ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(o.type);
        return typeOk && (o.user === undefined || o.user === '') && (o.role === undefined || o.role === '');
      }),
  },
  { name: '/proc Mount Type', profile: 'baseline', passes: (p) => p.all.every((c) => context(c).procMount === undefined || context(c).procMount === 'Default') },
  { name: 'Seccomp (baseline)', profile: 'baseline', passes: (p) => everyContext(p, (sc) => sc.seccompProfile?.type !== 'Unconfined') },
  {
    name: 'Sysctls',
    profile: 'baseline',
    passes: (p) =>
      (p.podContext.sysctls ?? []).every((s: Json) =>
        [
          'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
          'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
        ].includes(s.name),
      ),
  },
  // Restricted
  {
    name: 'Volume Types',
    profile: 'restricted',
    passes: (p) =>
      (p.spec.volumes ?? []).every((v: Json) => {
        const sources = Object.keys(v).filter((k) => k !== 'name');
        return sources.length === 1 && ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'].includes(sources[0]);
      }),
  },
  { name: 'Privilege Escalation', profile: 'restricted', passes: (p) => p.windows || p.all.every((c) => context(c).allowPrivilegeEscalation === false) },
  {
    name: 'Running as Non-root',
    profile: 'restricted',
    passes: (p) => p.all.every((c) => (context(c).runAsNonRoot === undefined ? p.podContext.runAsNonRoot === true : context(c).runAsNonRoot === true)),
  },
  { name: 'Running as Non-root user', profile: 'restricted', passes: (p) => everyContext(p, (sc) => sc.runAsUser !== 0) },
  {
    name: 'Seccomp (restricted)',
    profile: 'restricted',
    passes: (p) => {
      if (p.windows) return true;
      const allowed = (sc: Json) => sc.seccompProfile?.type === 'RuntimeDefault' || sc.seccompProfile?.type === 'Localhost';
      return p.all.every((c) => (context(c).seccompProfile === undefined ? allowed(p.podContext) : allowed(context(c))));
    },
  },
  {
    name: 'Capabilities (restricted)',
    profile: 'restricted',
    passes: (p) =>
      p.windows ||
      p.all.every((c) => {
        const caps = context(c).capabilities ?? {};
        return (caps.drop ?? []).includes('ALL') && (caps.add ?? []).every((cap: string) => cap === 'NET_BIND_SERVICE');
      }),
  },
];

/** The names of the controls of `profile` that a pod template (`{ metadata, spec }`) fails; empty when it passes. */
export function podSecurityFailures(template: Json, profile: Profile): string[] {
  const spec = template.spec ?? {};
  const view: PodView = {
    annotations: template.metadata?.annotations ?? {},
    spec,
    podContext: spec.securityContext ?? {},
    all: [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])],
    windows: spec.os?.name === 'windows',
  };
  return CONTROLS.filter((c) => (profile === 'restricted' || c.profile === 'baseline') && !c.passes(view)).map((c) => c.name);
}

/** The pod templates of every workload among `objects` (Deployments, StatefulSets...). */
export function podTemplatesOf(objects: ReadonlyArray<Json>): Array<{ readonly object: string; readonly template: Json }> {
  return objects
    .filter((o) => o?.spec?.template?.spec !== undefined)
    .map((o) => ({ object: `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, template: o.spec.template }));
}
