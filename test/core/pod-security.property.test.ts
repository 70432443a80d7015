import fc from 'fast-check';
import { type MultiClusterServiceOptions, PodSecurityLevel, WorkloadKind } from '../../lib';
import { appA, plan, problemsOf } from '../support/fleet';
import { podSecurityFailures, podTemplatesOf } from '../support/pod-security-standards';
import { planOrRefuse, randomFleetArb } from '../support/random-fleet';

type Json = Record<string, any>;

/** An edit of a pod template, and the loosest level it needs ('restricted' when it is not looser). */
interface Edit {
  readonly name: string;
  readonly needs: PodSecurityLevel;
  readonly apply: (spec: Json) => void;
}

const main = (spec: Json): Json => spec.containers[0];
const ctx = (c: Json): Json => (c.securityContext ??= {});
const podCtx = (spec: Json): Json => (spec.securityContext ??= {});

/**
 * Edits from the Pod Security Standards' tables: each loosening one needs the level the document allows it at.
 * Edits apply in this order (fc.subarray keeps it), and one that replaces a field another set is never
 * stricter than it, so a template needs the loosest level among its edits.
 */
const EDITS: readonly Edit[] = [
  // Neutral or stricter: allowed at restricted.
  { name: 'sidecar', needs: PodSecurityLevel.RESTRICTED, apply: (s) => s.containers.push({ name: 'sidecar', image: 'envoyproxy/envoy:v1.30', ports: [{ name: 'admin', containerPort: 9901 }] }) },
  { name: 'init', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (s.initContainers = [{ name: 'init', image: 'busybox:1.36', command: ['true'] }]) },
  { name: 'volumes', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (s.volumes = [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'tmp', emptyDir: {} }, { name: 'tok', projected: { sources: [] } }]) },
  { name: 'read-only root', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (ctx(main(s)).readOnlyRootFilesystem = true) },
  { name: 'uid 1000', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (podCtx(s).runAsUser = 1000) },
  { name: 'localhost seccomp', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (ctx(main(s)).seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }) },
  { name: 'bind low ports', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (ctx(main(s)).capabilities = { add: ['NET_BIND_SERVICE'] }) },
  { name: 'account', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (s.serviceAccountName = 'app') },
  { name: 'safe sysctl', needs: PodSecurityLevel.RESTRICTED, apply: (s) => (podCtx(s).sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]) },
  // Restricted refuses, baseline allows.
  { name: 'root allowed', needs: PodSecurityLevel.BASELINE, apply: (s) => (podCtx(s).runAsNonRoot = false) },
  { name: 'uid 0', needs: PodSecurityLevel.BASELINE, apply: (s) => (ctx(main(s)).runAsUser = 0) },
  { name: 'escalation', needs: PodSecurityLevel.BASELINE, apply: (s) => (ctx(main(s)).allowPrivilegeEscalation = true) },
  { name: 'keeps NET_RAW', needs: PodSecurityLevel.BASELINE, apply: (s) => (ctx(main(s)).capabilities = { drop: ['NET_RAW'] }) },
  { name: 'adds CHOWN', needs: PodSecurityLevel.BASELINE, apply: (s) => (ctx(main(s)).capabilities = { add: ['CHOWN'] }) },
  { name: 'nfs volume', needs: PodSecurityLevel.BASELINE, apply: (s) => (s.volumes = [...(s.volumes ?? []), { name: 'share', nfs: { server: 'nfs.local', path: '/x' } }]) },
  // Baseline refuses: only privileged allows.
  { name: 'host network', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (s.hostNetwork = true) },
  { name: 'privileged', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (ctx(main(s)).privileged = true) },
  { name: 'NET_ADMIN', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (ctx(main(s)).capabilities = { add: ['NET_ADMIN'], drop: ['ALL'] }) },
  { name: 'hostPath', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (s.volumes = [...(s.volumes ?? []), { name: 'host', hostPath: { path: '/var/run' } }]) },
  { name: 'unconfined', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (podCtx(s).seccompProfile = { type: 'Unconfined' }) },
  { name: 'host port', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (main(s).ports = [{ name: 'host', containerPort: 7000, hostPort: 7000 }]) },
  { name: 'unsafe sysctl', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (podCtx(s).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]) },
  { name: 'unmasked proc', needs: PodSecurityLevel.PRIVILEGED, apply: (s) => (ctx(main(s)).procMount = 'Unmasked') },
];

