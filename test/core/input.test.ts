import { ActivePlacement, type ClusterProps, JsonPatchOp, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, WorkloadKind } from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { planReplicas } from '../../lib/core/resolve/replicas';

/** The problems of planning app-a with `change` made to its options, as a fleet loaded from JSON could. */
function problemsWith(change: Record<string, unknown>, clusters: ClusterProps[] = twoClusters()): readonly string[] {
  return problemsOf(() => plan({ 'app-a': { ...appA(), ...change } as MultiClusterServiceOptions }, clusters));
}

/** The clusters with `change` made to the second one. */
function clustersWith(change: Record<string, unknown>): ClusterProps[] {
  const clusters = twoClusters();
  clusters[1] = { ...clusters[1], ...change } as ClusterProps;
  return clusters;
}

describe('types are checked at runtime', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a string for a number', { replicas: '3' }, 'fleet/app-a: replicas must be a whole number, got the string "3"'],
    ['a number for a string', { image: 42 }, 'fleet/app-a: image must be a string, got the number 42'],
    ['an env value that is not a string', { env: { PORT: 7070 } }, 'fleet/app-a: env["PORT"] must be a string, got the number 7070'],
    ['a label value that is not a string', { labels: { tier: true } }, 'fleet/app-a: labels["tier"] must be a string, got true'],
    ['a list for a map', { annotations: ['a'] }, 'fleet/app-a: annotations must be an object of keys and values, got a list ["a"]'],
    ['a string for a list', { command: '/app --serve' }, 'fleet/app-a: command must be a list, got the string "/app --serve"'],
    ['a huge number', { replicas: 1e12 }, 'fleet/app-a: replicas 1000000000000 is more than Kubernetes can store (at most 2147483647)'],
    ['null for an object', { resources: null }, 'fleet/app-a: resources must be an object, got null'],
    ['a Map for a map', { labels: new Map([['a', 'b']]) }, 'fleet/app-a: labels must be an object of keys and values, got an instance of Map'],
    // Read for fields, a Map or a Date looks empty: accepted, its content would be dropped without a word.
    ['a Map for an object of fields', { clusterOverrides: { prodc: new Map([['replicas', 2]]) } }, 'fleet/app-a: clusterOverrides["prodc"] must be an object, got an instance of Map'],
    [
      'a Date for a selector',
      { placements: [new ActivePlacement({ clusterLabelSelector: new Date(0) as never })] },
      'fleet/app-a: placements[0].clusterLabelSelector must be an object, got an instance of Date',
    ],
    ['a string for a placement', { placements: ['prodc'] }, 'fleet/app-a: placements[0] must be a new ActivePlacement({ ... }) or a new PlaceholderPlacement({ ... }), got the string "prodc"'],
    [
      'a string for a placement’s clusters',
      { placements: [new ActivePlacement({ clusters: 'c2' as never })] },
      'fleet/app-a: placements[0].clusters must be a list, got the string "c2"',
    ],
    [
      'a string for a networking',
      { placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: 'ISTIO' as never })] },
      'fleet/app-a: placements[1].networking must be Networking.ENDPOINT_SLICE, Networking.ISTIO, Networking.EXTERNAL_NAME or Networking.custom(wiring), got the string "ISTIO"',
    ],
    [
      'a number deep inside cluster overrides',
      { clusterOverrides: { prodc: { labelsOverriders: [{ operator: 'add', value: { tier: 1 } }] } } },
      'fleet/app-a: clusterOverrides["prodc"].labelsOverriders[0].value["tier"] must be a string, got the number 1',
    ],
    ['a patch value JSON cannot carry', { clusterOverrides: { prodc: { patches: [{ op: 'add', path: '/spec/paused', value: Number.NaN }] } } }, 'fleet/app-a: clusterOverrides["prodc"].patches[0].value is NaN, which JSON cannot carry'],
  ])('%s', (_name, change, message) => {
    expect(problemsWith(change)).toEqual([message]);
  });

  test('a cluster’s fields too, each cluster at its own path', () => {
    expect(problemsOf(() => plan({ 'app-a': appA() }, clustersWith({ capacity: '10', labels: { region: 5 } })))).toEqual([
      'fleet/clusters[1]: labels["region"] must be a string, got the number 5',
      'fleet/clusters[1]: capacity must be a whole number, got the string "10"',
    ]);
  });
});

