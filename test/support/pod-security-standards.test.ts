import { podSecurityFailures } from './pod-security-standards';

/** A pod that meets the restricted profile by setting every field it asks for. */
function restrictedPod(): Record<string, any> {
  return {
    metadata: { annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
    },
  };
}

/** One change per control of the standard, and the control it breaks. */
const BREAKS: ReadonlyArray<[string, (pod: Record<string, any>) => void]> = [
  ['HostProcess', (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true })],
  ['Host Namespaces', (p) => (p.spec.hostPID = true)],
  ['Privileged Containers', (p) => (p.spec.containers[0].securityContext.privileged = true)],
  ['Capabilities (baseline)', (p) => (p.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN'])],
  ['HostPath Volumes', (p) => p.spec.volumes.push({ name: 'h', hostPath: { path: '/' } })],
  ['Host Ports', (p) => (p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 80 }])],
  ['AppArmor', (p) => (p.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined')],
  ['SELinux', (p) => (p.spec.securityContext.seLinuxOptions = { user: 'root' })],
  ['/proc Mount Type', (p) => (p.spec.containers[0].securityContext.procMount = 'Unmasked')],
  ['Sysctls', (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.sem', value: '1' }])],
  ['Volume Types', (p) => p.spec.volumes.push({ name: 'n', nfs: { server: 's', path: '/' } })],
  ['Privilege Escalation', (p) => delete p.spec.containers[0].securityContext.allowPrivilegeEscalation],
  ['Running as Non-root', (p) => (p.spec.containers[0].securityContext.runAsNonRoot = false)],
  ['Running as Non-root user', (p) => (p.spec.containers[0].securityContext.runAsUser = 0)],
  ['Seccomp (restricted)', (p) => delete p.spec.securityContext.seccompProfile],
  ['Capabilities (restricted)', (p) => (p.spec.containers[0].securityContext.capabilities.add = ['CHOWN'])],
];

describe('the independent Pod Security Standards checker', () => {
  test('a pod that sets every restricted field passes both profiles', () => {
    expect(podSecurityFailures(restrictedPod(), 'restricted')).toEqual([]);
    expect(podSecurityFailures(restrictedPod(), 'baseline')).toEqual([]);
  });

  test.each(BREAKS)('%s: one change fails that control', (control, change) => {
    const pod = restrictedPod();
    change(pod);
    expect(podSecurityFailures(pod, 'restricted')).toContain(control);
    const baselineControl = !['Volume Types', 'Privilege Escalation', 'Running as Non-root', 'Running as Non-root user', 'Seccomp (restricted)', 'Capabilities (restricted)'].includes(control);
    expect(podSecurityFailures(pod, 'baseline').includes(control)).toBe(baselineControl);
  });

  test('Unconfined seccomp fails baseline, a container profile of its own passes restricted, and Windows pods skip the Linux controls', () => {
    const unconfined = restrictedPod();
    unconfined.spec.securityContext.seccompProfile = { type: 'Unconfined' };
    expect(podSecurityFailures(unconfined, 'baseline')).toEqual(['Seccomp (baseline)']);
    const own = restrictedPod();
    delete own.spec.securityContext.seccompProfile;
    own.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'x' };
    expect(podSecurityFailures(own, 'restricted')).toEqual([]);
    const windows = restrictedPod();
    windows.spec.os = { name: 'windows' };
    delete windows.spec.securityContext.seccompProfile;
    windows.spec.containers[0].securityContext = {};
    expect(podSecurityFailures(windows, 'restricted')).toEqual([]);
  });
});
