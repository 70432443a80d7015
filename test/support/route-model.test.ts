// The route model must catch broken emitters: each case breaks one emitted object of a valid plan.
import { type Manifest, MeshMtls, Networking } from '../../lib';
import { appA, plan, twoClusters } from './fleet';
import { modelClusters } from './random-fleet';
import { RouteModel } from './route-model';

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