describe('enums list their values', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['workload', { workload: 'Statefulset' }, 'fleet/app-a: workload "Statefulset" is not one of Deployment, StatefulSet (did you mean "StatefulSet"?)'],
    ['scheduling type', { scheduling: { type: 'divided' } }, 'fleet/app-a: scheduling.type "divided" is not one of Duplicated, Divided (did you mean "Divided"?)'],
    ['port protocol', { ports: [{ name: 'dns', port: 53, protocol: 'udp' }] }, 'fleet/app-a: ports[0].protocol "udp" is not one of TCP, UDP, SCTP (did you mean "UDP"?)'],
    ['patch op', { clusterOverrides: { prodc: { patches: [{ op: 'test', path: '/spec/paused', value: 1 }] } } }, 'fleet/app-a: clusterOverrides["prodc"].patches[0].op "test" is not one of add, remove, replace'],
    ['a number for an enum', { workload: 1 }, 'fleet/app-a: workload the number 1 is not one of Deployment, StatefulSet'],
  ])('%s', (_name, change, message) => {
    expect(problemsWith(change)).toEqual([message]);
  });

  test.each([
    [true, 'fleet/clusters[1]: mcs true is no longer accepted: write mcs: {} (or leave it out)'],
    [false, 'fleet/clusters[1]: mcs false is no longer accepted: write mcs: { enabled: false }'],
    ['yes', 'fleet/clusters[1]: mcs must be { enabled, apiVersion }, got the string "yes"'],
  ])('the mcs shorthand %p of earlier versions says what replaces it', (mcs, message) => {
    expect(problemsOf(() => plan({ 'app-a': appA() }, clustersWith({ mcs })))).toEqual([message]);
  });

  test('a cluster’s mesh mTLS', () => {
    expect(problemsOf(() => plan({ 'app-a': appA() }, clustersWith({ mesh: { network: 'net-b', mtls: 'strict' } })))).toEqual([
      'fleet/clusters[1]: mesh.mtls "strict" is not one of PERMISSIVE, STRICT (did you mean "STRICT"?)',
    ]);
  });
});

describe('required fields, empty objects and unknown fields', () => {
  test('required fields say what to give', () => {
    const { ports: _ports, placements: _placements, ...rest } = appA();
    expect(problemsOf(() => plan({ 'app-a': rest as MultiClusterServiceOptions }))).toEqual([
      'fleet/app-a: ports is required; give the service at least one port, such as [{ name: "http", port: 8080 }]',
      'fleet/app-a: placements is required; give at least one new ActivePlacement({ clusters: [...] })',
    ]);
    expect(problemsWith({ ports: [{ port: 80 }, { name: 'grpc', port: 81 }] })).toEqual([
      'fleet/app-a: ports[0].name is required; every port is named, so EndpointSlices and meshes can match it',
    ]);
  });

  test('an empty mesh says what to give', () => {
    expect(problemsOf(() => plan({ 'app-a': appA() }, clustersWith({ mesh: {} })))).toEqual(['fleet/clusters[1]: mesh is empty; give mesh: { network: ... } or remove it']);
  });

  test('a misspelt field is refused with the nearest known name, never ignored', () => {
    expect(problemsWith({ replica: 3 })).toEqual(['fleet/app-a: unknown field "replica" (did you mean "replicas"?)']);
    expect(problemsWith({ placements: [new ActivePlacement({ clusters: ['prodc'], overides: {} } as never)] })).toEqual([
      'fleet/app-a: placements[0]: unknown field "overides" (did you mean "overrides"?)',
    ]);
    expect(problemsOf(() => plan({ 'app-a': appA() }, clustersWith({ serviceCIDR: '10.0.0.0/16' })))).toEqual([
      'fleet/clusters[1]: unknown field "serviceCIDR" (did you mean "serviceCidr"?)',
    ]);
    expect(problemsWith({ colour: 'blue' })[0]).toMatch(/^fleet\/app-a: unknown field "colour"; known fields: name, namespace, image, replicas, /);
  });

  test('a key JavaScript reads as the prototype is refused, not dropped', () => {
    expect(problemsWith({ env: JSON.parse('{"__proto__": "x", "A": "1"}') })).toEqual([
      'fleet/app-a: env["__proto__"]: "__proto__" is a JavaScript prototype key, which cannot be used as a key; rename it',
    ]);
  });
});

