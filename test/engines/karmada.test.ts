import { activeActiveClusters } from '../../examples/active-active/fleet';
import { activeActiveServices } from '../../examples/active-active/services';
import { hybridApp } from '../../examples/hybrid/app';
import {
  ActivePlacement,
  ClusterSet,
  ClusterSetApp,
  Delivery,
  MultiClusterService,
  Networking,
  type Overrides,
  PlaceholderPlacement,
  type ServiceSpec,
} from '../../lib';
import { removeDir, tempDir } from '../support/files';
import { expectValidAgainstSchemas } from '../support/schema';
import { karmadaObjects } from '../../lib/engines/karmada';
import { planFleet } from '../../lib/core/plan';

type Obj = Record<string, any>;
const named = (objects: Obj[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as Obj;

describe('Delivery.karmada()', () => {
  const hub = hybridApp({}, Delivery.karmada()).charts.map((c) => c.toJson() as Obj[]);
  const objects = hub[0];

  test('only a hub output: templates, then propagation and override policies', () => {
    expect(hub).toHaveLength(1);
    const appA = objects.filter((o) => o.metadata.name?.startsWith('app-a') || o.metadata.name === 'external-app-a').map((o) => `${o.kind} ${o.metadata.name}`);
    expect(appA).toEqual([
      'Deployment app-a',
      'Service app-a',
      'ServiceExport app-a',
      'VirtualService app-a-cross-cluster',
      'ServiceEntry external-app-a',
      'PropagationPolicy app-a',
      'PropagationPolicy app-a.active',
      'PropagationPolicy app-a.placeholders',
      'OverridePolicy app-a-deployment',
      'OverridePolicy app-a-service',
    ]);
  });

  test('each set of clusters gets its own policy: objects only in placeholder clusters apart', () => {
    const clustersOf = (name: string) => named(objects, 'PropagationPolicy', name).spec.placement.clusterAffinity.clusterNames;
    expect(clustersOf('app-a')).toEqual(['prodc', 'localproda']);
    expect(clustersOf('app-a.active')).toEqual(['prodc']);
    expect(clustersOf('app-a.placeholders')).toEqual(['localproda']);
    expect(named(objects, 'PropagationPolicy', 'app-a.placeholders').spec.resourceSelectors.map((s: Obj) => s.kind)).toEqual(['VirtualService', 'ServiceEntry']);
    expect(named(objects, 'PropagationPolicy', 'app-a').spec.placement.replicaScheduling).toEqual({ replicaSchedulingType: 'Duplicated' });
  });

  test('the placeholder’s differences: image registry, replicas 0, and a Service without selector', () => {
    const [rule] = named(objects, 'OverridePolicy', 'app-a-deployment').spec.overrideRules;
    expect(rule).toEqual({
      targetCluster: { clusterNames: ['localproda'] },
      overriders: {
        imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.example.com' }],
        plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 0 }],
      },
    });
    const service = named(objects, 'OverridePolicy', 'app-a-service').spec.overrideRules[0].overriders.plaintext[0];
    expect(service.path).toBe('/spec');
    expect(service.value.selector).toBeUndefined();
  });

  test('a divided workload is weighted by its planned shares', () => {
    const app = new ClusterSetApp({ outdir: tempDir('karmada-aa') });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters: activeActiveClusters, delivery: Delivery.karmada() });
      for (const [id, options] of Object.entries(activeActiveServices)) new MultiClusterService(fleet, id, options);
      const aa = app.charts[0].toJson() as Obj[];
      expect(named(aa, 'Deployment', 'checkout').spec.replicas).toBe(12);
      expect(named(aa, 'PropagationPolicy', 'checkout').spec.placement.replicaScheduling).toEqual({
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: {
          staticWeightList: [
            { targetCluster: { clusterNames: ['prodc'] }, weight: 6 },
            { targetCluster: { clusterNames: ['hangzhou-1'] }, weight: 2 },
            { targetCluster: { clusterNames: ['localproda'] }, weight: 4 },
          ],
        },
      });
      const checkoutRules = named(aa, 'OverridePolicy', 'checkout-deployment').spec.overrideRules as Obj[];
      expect(checkoutRules.every((r) => !(r.overriders.plaintext ?? []).some((p: Obj) => p.path === '/spec/replicas'))).toBe(true);
      expectValidAgainstSchemas(aa);
    } finally {
      removeDir(app.outdir);
    }
  });

  test('no template or override carries a ClusterIP Karmada would remove: app-b is aliased in prodc, not sliced to', () => {
    const pinned = objects.filter((o) => o.kind === 'Service').map((o) => o.spec.clusterIP).filter((ip) => ip !== undefined && ip !== 'None');
    expect(pinned).toEqual([]);
    expect(objects.filter((o) => o.kind === 'EndpointSlice')).toEqual([]);
    expect(JSON.stringify(objects.filter((o) => o.kind === 'OverridePolicy'))).not.toContain('clusterIP');
    const [rule] = named(objects, 'OverridePolicy', 'app-b-service').spec.overrideRules;
    expect(rule.targetCluster).toEqual({ clusterNames: ['prodc'] });
    expect(rule.overriders.plaintext[0].value).toMatchObject({ type: 'ExternalName', externalName: 'app-b.ns.svc.clusterset.local' });
  });

  test('every object is valid against the upstream schema', () => {
    expectValidAgainstSchemas(objects);
  });
});

