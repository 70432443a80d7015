// The route model must catch broken emitters: each case breaks one emitted object of a valid plan.
import { type Manifest, Networking } from '../../lib';
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