describe('a malformed item stops its own checks, not the others’', () => {
  test('a malformed service is reported with the problems of the well-formed ones', () => {
    const found = problemsOf(() =>
      plan({
        'app-a': { ...appA(), replicas: '3' } as never,
        'app-b': { ...appA(), placements: [new ActivePlacement({ clusters: ['nope'] })] },
      }),
    );
    expect(found).toEqual([
      'fleet/app-a: replicas must be a whole number, got the string "3"',
      'fleet/app-b: placements[0] (active) selects cluster "nope", which is not in the ClusterSet (known: prodc, localproda)',
    ]);
  });

  test('malformed clusters stop the plan after every shape problem is reported', () => {
    const found = problemsOf(() => plan({ 'app-a': { ...appA(), workload: 'Pod' } as never }, [twoClusters()[0], null as never, { name: 'x' } as never]));
    expect(found).toEqual([
      'fleet/clusters[1]: a cluster must be an object such as { name, serviceCidr, podCidr }, got null',
      'fleet/clusters[2]: serviceCidr is required; give the cluster\'s Service ClusterIP range, such as 10.96.0.0/16',
      'fleet/clusters[2]: podCidr is required; give the cluster\'s Pod IP range, such as 10.244.0.0/16',
      'fleet/app-a: workload "Pod" is not one of Deployment, StatefulSet',
    ]);
  });
});

describe('no entry point throws anything but ClusterSetValidationError', () => {
  test.each<[string, () => unknown, string]>([
    ['planFleet(null)', () => planFleet(null as never), 'planFleet: the fleet spec must be an object { path, clusters, services }, got null'],
    ['planFleet without clusters', () => planFleet({ path: 'fleet', services: [] } as never), 'fleet: clusters must be a list of clusters such as [{ name, serviceCidr, podCidr }], got undefined'],
    ['planFleet with a null service', () => planFleet({ path: 'fleet', clusters: twoClusters(), services: [null] } as never), 'fleet/services[0]: a service must be an object { path, name, options } with a string path, got null'],
    ['planFleet with null options', () => planFleet({ path: 'fleet', clusters: twoClusters(), services: [{ path: 'fleet/a', name: 'a', options: null }] } as never), 'fleet/a: props must be an object such as { image, ports, placements }, got null'],
    ['planFleet with bad plan options', () => planFleet({ path: 'fleet', clusters: twoClusters(), services: [] }, { addresses: 'Live' } as never), 'planFleet: options.addresses "Live" is not one of static, live (did you mean "live"?)'],
    ['a placement given no props', () => plan({ 'app-a': { ...appA(), placements: [new ActivePlacement(undefined as never)] } }), 'fleet/app-a: placements[0] is an ActivePlacement whose props are undefined; give new ActivePlacement({ clusters: [...] })'],
    [
      'a custom networking without the contract',
      () => plan({ 'app-a': { ...appA(), placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.custom({ name: 'mine' } as never) })] } }),
      'fleet/app-a: placements[1].networking is Networking.custom(wiring) whose wiring lacks addressNeeded (a method), problems (a method), objects (a method); implement IPlaceholderWiring',
    ],
    ['planReplicas(undefined)', () => planReplicas(undefined as never), 'planReplicas: input must be an object { totalReplicas, preferences, clusters }, got undefined'],
    ['planReplicas with a string total', () => planReplicas({ totalReplicas: '4', preferences: {}, clusters: ['a'] } as never), 'planReplicas: totalReplicas must be a whole number, got the string "4"'],
  ])('%s', (_name, build, message) => {
    expect(problemsOf(build)).toEqual([message]);
  });

  test('problemsOf rethrows anything else, so the cases above prove the error class', () => {
    expect(() => problemsOf(() => JSON.parse('{'))).toThrow(SyntaxError);
    expect(() => planFleet(null as never)).toThrow(ClusterSetValidationError);
  });
});

