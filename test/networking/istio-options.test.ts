// Networking.istio({ ... }): what each option changes in the emitted objects, and what is refused.
import fc from 'fast-check';
import { IstioApiVersion, type IstioNetworkingProps, MeshMtls, Networking, type ServicePort } from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';
import { expectEveryRouteServed, planOrRefuse, promisedRoutes, randomFleetArb } from '../support/random-fleet';

const ports: ServicePort[] = [
  { name: 'http', port: 7070 },
  { name: 'grpc-api', port: 7071 },
  { name: 'tcp-admin', port: 9000 },
  { name: 'https', port: 8443 },
];

function placeholderObjects(networking: Networking, clusters = twoClusters()) {
  return objectsIn(plan({ 'app-a': appA(networking, { ports }) }, clusters), 'localproda');
}

describe('Networking.istio options', () => {
  test('istio() with no options emits exactly what ISTIO emits', () => {
    expect(placeholderObjects(Networking.istio())).toEqual(placeholderObjects(Networking.ISTIO));
    expect(placeholderObjects(Networking.istio({}))).toEqual(placeholderObjects(Networking.ISTIO));
    expect(String(Networking.istio({ timeout: '1s' }))).toBe('ISTIO');
  });

  test('timeout and retries go on every http route, and only there', () => {
    const objects = placeholderObjects(Networking.istio({ timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s', retryOn: ['5xx', 'connect-failure', '503'] } }));
    const vs = find(objects, 'VirtualService');
    for (const route of vs.spec.http) {
      expect(route).toMatchObject({ timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure,503' } });
    }
    expect(vs.spec.http.map((r: any) => r.name)).toEqual(['http', 'grpc-api']);
    for (const route of [...vs.spec.tcp, ...vs.spec.tls]) {
      expect(route.timeout).toBeUndefined();
      expect(route.retries).toBeUndefined();
    }
    expect(find(objects, 'ServiceEntry')).toEqual(find(placeholderObjects(Networking.ISTIO), 'ServiceEntry'));
  });

  test('retries with attempts only leave Istio its per-try timeout and conditions', () => {
    const vs = find(placeholderObjects(Networking.istio({ retries: { attempts: 0 } })), 'VirtualService');
    expect(vs.spec.http[0].retries).toEqual({ attempts: 0 });
    expect(vs.spec.http[0].timeout).toBeUndefined();
  });

  test('exportTo goes on the VirtualService, the ServiceEntry and the mTLS DestinationRule, not on the Service', () => {
    const strict = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, mesh: { network: 'net', mtls: MeshMtls.STRICT } } : c));
    const objects = placeholderObjects(Networking.istio({ exportTo: ['.', 'frontend'] }), strict);
    for (const kind of ['VirtualService', 'ServiceEntry', 'DestinationRule']) expect(find(objects, kind).spec.exportTo).toEqual(['.', 'frontend']);
    expect(find(objects, 'Service').spec.exportTo).toBeUndefined();
  });

  test.each<[string, unknown, string]>([
    ['timeout not a duration', { timeout: '5 seconds' }, 'placements[1].networking.timeout "5 seconds" is not a duration; write it as Istio does, such as 10s, 1m30s or 250ms'],
    ['timeout under 1ms', { timeout: '500us' }, 'placements[1].networking.timeout "500us" is shorter than the 1ms Istio accepts; give at least 1ms, or leave timeout out'],
    ['timeout a number', { timeout: 5 }, 'placements[1].networking.timeout must be a string, got the number 5'],
    ['retries without attempts', { retries: { perTryTimeout: '1s' } }, 'placements[1].networking.retries.attempts is required; give the number of retries, 0 to turn them off'],
    ['negative attempts', { retries: { attempts: -1 } }, 'placements[1].networking.retries.attempts is the number -1, not a whole number of retries; give 0 (no retries) or more'],
    ['fractional attempts', { retries: { attempts: 1.5 } }, 'placements[1].networking.retries.attempts is the number 1.5, not a whole number of retries; give 0 (no retries) or more'],
    ['bad perTryTimeout', { retries: { attempts: 2, perTryTimeout: '2' } }, 'placements[1].networking.retries.perTryTimeout "2" is not a duration; write it as Istio does, such as 10s, 1m30s or 250ms'],
    [
      'unknown retry condition',
      { retries: { attempts: 2, retryOn: ['5xx', '5XX-errors'] } },
      'placements[1].networking.retries.retryOn[1] "5XX-errors" is not a retry condition Envoy knows; give one of 5xx, gateway-error, reset, reset-before-request, connect-failure, envoy-ratelimited, retriable-4xx, refused-stream, retriable-status-codes, retriable-headers, http3-post-connect-failure, cancelled, deadline-exceeded, internal, resource-exhausted, unavailable, or an HTTP status code such as 503',
    ],
    ['retryOn a string', { retries: { attempts: 2, retryOn: '5xx,reset' } }, 'placements[1].networking.retries.retryOn must be a list, got the string "5xx,reset"'],
    ['empty exportTo', { exportTo: [] }, 'placements[1].networking.exportTo is empty, which Istio reads as its default; leave exportTo out for every namespace, or give "." or namespace names'],
    ['exportTo ~', { exportTo: ['~'] }, 'placements[1].networking.exportTo[0] "~" hides the routes from every namespace, so no client could call the service; give "." or namespace names'],
    ['exportTo not a namespace', { exportTo: ['Team_A'] }, 'placements[1].networking.exportTo[0] "Team_A" is not ".", "*" or a namespace name (a DNS-1123 label such as team-a)'],
    ['exportTo twice', { exportTo: ['.', '.'] }, 'placements[1].networking.exportTo[1] "." is listed twice; list it once'],
    ['exportTo * with others', { exportTo: ['*', 'team-a'] }, 'placements[1].networking.exportTo mixes "*" with other entries, which Istio refuses; give ["*"] alone, or only "." and namespace names'],
    ['a misspelt option', { timout: '5s' }, 'placements[1].networking: unknown field "timout" (did you mean "timeout"?)'],
  ])('%s is refused, naming the value and the fix', (_, props, message) => {
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.istio(props as IstioNetworkingProps)) }))).toEqual([`fleet/app-a: ${message}`]);
  });

  test('options of a divided service\'s idle clusters are checked too', () => {
    const problems = problemsOf(() =>
      plan({ 'app-a': appA(Networking.ISTIO, { scheduling: { type: 'Divided' as never, totalReplicas: 2, placeholderNetworking: Networking.istio({ timeout: 'soon' }) } }) }),
    );
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('scheduling.placeholderNetworking.timeout "soon" is not a duration')]));
  });
});

