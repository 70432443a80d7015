import { ActivePlacement, type MultiClusterServiceOptions, Networking, PlaceholderPlacement } from '../../lib';
import { Problems } from '../../lib/core/errors';
import { checkMcsConsistency, USE_CLUSTERSET_IP_ANNOTATION } from '../../lib/core/validate/mcs-consistency';
import type { FleetPlan } from '../../lib/core/model';
import { appA, exportingWiring, plan, problemsOf, synthFleet } from '../support/fleet';

type Json = Record<string, any>;

/** app-a exported from both clusters: the plan every case below changes in one cluster. */
const exportedTwice = (): FleetPlan => plan({ 'app-a': appA(Networking.ISTIO, { placements: [new ActivePlacement({ clusters: ['prodc', 'localproda'] })] }) });

/** The plan with one object of one cluster changed by `change` (a deep copy: the original stays as planned). */
function changed(fleetPlan: FleetPlan, cluster: string, kind: string, change: (m: Json) => void): FleetPlan {
  const copy = structuredClone(fleetPlan) as unknown as { clusters: Array<{ cluster: string; objects: Array<{ manifest: Json }> }> };
  const target = copy.clusters.find((c) => c.cluster === cluster)?.objects.find((o) => o.manifest.kind === kind);
  if (!target) throw new Error(`no ${kind} in ${cluster}`);
  change(target.manifest);
  return copy as unknown as FleetPlan;
}

function without(fleetPlan: FleetPlan, cluster: string, kind: string): FleetPlan {
  const copy = structuredClone(fleetPlan) as unknown as { clusters: Array<{ cluster: string; objects: Array<{ manifest: Json }> }> };
  const c = copy.clusters.find((x) => x.cluster === cluster);
  if (c) c.objects = c.objects.filter((o) => o.manifest.kind !== kind);
  return copy as unknown as FleetPlan;
}

function conflicts(fleetPlan: FleetPlan): readonly string[] {
  const problems = new Problems();
  checkMcsConsistency(fleetPlan, problems);
  return problemsOf(() => problems.throwIfAny());
}