describe('names Kubernetes accepts but pods cannot start with', () => {
  const named = (name: string) => ({ ...appA(Networking.ISTIO), name, workload: WorkloadKind.STATEFUL_SET });

  test('a StatefulSet name longer than 52 characters is refused', () => {
    const name = `db-${'x'.repeat(50)}`;
    expect(problemsOf(() => plan({ [name]: named(name) }))).toEqual([
      `fleet/${name}: StatefulSet name "${name}" is 53 characters, over 52: Kubernetes labels each pod controller-revision-hash "${name}-<hash of up to 10 characters>", ` +
        'which must fit 63, so the StatefulSet would create no pods; shorten the service name to 52 characters or fewer',
    ]);
  });

  test('52 characters are accepted, and a Deployment may be longer', () => {
    const name = `db-${'x'.repeat(49)}`;
    expect(problemsOf(() => plan({ [name]: named(name) }))).toEqual([]);
    const long = `web-${'x'.repeat(55)}`;
    expect(problemsOf(() => plan({ [long]: { ...appA(Networking.ISTIO), name: long } }))).toEqual([]);
  });
});

describe('per-cluster env overrides', () => {
  test('keep the entries that use valueFrom, replacing only the variables they name', () => {
    const secretRef = { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };
    const options: MultiClusterServiceOptions = {
      ...appA(Networking.ISTIO),
      env: { LOG_LEVEL: 'info', REGION: 'any' },
      externalDependencies: [{ kind: 'Secret', name: 'db' }],
      placements: [
        new ActivePlacement({ clusters: ['prodc'], overrides: { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/containers/0/env/-', value: secretRef }] } }),
        new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO }),
      ],
      clusterOverrides: { prodc: { env: { REGION: 'hangzhou' } } },
    };
    const objects = objectsIn(plan({ 'app-a': options }), 'prodc');
    const deployment = find(objects, 'Deployment');
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      secretRef,
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'REGION', value: 'hangzhou' },
    ]);
    expectValidAgainstSchemas([deployment]);
  });

  test('a cluster called constructor is not confused with Object.prototype', () => {
    const clusters = twoClusters();
    clusters[0] = { ...clusters[0], name: 'constructor' };
    const options = { ...appA(Networking.ISTIO), placements: [new ActivePlacement({ clusters: ['constructor'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })] };
    const deployment = find(objectsIn(plan({ 'app-a': options }, clusters), 'constructor'), 'Deployment');
    expect(deployment.spec.replicas).toBe(3);
  });
});

describe('patches cannot take away the service’s container', () => {
  test.each(['/spec/template/spec', '/spec/template/spec/containers', '/spec/template/spec/containers/0'])('%s', (path) => {
    expect(problemsWith({ clusterOverrides: { prodc: { patches: [{ op: 'remove', path }] } } })).toEqual([
      `fleet/app-a: clusterOverrides["prodc"].patches[0] remove of all of "${path}" would drop what clusterset owns beneath it; patch the fields inside it`,
    ]);
  });
});
