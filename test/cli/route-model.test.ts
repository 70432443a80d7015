// The route model must catch broken emitters: each case breaks one emitted object of a valid plan.
import { ActivePlacement, type Manifest, MeshMtls, Networking } from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { appA, plan, twoClusters } from '../support/fleet';
import { modelClusters } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';

type Obj = Record<string, any>;

/** app-a active in prodc, placeholder in localproda, with `break` applied to each emitted object. */
function failuresAfter(networking: Networking, breakObject: (o: Obj) => Obj | undefined): string[] {
  const p = plan({ 'app-a': appA(networking) });
  const objects = Object.fromEntries(
    p.clusters.map((c) => [c.cluster, c.objects.flatMap((o) => breakObject(JSON.parse(JSON.stringify(o.manifest)) as Manifest & Obj) ?? [])]),
  );
  return new RouteModel(modelClusters(twoClusters()), objects).failures().flatMap((o) => o.failures);
}

const keep = (o: Obj) => o;

describe('the route model', () => {
  test.each([Networking.ENDPOINT_SLICE, Networking.ISTIO, Networking.EXTERNAL_NAME])('finds every route of a valid %s plan', (networking) => {
    const p = plan({ 'app-a': appA(networking) });
    const objects = Object.fromEntries(p.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));
    const model = new RouteModel(modelClusters(twoClusters()), objects);
    expect(model.routes()).toHaveLength(4);
    expect(model.routes().map((r) => model.check(r).reached)).toEqual([
      ['prodc/Deployment/app-a:7070'],
      ['prodc/Deployment/app-a:8080'],
      ['prodc/Deployment/app-a:7070'],
      ['prodc/Deployment/app-a:8080'],
    ]);
    expect(model.failures()).toEqual([]);
  });

  test('an EndpointSlice pointing at an address no Service holds leads nowhere', () => {
    const failures = failuresAfter(Networking.ENDPOINT_SLICE, (o) => (o.kind === 'EndpointSlice' ? { ...o, endpoints: [{ addresses: ['10.96.0.99'] }] } : o));
    expect(failures[0]).toBe('app-a.ns.svc:7070 from "localproda": address 10.96.0.99 is the ClusterIP of no Service emitted for "prodc" (an unpinned ClusterIP cannot be known)');
  });

  test('an EndpointSlice whose port names differ from the Service’s serves nothing', () => {
    const failures = failuresAfter(Networking.ENDPOINT_SLICE, (o) => (o.kind === 'EndpointSlice' ? { ...o, ports: o.ports.map((p: Obj) => ({ ...p, name: `x${p.name}` })) } : o));
    expect(failures).toContain('app-a.ns.svc:7070 from "localproda": Service ns/app-a in "localproda" has no selector and no ready endpoint for port "http"');
  });

  test('a VirtualService without a route for a port, or without its ServiceEntry, leads nowhere', () => {
    const noRoute = failuresAfter(Networking.ISTIO, (o) => (o.kind === 'VirtualService' ? { ...o, spec: { ...o.spec, http: o.spec.http.slice(1) } } : o));
    expect(noRoute).toEqual(['app-a.ns.svc:7070 from "localproda": VirtualService app-a-cross-cluster in "localproda" has no http route for port 7070']);
    const noEntry = failuresAfter(Networking.ISTIO, (o) => (o.kind === 'ServiceEntry' ? undefined : o));
    expect(noEntry[0]).toMatch(/no ServiceEntry in "localproda" declares app-a.ns.svc.clusterset.local:7070/);
  });

  test('a missing export, a scaled-down workload or a container on the wrong port leads nowhere', () => {
    expect(failuresAfter(Networking.EXTERNAL_NAME, (o) => (o.kind === 'ServiceExport' ? undefined : o))[0]).toMatch(/no cluster exports ns\/app-a/);
    const scaledDown = failuresAfter(Networking.EXTERNAL_NAME, (o) => (o.kind === 'Deployment' ? { ...o, spec: { ...o.spec, replicas: 0 } } : o));
    expect(scaledDown[0]).toMatch(/no running pod selected in "prodc"/);
    const wrongPort = failuresAfter(Networking.EXTERNAL_NAME, (o) => {
      if (o.kind !== 'Deployment') return o;
      o.spec.template.spec.containers[0].ports[0].containerPort = 7071;
      return o;
    });
    expect(wrongPort).toContain('app-a.ns.svc:7070 from "prodc": pods of Deployment ns/app-a in "prodc" do not listen on 7070/TCP');
    expect(failuresAfter(Networking.EXTERNAL_NAME, keep)).toEqual([]);
  });
});