describe('MCS consistency of the exported Services', () => {
  const base = exportedTwice();

  test('the planned exports agree', () => {
    expect(conflicts(base)).toEqual([]);
  });

  test('ports differing in number are a PortConflict, naming each cluster’s ports', () => {
    const found = conflicts(changed(base, 'localproda', 'Service', (s) => (s.spec.ports[0].port = 7071)));
    expect(found).toEqual([
      'fleet/app-a: the clusters exporting ns/app-a disagree on the ports (name, protocol, port and appProtocol; targetPort may differ): ' +
        '"http 7070/TCP, http-alt 8080/TCP" in "prodc"; "http 7071/TCP, http-alt 8080/TCP" in "localproda"; ' +
        'Lighthouse would mark every export Conflict (PortConflict) and settle it by which export is oldest; ' +
        'make the ports (name, protocol, port and appProtocol; targetPort may differ) the same in every exporting cluster',
    ]);
  });

  test.each([
    ['name', (p: Json) => (p.name = 'web')],
    ['protocol', (p: Json) => (p.protocol = 'UDP')],
    ['appProtocol', (p: Json) => (p.appProtocol = 'http2')],
  ])('a port differing in %s is a PortConflict', (_field, change) => {
    const found = conflicts(changed(base, 'localproda', 'Service', (s) => change(s.spec.ports[0])));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Conflict (PortConflict)');
  });

  test('targetPort and the order of ports may differ', () => {
    expect(conflicts(changed(base, 'localproda', 'Service', (s) => (s.spec.ports[0].targetPort = 9999)))).toEqual([]);
    expect(conflicts(changed(base, 'localproda', 'Service', (s) => s.spec.ports.reverse()))).toEqual([]);
  });

  test('headless in one cluster only is a TypeConflict', () => {
    const found = conflicts(changed(base, 'prodc', 'Service', (s) => (s.spec.clusterIP = 'None')));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('disagree on the Service type (headless or ClusterIP): "headless" in "prodc"; "ClusterIP" in "localproda"');
    expect(found[0]).toContain('Conflict (TypeConflict)');
  });

  test('a pinned ClusterIP in one cluster is not a conflict: only None changes the type', () => {
    expect(conflicts(changed(base, 'prodc', 'Service', (s) => (s.spec.clusterIP = '10.96.0.50')))).toEqual([]);
  });

  test.each([
    ['sessionAffinity', 'SessionAffinityConflict', (s: Json) => (s.spec.sessionAffinity = 'ClientIP')],
    ['internalTrafficPolicy', 'InternalTrafficPolicyConflict', (s: Json) => (s.spec.internalTrafficPolicy = 'Local')],
    ['trafficDistribution', 'TrafficDistributionConflict', (s: Json) => (s.spec.trafficDistribution = 'PreferClose')],
    ['ipFamilies', 'IPFamilyConflict', (s: Json) => (s.spec.ipFamilies = ['IPv6'])],
  ])('%s differing is a %s', (what, reason, change) => {
    const found = conflicts(changed(base, 'localproda', 'Service', change));
    expect(found.some((p) => p.includes(`disagree on ${what}:`) && p.includes(`Conflict (${reason})`))).toBe(true);
  });

  test('sessionAffinityConfig: ClientIP timeouts must agree, the unset one meaning Kubernetes’ default 10800', () => {
    const clientIP = (timeout?: number) => (s: Json) => {
      s.spec.sessionAffinity = 'ClientIP';
      if (timeout !== undefined) s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: timeout } };
    };
    const both = (a?: number, b?: number) => changed(changed(base, 'prodc', 'Service', clientIP(a)), 'localproda', 'Service', clientIP(b));
    expect(conflicts(both(10800, undefined))).toEqual([]);
    const found = conflicts(both(60, undefined));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"clientIP timeoutSeconds 60" in "prodc"; "clientIP timeoutSeconds 10800" in "localproda"');
    expect(found[0]).toContain('Conflict (SessionAffinityConfigConflict)');
  });

  test('ipFamilies unset is IPv4, and PreferClose is PreferSameZone', () => {
    expect(conflicts(changed(base, 'localproda', 'Service', (s) => (s.spec.ipFamilies = ['IPv4'])))).toEqual([]);
    const closeAndSameZone = changed(
      changed(base, 'prodc', 'Service', (s) => (s.spec.trafficDistribution = 'PreferClose')),
      'localproda',
      'Service',
      (s) => (s.spec.trafficDistribution = 'PreferSameZone'),
    );
    expect(conflicts(closeAndSameZone)).toEqual([]);
  });

  test.each([
    ['the ServiceExport annotation', 'ClusterSetIPEnablementConflict', (e: Json) => (e.metadata.annotations = { [USE_CLUSTERSET_IP_ANNOTATION]: 'true' })],
    ['the ServiceExport spec.exportedLabels', 'LabelsConflict', (e: Json) => (e.spec = { exportedLabels: { tier: 'web' } })],
    ['the ServiceExport spec.exportedAnnotations', 'AnnotationsConflict', (e: Json) => (e.spec = { exportedAnnotations: { owner: 'team' } })],
  ])('%s differing is a %s', (what, reason, change) => {
    const found = conflicts(changed(base, 'prodc', 'ServiceExport', change));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`disagree on ${what}`);
    expect(found[0]).toContain(`Conflict (${reason})`);
  });

  test('an export without a Service, or of an ExternalName Service, is invalid', () => {
    expect(conflicts(without(base, 'localproda', 'Service'))).toEqual([
      'fleet/app-a: exports ns/app-a from cluster "localproda", which has no Service ns/app-a; ' +
        'Lighthouse would mark the export Valid=False (NoService); emit the Service there or drop the export',
    ]);
    const externalName = conflicts(changed(base, 'localproda', 'Service', (s) => (s.spec = { type: 'ExternalName', externalName: 'x.example.com', ports: s.spec.ports })));
    expect(externalName).toEqual([
      'fleet/app-a: exports ns/app-a from cluster "localproda", whose Service is an ExternalName; ' +
        'Lighthouse would mark the export Valid=False (InvalidServiceType); export only from clusters that run the service',
    ]);
  });
});

describe('MCS consistency through planFleet', () => {
  const options: MultiClusterServiceOptions = appA(Networking.ISTIO, {
    placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.custom(exportingWiring) })],
  });
  const expected =
    'fleet/app-a: the clusters exporting ns/app-a disagree on the Service type (headless or ClusterIP): "ClusterIP" in "prodc"; "headless" in "localproda"; ' +
    'Lighthouse would mark every export Conflict (TypeConflict) and settle it by which export is oldest; ' +
    'make the Service type (headless or ClusterIP) the same in every exporting cluster';

  test('a custom wiring that exports a differing Service from a placeholder is refused by the core', () => {
    expect(problemsOf(() => plan({ 'app-a': options }))).toEqual([expected]);
  });

  test('and by a cdk8s synth, before anything is written', () => {
    expect(() => synthFleet({ 'app-a': options })).toThrow(expected);
  });
});
