// A fourth networking mode written outside lib/, with only what the package exports, that needs its active
// side: the placeholders alias an export that only the active clusters' hook creates.
import fc from 'fast-check';
import {
  type ActiveContext,
  type ActiveObjects,
  ActivePlacement,
  type IActiveWiring,
  type INetworkingMode,
  type IPlaceholderWiring,
  type Manifest,
  Networking,
  OwnerKind,
  PlaceholderPlacement,
  PlaceholderService,
  type ServiceModel,
  type WiringContext,
} from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, synthFleet, twoClusters } from '../support/fleet';
import { modelClusters } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';
import { expectEveryRouteServed, planOrRefuse, type RandomFleet, randomFleetArb } from '../support/random-fleet';

const aliasOf = (service: ServiceModel) => `${service.name}-alias`;

/**
 * ALIAS_EXPORT, placeholder side: the plain name is a DNS alias of `{app}-alias.{ns}.svc.clusterset.local`,
 * a second export of the service that exists only because the active side creates it.
 */
const aliasPlaceholder: IPlaceholderWiring = {
  name: 'ALIAS_EXPORT',
  addressNeeded: () => undefined,
  problems({ service, cluster, sources }: WiringContext): string[] {
    const problems: string[] = [];
    if (!cluster.mcs) problems.push(`networking ALIAS_EXPORT needs Lighthouse DNS in cluster "${cluster.name}"; enable mcs there`);
    const strict = sources.filter((s) => s.cluster.mesh?.strictMtls).map((s) => s.cluster.name);
    if (strict.length > 0) problems.push(`networking ALIAS_EXPORT sends plain text to ${service.name} in STRICT ${strict.join(', ')}; use Networking.ISTIO`);
    return problems;
  },
  objects({ service }: WiringContext): Manifest[] {
    return [PlaceholderService.of(service, { externalName: `${aliasOf(service)}.${service.namespace}.svc.clusterset.local` })];
  },
};

/** ALIAS_EXPORT, active side: the alias Service (selecting the service's pods) and its ServiceExport, and a note on the main export. */
class AliasActive implements IActiveWiring {
  public readonly calls: ActiveContext[] = [];

  activeObjects(context: ActiveContext): ActiveObjects {
    this.calls.push(context);
    const { service, cluster, placeholders } = context;
    const meta = { name: aliasOf(service), namespace: service.namespace, labels: { ...service.labels } };
    const alias: Manifest = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: {
        type: 'ClusterIP',
        selector: { ...service.selector },
        ports: service.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port })),
      },
    };
    const aliasExport: Manifest = { apiVersion: `multicluster.x-k8s.io/${cluster.mcs?.apiVersion ?? 'v1alpha1'}`, kind: 'ServiceExport', metadata: meta };
    return {
      exportAnnotations: { 'example.dev/alias': aliasOf(service), 'example.dev/alias-clients': placeholders.map((c) => c.name).join('_') },
      objects: [alias, aliasExport],
    };
  }
}

function aliasMode(active: IActiveWiring = new AliasActive()): Networking {
  return Networking.custom(aliasPlaceholder, active);
}

/** The fleet with every EXTERNAL_NAME placeholder (and idle cluster) wired by ALIAS_EXPORT instead. */
function withAliasMode(fleet: RandomFleet, mode: INetworkingMode): RandomFleet {
  const swap = (networking: INetworkingMode | undefined) => (networking === Networking.EXTERNAL_NAME ? mode : networking);
  return {
    ...fleet,
    specs: fleet.specs.map((s) => ({
      ...s,
      options: {
        ...s.options,
        placements: s.options.placements.map((p) => (p instanceof PlaceholderPlacement ? new PlaceholderPlacement({ ...p.props, networking: swap(p.props.networking) as INetworkingMode }) : p)),
        ...(s.options.scheduling ? { scheduling: { ...s.options.scheduling, placeholderNetworking: swap(s.options.scheduling.placeholderNetworking) } } : {}),
      },
    })),
  };
}