test('objects with every option are valid against the Istio CRDs', () => {
  const strict = twoClusters().map((c) => ({ ...c, mesh: { network: c.name, mtls: MeshMtls.STRICT, apiVersion: IstioApiVersion.V1 } }));
  const networking = Networking.istio({ timeout: '1m30s', retries: { attempts: 2, perTryTimeout: '250ms', retryOn: ['gateway-error', 'unavailable'] }, exportTo: ['.', 'team-a'] });
  expectValidAgainstSchemas(placeholderObjects(networking, strict) as unknown as Array<Record<string, unknown>>);
});

describe('Istio options in random fleets', () => {
  test('every route is served, except from namespaces an exportTo leaves out, which reach nothing', () => {
    let planned = 0;
    let tuned = 0;
    let hidden = 0;
    fc.assert(
      fc.property(randomFleetArb, (fleet) => {
        const fleetPlan = planOrRefuse(fleet);
        if (!fleetPlan) return;
        planned++;
        const objects = Object.fromEntries(fleetPlan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));
        const virtualServices = Object.values(objects).flat().filter((o) => o.kind === 'VirtualService');
        tuned += virtualServices.filter((vs) => (vs.spec.http ?? []).some((r: any) => r.timeout || r.retries)).length;
        hidden += promisedRoutes(fleet, fleetPlan).hidden.length;
        expectEveryRouteServed(fleet, fleetPlan, objects);
      }),
      { numRuns: 400 },
    );
    console.log(`istio options: ${planned} fleets planned, ${tuned} VirtualServices with a timeout or retries, ${hidden} routes hidden by exportTo`);
    // The options were really used, not filtered away (Istio placeholders are a minority of random fleets' placements).
    expect(tuned).toBeGreaterThan(3);
    expect(hidden).toBeGreaterThan(3);
  });
});