describe('the route model reads Istio exportTo', () => {
  const outcomes = (networking: Networking, clusters = twoClusters()) => {
    const p = plan({ 'app-a': appA(networking) }, clusters);
    const objects = Object.fromEntries(p.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));
    const model = new RouteModel(modelClusters(clusters), objects, {}, ['frontend']);
    return model.routes().filter((r) => r.cluster === 'localproda' && r.port === 7070).map((r) => model.check(r));
  };

  test('a VirtualService exported to "." routes its own namespace only; elsewhere the call meets the bare placeholder Service', () => {
    const [own, frontend] = outcomes(Networking.istio({ exportTo: ['.'] }));
    expect(own).toMatchObject({ route: { client: 'ns' }, ok: true, hidden: [] });
    expect(frontend.route.client).toBe('frontend');
    expect(frontend.ok).toBe(false);
    expect(frontend.hidden).toEqual(['VirtualService app-a-cross-cluster in "localproda" claims app-a.ns.svc.cluster.local but is not exported to namespace "frontend" (exportTo ["."])']);
    expect(frontend.failures).toEqual(['app-a.ns.svc:7070 from namespace frontend of "localproda": Service ns/app-a in "localproda" has no selector and no ready endpoint for port "http"']);
  });

  test('a namespace named in exportTo is routed, and without exportTo every namespace is', () => {
    expect(outcomes(Networking.istio({ exportTo: ['frontend'] })).map((o) => [o.route.client, o.ok])).toEqual([['ns', false], ['frontend', true]]);
    expect(outcomes(Networking.ISTIO).map((o) => [o.route.client, o.ok])).toEqual([['ns', true], ['frontend', true]]);
  });

  test('a mutual-TLS DestinationRule hidden from the client leaves its call in plain text, which STRICT refuses', () => {
    const strict = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, mesh: { network: 'net', mtls: MeshMtls.STRICT } } : c));
    const p = plan({ 'app-a': appA(Networking.ISTIO) }, strict);
    const objects = Object.fromEntries(
      p.clusters.map((c) => [c.cluster, c.objects.map((o) => (o.manifest.kind === 'DestinationRule' ? { ...o.manifest, spec: { ...(o.manifest.spec as Obj), exportTo: ['.'] } } : o.manifest) as Obj)]),
    );
    const model = new RouteModel(modelClusters(strict), objects, {}, ['frontend']);
    const failures = model.failures().flatMap((o) => o.failures);
    expect(failures).toContain('app-a.ns.svc:7070 from namespace frontend of "localproda": STRICT mTLS in "prodc" refuses the plain text arriving from "localproda"');
    expect(failures.some((f) => !f.includes('from namespace frontend'))).toBe(false);
  });
});