describe('a mode with an active side, defined outside the library', () => {
  test('routes every plain name over random fleets, or synth refuses', () => {
    const mode = aliasMode();
    let planned = 0;
    let aliased = 0;
    fc.assert(
      fc.property(randomFleetArb, (original) => {
        const fleet = withAliasMode(original, mode);
        const fleetPlan = planOrRefuse(fleet);
        if (!fleetPlan) return;
        planned++;
        const objects = Object.fromEntries(fleetPlan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));
        aliased += Object.values(objects).flat().filter((o) => /-alias\./.test(o.spec?.externalName ?? '')).length;
        expectEveryRouteServed(fleet, fleetPlan, objects);
      }),
      { numRuns: 300 },
    );
    expect(planned).toBeGreaterThan(100);
    // The mode was really used, not filtered away.
    expect(aliased).toBeGreaterThan(10);
  });

  test('the active side runs once per active cluster for the mode, with every placeholder it wires', () => {
    const active = new AliasActive();
    const mode = aliasMode(active);
    const clusters = [...twoClusters(), { ...twoClusters()[1], name: 'edge', serviceCidr: '10.200.0.0/16', podCidr: '10.201.0.0/16' }];
    const planned = plan(
      {
        'app-a': appA(mode, {
          placements: [
            new ActivePlacement({ clusters: ['prodc'] }),
            new PlaceholderPlacement({ clusters: ['localproda'], networking: mode }),
            new PlaceholderPlacement({ clusters: ['edge'], networking: mode }),
          ],
        }),
      },
      clusters,
    );
    expect(active.calls.map((c) => [c.cluster.name, c.placeholders.map((p) => p.name)])).toEqual([['prodc', ['localproda', 'edge']]]);
    const prodc = objectsIn(planned, 'prodc');
    expect(find(prodc, 'ServiceExport', 'app-a').metadata.annotations).toEqual({ 'example.dev/alias': 'app-a-alias', 'example.dev/alias-clients': 'localproda_edge' });
    expect(find(prodc, 'ServiceExport', 'app-a-alias').metadata.namespace).toBe('ns');
    expect(find(prodc, 'Service', 'app-a-alias').spec.selector).toEqual(find(prodc, 'Service', 'app-a').spec.selector);
    // The active side's objects are the service's, as the rest of its objects are.
    const owners = planned.clusters.find((c) => c.cluster === 'prodc')?.objects.filter((o) => o.manifest.metadata.name === 'app-a-alias').map((o) => o.owner);
    expect(owners).toEqual([
      { kind: OwnerKind.SERVICE, name: 'fleet/app-a' },
      { kind: OwnerKind.SERVICE, name: 'fleet/app-a' },
    ]);
  });

  test('the cdk8s flavour writes the active side, and what it writes routes', () => {
    const charts = synthFleet({ 'app-a': appA(aliasMode()) });
    expect(charts.prodc.filter((o) => o.kind === 'ServiceExport').map((o) => [o.metadata.name, o.metadata.annotations?.['example.dev/alias']])).toEqual([
      ['app-a', 'app-a-alias'],
      ['app-a-alias', undefined],
    ]);
    const model = new RouteModel(modelClusters(twoClusters()), charts);
    expect(model.routes().filter((r) => r.cluster === 'localproda' && r.service === 'app-a').map((r) => model.check(r).reached)).toEqual([
      ['prodc/Deployment/app-a:7070'],
      ['prodc/Deployment/app-a:8080'],
    ]);
    expect(model.failures()).toEqual([]);
  });

  test('a mode without placeholders of the service does not run', () => {
    const active = new AliasActive();
    plan({ 'app-a': appA(Networking.ISTIO), 'app-b': appA(aliasMode(active), { placements: [new ActivePlacement({ clusters: ['prodc'] })] }) });
    expect(active.calls).toEqual([]);
  });

  test('an active object that another service emits too is refused, naming both', () => {
    const problems = problemsOf(() =>
      plan({
        'app-a': appA(aliasMode()),
        'app-a-alias': appA(Networking.ISTIO, { placements: [new ActivePlacement({ clusters: ['prodc'] })] }),
      }),
    );
    expect(problems).toEqual([
      'fleet/app-a-alias: emits Service ns/app-a-alias in cluster "prodc", which fleet/app-a emits too; rename one of the services',
      // The exported name belongs to the service of that name: the mode's owner is told to rename its export.
      "fleet/app-a: exports ns/app-a-alias, which fleet/app-a-alias exports too; Lighthouse would merge them into one ServiceImport; give the mode's export a name of its own",
      'fleet/app-a-alias: emits ServiceExport ns/app-a-alias in cluster "prodc", which fleet/app-a emits too; rename one of the services',
    ]);
  });

  test('active objects outside the service namespace, malformed answers and clashing export annotations are refused', () => {
    const elsewhere: IActiveWiring = { activeObjects: () => ({ objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' } }] }) };
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.custom(aliasPlaceholder, elsewhere)) }))).toEqual([
      'fleet/app-a: networking ALIAS_EXPORT object [0] for cluster "prodc" is ConfigMap "x" in namespace "kube-system", outside the service\'s namespace "ns", where the service could not own it and its Namespace may not exist; put it in namespace "ns"',
    ]);
    const broken = { activeObjects: () => ({ objects: [{ kind: 'ConfigMap' }], exportLabels: { 'app.kubernetes.io/name': 'other', 'bad key': 'v' } }) } as unknown as IActiveWiring;
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.custom(aliasPlaceholder, broken)) }))).toEqual([
      expect.stringMatching(/^fleet\/app-a: networking ALIAS_EXPORT exportLabels for cluster "prodc" sets "app.kubernetes.io\/name", a label clusterset puts on every object/),
      expect.stringMatching(/^fleet\/app-a: networking ALIAS_EXPORT exportLabels for cluster "prodc": "bad key" /),
      expect.stringMatching(/^fleet\/app-a: networking ALIAS_EXPORT object \[0\] for cluster "prodc" is an object .*, not a Kubernetes object; give it apiVersion, kind and metadata.name strings$/),
    ]);
    const silent = { activeObjects: () => undefined } as unknown as IActiveWiring;
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.custom(aliasPlaceholder, silent)) }))).toEqual([
      'fleet/app-a: networking ALIAS_EXPORT answered undefined for active cluster "prodc"; return an object such as { objects: [...] } (ActiveObjects)',
    ]);
    const notAHook = Networking.custom(aliasPlaceholder, 'activeObjects' as unknown as IActiveWiring);
    expect(problemsOf(() => plan({ 'app-a': appA(notAHook) }))).toEqual([
      'fleet/app-a: placements[1].networking is Networking.custom(wiring, the string "activeObjects"); give an object with an activeObjects method (IActiveWiring), or leave it out',
    ]);
    const other = Networking.custom({ ...aliasPlaceholder, name: 'OTHER' }, { activeObjects: () => ({ exportAnnotations: { 'example.dev/alias': 'something-else' } }) });
    const clusters = [...twoClusters(), { ...twoClusters()[1], name: 'edge', serviceCidr: '10.200.0.0/16', podCidr: '10.201.0.0/16' }];
    const twoModes = appA(aliasMode(), {
      placements: [
        new ActivePlacement({ clusters: ['prodc'] }),
        new PlaceholderPlacement({ clusters: ['localproda'], networking: aliasMode() }),
        new PlaceholderPlacement({ clusters: ['edge'], networking: other }),
      ],
    });
    expect(problemsOf(() => plan({ 'app-a': twoModes }, clusters))).toEqual([
      'fleet/app-a: networking OTHER sets exportAnnotations "example.dev/alias" to "something-else" in cluster "prodc", where networking ALIAS_EXPORT sets it to "app-a-alias"; give the placeholders of the service one of the two modes',
    ]);
  });
});