describe('Delivery.karmada(): what survives Karmada', () => {
  const clusters = [
    { name: 'c0', serviceCidr: '10.0.0.0/16', podCidr: '10.16.0.0/16' },
    { name: 'c1', serviceCidr: '10.32.0.0/16', podCidr: '10.48.0.0/16' },
  ];
  const service = (name: string, image: string, placeholder: Overrides = {}): ServiceSpec => ({
    path: `fleet/${name}`,
    name,
    options: {
      namespace: 'ns',
      image,
      ports: [{ name: 'http', port: 8080 }],
      placements: [new ActivePlacement({ clusters: ['c0'] }), new PlaceholderPlacement({ clusters: ['c1'], networking: Networking.EXTERNAL_NAME, overrides: placeholder })],
    },
  });
  const hubOf = (...services: ServiceSpec[]) => karmadaObjects(planFleet({ path: 'fleet', clusters, services }, { delivery: Delivery.karmada() })) as Obj[];

  test('a digest-pinned image changes by plaintext: Karmada’s image parser keeps a tag or a digest, never both', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const hubObjects = hubOf(service('app', `team/app:1.0.0@${digest}`, { image: { registry: 'registry.example.com' } }));
    const [rule] = named(hubObjects, 'OverridePolicy', 'app-deployment').spec.overrideRules;
    expect(rule.overriders.imageOverrider).toBeUndefined();
    expect(rule.overriders.plaintext).toContainEqual({ path: '/spec/template/spec/containers/0/image', operator: 'replace', value: `registry.example.com/team/app:1.0.0@${digest}` });
    const plain = hubOf(service('app', 'team/app:1.0.0', { image: { registry: 'registry.example.com' } }));
    expect(named(plain, 'OverridePolicy', 'app-deployment').spec.overrideRules[0].overriders.imageOverrider).toEqual([{ component: 'Registry', operator: 'replace', value: 'registry.example.com' }]);
  });

  test('the policies of one service never take the name of another’s: "app-active" is a service name, "app.active" is not', () => {
    const policies = hubOf(service('app', 'team/app:1'), service('app-active', 'team/other:1')).filter((o) => o.kind === 'PropagationPolicy');
    const names = policies.map((p) => p.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['app', 'app.active', 'app-active', 'app-active.active']));
    expect(new Set(names).size).toBe(names.length);
  });
});