describe('the route model judges admission', () => {
  // web in localproda calls app-a (active in prodc) through its ENDPOINT_SLICE placeholder, under the rules the
  // planner writes for `callers: ['web']`, or broken ones.
  const clusters = twoClusters();
  const planned = () => {
    const web = { ...appA(Networking.ENDPOINT_SLICE), name: 'web', placements: appA(Networking.ENDPOINT_SLICE).placements.slice().reverse() };
    return planFleet({
      path: 'fleet',
      clusters,
      services: [
        { path: 'fleet/app-a', name: 'app-a', options: { ...appA(Networking.ENDPOINT_SLICE), callers: ['web'] } },
        { path: 'fleet/web', name: 'web', options: { ...web, placements: [new ActivePlacement({ clusters: ['localproda'] })] } },
        {
          path: 'fleet/other',
          name: 'other',
          options: { ...web, name: 'other', podTemplate: { spec: { serviceAccountName: 'other' } }, externalDependencies: [{ kind: 'ServiceAccount', name: 'other' }], placements: [new ActivePlacement({ clusters: ['localproda'] })] },
        },
      ],
      governance: [{ path: 'fleet/g', props: { namespaces: ['ns'], networkPolicies: {}, mesh: { authorizeCallers: true } } }],
    });
  };
  const call = (from: string, breakObject: (o: Obj) => Obj | undefined = keep, meshes = modelClusters(clusters)) => {
    const objects = Object.fromEntries(planned().clusters.map((c) => [c.cluster, c.objects.flatMap((o) => breakObject(JSON.parse(JSON.stringify(o.manifest)) as Obj) ?? [])]));
    return new RouteModel(meshes, objects).check({ cluster: 'localproda', client: 'ns', from, namespace: 'ns', service: 'app-a', port: 7070, protocol: 'TCP' });
  };
  const policy = (kind: string, change: (spec: Obj) => Obj) => (o: Obj) => (o.kind === kind && o.metadata.name === 'app-a-callers' ? { ...o, spec: change(o.spec) } : o);

  test('the declared caller is admitted; the same rules refuse another workload by identity', () => {
    expect(call('web')).toMatchObject({ ok: true, reached: ['prodc/Deployment/app-a:7070'] });
    expect(call('other').failures).toEqual(['app-a.ns.svc:7070 from "localproda": AuthorizationPolicy app-a-callers in "prodc" allows no cluster.local/ns/ns/sa/other to ns/app-a']);
  });

  test('a remote caller matches no selector: without the ipBlock of its cluster, the NetworkPolicy refuses it', () => {
    const failures = call('web', policy('NetworkPolicy', (spec) => ({ ...spec, ingress: [{ ...spec.ingress[0], from: spec.ingress[0].from.filter((f: Obj) => !f.ipBlock) }] }))).failures;
    expect(failures).toEqual(['app-a.ns.svc:7070 from "localproda": NetworkPolicy app-a-callers in "prodc" admits no pod of ns/web from "localproda" to ns/app-a port 7070']);
  });

  test('an ipBlock of the wrong range, a port not admitted, or the Globalnet range where Globalnet runs, is judged as the network would', () => {
    const block = (cidr: string) => policy('NetworkPolicy', (spec) => ({ ...spec, ingress: [{ ...spec.ingress[0], from: [{ ipBlock: { cidr } }] }] }));
    expect(call('web', block('10.128.0.0/17')).ok).toBe(false);
    expect(call('web', block('10.0.0.0/8')).ok).toBe(true);
    expect(call('web', policy('NetworkPolicy', (spec) => ({ ...spec, ingress: [{ ...spec.ingress[0], ports: [{ protocol: 'TCP', port: 8080 }] }] }))).ok).toBe(false);
    // With Globalnet on the caller's cluster, its packets come from its global egress IPs, not its pod range.
    const globalnet = modelClusters(clusters.map((c) => (c.name === 'localproda' ? { ...c, globalnetCidr: '242.1.0.0/16' } : c)));
    expect(call('web', keep, globalnet).failures[0]).toMatch(/NetworkPolicy app-a-callers in "prodc" admits no pod of ns\/web/);
    expect(call('web', block('242.1.0.0/16'), globalnet).ok).toBe(true);
  });

  test('plain text carries no identity, a STRICT PeerAuthentication refuses it, and untrusted meshes fail the handshake', () => {
    const plain = (o: Obj) => (o.kind === 'DestinationRule' ? undefined : o);
    expect(call('web', plain).failures).toEqual(['app-a.ns.svc:7070 from "localproda": AuthorizationPolicy app-a-callers in "prodc" allows no caller without identity (plain text) to ns/app-a']);
    const strict = { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', metadata: { name: 'strict', namespace: 'ns' }, spec: { mtls: { mode: 'STRICT' } } };
    const withStrict = (o: Obj) => (o.kind === 'DestinationRule' ? undefined : o.kind === 'AuthorizationPolicy' ? strict : o);
    expect(call('web', withStrict).failures[0]).toMatch(/PeerAuthentication in namespace ns of "prodc" is STRICT and refuses the plain text from "localproda"/);
    const untrusted = modelClusters(clusters.map((c) => (c.name === 'localproda' && c.mesh ? { ...c, mesh: { ...c.mesh, trustDomain: 'local.example' } } : c)));
    expect(call('web', keep, untrusted).failures[0]).toMatch(/the mesh of "prodc" does not trust the certificates of "localproda"/);
  });
});