const RANK: Record<PodSecurityLevel, number> = { [PodSecurityLevel.PRIVILEGED]: 0, [PodSecurityLevel.BASELINE]: 1, [PodSecurityLevel.RESTRICTED]: 2 };

const caseArb = fc.record({
  edits: fc.subarray([...EDITS.keys()], { maxLength: 4 }),
  level: fc.constantFrom(undefined, PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED),
  statefulSet: fc.boolean(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function serviceOf(c: Case): MultiClusterServiceOptions {
  const spec: Json = { containers: [{ name: 'app-a' }] };
  for (const i of c.edits) EDITS[i].apply(spec);
  return appA(undefined, {
    podTemplate: { spec },
    // What the edits refer to exists in each cluster already: the pod's security is what is tested.
    externalDependencies: [
      { kind: 'ConfigMap', name: 'cfg' },
      { kind: 'ServiceAccount', name: 'app' },
    ],
    ...(c.level ? { podSecurity: c.level } : {}),
    ...(c.statefulSet ? { workload: WorkloadKind.STATEFUL_SET } : {}),
  });
}

describe('secure by default, against an independent reading of the Pod Security Standards', () => {
  test('every pod clusterset writes passes its level, and a template is refused exactly when it needs a looser level than it was given', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const level = c.level ?? PodSecurityLevel.RESTRICTED;
        const needs = Math.min(...c.edits.map((i) => RANK[EDITS[i].needs]), RANK[PodSecurityLevel.RESTRICTED]);
        const service = serviceOf(c);
        const problems = problemsOf(() => plan({ 'app-a': service }));
        if (needs < RANK[level]) {
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p).toMatch(/Pod Security Standards .* level refuses .* podSecurity: PodSecurityLevel\.(BASELINE|PRIVILEGED)/);
          refused++;
          return;
        }
        expect(problems).toEqual([]);
        accepted++;
        const fleet = plan({ 'app-a': service });
        const pods = fleet.clusters.flatMap((cl) => podTemplatesOf(cl.objects.map((o) => o.manifest as Json)));
        expect(pods.length).toBe(2);
        for (const { template } of pods) {
          if (level === PodSecurityLevel.RESTRICTED) expect(podSecurityFailures(template, 'restricted')).toEqual([]);
          if (level === PodSecurityLevel.BASELINE) expect(podSecurityFailures(template, 'baseline')).toEqual([]);
          // The token is mounted only for an account of the service's own; PRIVILEGED pods are written as given.
          const defaults = level !== PodSecurityLevel.PRIVILEGED;
          expect(template.spec.automountServiceAccountToken).toBe(defaults && template.spec.serviceAccountName !== 'app' ? false : undefined);
        }
      }),
      { numRuns: 300, seed: 10 },
    );
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  test('over random fleets (overrides, patches, StatefulSets, every networking mode), every pod written passes the restricted profile', () => {
    let pods = 0;
    fc.assert(
      fc.property(randomFleetArb, (fleet) => {
        const planned = planOrRefuse(fleet);
        if (!planned) return;
        for (const cluster of planned.clusters) {
          for (const { object, template } of podTemplatesOf(cluster.objects.map((o) => o.manifest as Json))) {
            expect({ cluster: cluster.cluster, object, failures: podSecurityFailures(template, 'restricted') }).toEqual({ cluster: cluster.cluster, object, failures: [] });
            pods++;
          }
        }
      }),
      { numRuns: 100, seed: 10 },
    );
    expect(pods).toBeGreaterThan(200);
  });

  test('a service without a template passes the restricted profile in every cluster', () => {
    const fleet = plan({ 'app-a': appA() });
    const pods = fleet.clusters.flatMap((cl) => podTemplatesOf(cl.objects.map((o) => o.manifest as Json)));
    expect(pods).toHaveLength(2);
    for (const { template } of pods) expect(podSecurityFailures(template, 'restricted')).toEqual([]);
  });
});
