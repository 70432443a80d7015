import { ActivePlacement, IstioApiVersion, MeshMtls, Networking, PlaceholderPlacement, type ServicePort } from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';

describe('istio protocol selection', () => {
  test.each<[ServicePort, string | undefined]>([
    [{ name: 'http', port: 80 }, 'HTTP'],
    [{ name: 'http-alt', port: 8080 }, 'HTTP'],
    [{ name: 'http2-api', port: 8080 }, 'HTTP2'],
    [{ name: 'grpc', port: 9000 }, 'GRPC'],
    [{ name: 'https', port: 443 }, 'HTTPS'],
    [{ name: 'tls-db', port: 5433 }, 'TLS'],
    [{ name: 'metrics', port: 9100 }, undefined],
    [{ name: 'mysql-main', port: 3306 }, 'MYSQL'],
    [{ name: 'db', port: 3306 }, 'TCP'],
    [{ name: 'grpc-web', port: 8080 }, 'GRPC'],
    [{ name: 'web', port: 80, appProtocol: 'http' }, 'HTTP'],
    [{ name: 'http', port: 80, appProtocol: 'grpc' }, 'GRPC'],
    [{ name: 'http', port: 80, appProtocol: 'custom' }, undefined],
    [{ name: 'http', port: 80, appProtocol: 'tcp-raw' }, 'TCP'],
    [{ name: 'HTTP-upper', port: 80 }, 'HTTP'],
    [{ name: 'api', port: 80, appProtocol: 'kubernetes.io/h2c' }, 'HTTP2'],
    // Names of Object.prototype's members are names like any other: sniffed.
    [{ name: 'constructor', port: 7070 }, undefined],
    [{ name: 'tostring-x', port: 7070 }, undefined],
    [{ name: 'web', port: 7070, appProtocol: 'hasOwnProperty' }, undefined],
  ])('%j is %s', (port, protocol) => {
    expect(Networking.istioProtocol(port)).toBe(protocol);
  });
});

test('a port whose protocol Istio would sniff is refused with ISTIO: one route cannot serve both HTTP and TCP', () => {
  expect(problemsOf(() => plan({ 'app-a': appA(Networking.ISTIO, { ports: [{ name: 'metrics', port: 9100 }] }) }))).toEqual([
    expect.stringMatching(/^fleet\/app-a: port "metrics" names no protocol Istio knows, so Istio sniffs it, .* set appProtocol/),
  ]);
  expect(problemsOf(() => plan({ 'app-a': appA(Networking.ISTIO, { ports: [{ name: 'metrics', port: 9100, appProtocol: 'http' }] }) }))).toEqual([]);
});

describe('ISTIO networking', () => {
  const mixedPorts: ServicePort[] = [
    { name: 'http', port: 7070 },
    { name: 'tcp-admin', port: 9000 },
    { name: 'https', port: 8443 },
  ];

  test('ports that are not HTTP get tcp or tls routes, never http ones', () => {
    const p = plan({ 'app-a': appA(Networking.ISTIO, { ports: mixedPorts }) });
    const vs = find(objectsIn(p, 'localproda'), 'VirtualService');
    expect(vs.spec.http.map((r: any) => r.match[0].port)).toEqual([7070]);
    expect(vs.spec.tcp).toEqual([
      { match: [{ port: 9000 }], route: [{ destination: { host: 'app-a.ns.svc.clusterset.local', port: { number: 9000 } }, weight: 100 }] },
    ]);
    expect(vs.spec.tls[0].match).toEqual([{ port: 8443, sniHosts: ['app-a.ns.svc.cluster.local'] }]);
    const se = find(objectsIn(p, 'localproda'), 'ServiceEntry');
    expect(se.spec.ports.map((port: any) => port.name)).toEqual(['http-7070', 'tcp-9000', 'https-8443']);
  });

  test('no DestinationRule while both meshes are permissive', () => {
    const p = plan({ 'app-a': appA(Networking.ISTIO) });
    expect(objectsIn(p, 'localproda').some((o) => o.kind === 'DestinationRule')).toBe(false);
  });

  test.each(['prodc', 'localproda'])('a STRICT mesh in %s adds an ISTIO_MUTUAL DestinationRule for the clusterset host', (strict) => {
    const clusters = twoClusters().map((c) => (c.name === strict ? { ...c, mesh: { network: 'net', mtls: MeshMtls.STRICT } } : c));
    const p = plan({ 'app-a': appA(Networking.ISTIO) }, clusters);
    const rule = find(objectsIn(p, 'localproda'), 'DestinationRule');
    expect(rule.spec).toEqual({ host: 'app-a.ns.svc.clusterset.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
  });

  test('the mesh apiVersion of the placeholder cluster is used', () => {
    const clusters = twoClusters().map((c) => (c.name === 'localproda' ? { ...c, mesh: { network: 'net-b', apiVersion: IstioApiVersion.V1 } } : c));
    const p = plan({ 'app-a': appA(Networking.ISTIO) }, clusters);
    expect(find(objectsIn(p, 'localproda'), 'VirtualService').apiVersion).toBe('networking.istio.io/v1');
  });
});

describe('EXTERNAL_NAME networking', () => {
  test('the plain name becomes an alias of the clusterset name', () => {
    const p = plan({ 'app-a': appA(Networking.EXTERNAL_NAME) });
    const service = find(objectsIn(p, 'localproda'), 'Service');
    expect(service.spec).toMatchObject({ type: 'ExternalName', externalName: 'app-a.ns.svc.clusterset.local' });
    expect(service.spec.selector).toBeUndefined();
    expect(objectsIn(p, 'localproda').map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service']);
  });

  test('needs no mesh in the placeholder cluster', () => {
    const clusters = twoClusters().map((c) => ({ ...c, mesh: undefined }));
    const p = plan(
      {
        'app-a': {
          ...appA(),
          placements: [
            new ActivePlacement({ clusters: ['prodc'] }),
            new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.EXTERNAL_NAME }),
          ],
        },
      },
      clusters,
    );
    expect(find(objectsIn(p, 'localproda'), 'Service').spec.type).toBe('ExternalName');
  });
});
