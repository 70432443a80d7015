import { ActivePlacement, AddressResolution, ApplyWave, type Manifest, McsApiVersion, Networking, PlaceholderPlacement, ReplicaScheduling, WorkloadKind } from '../../lib';
import { LiveValue } from '../../lib/core/kube/object-ref';
import { appA, find, objectsIn, plan, twoClusters } from '../support/fleet';
import { planFleet } from '../../lib/core/plan';

const kinds = (objects: readonly Manifest[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('planning the acceptance program', () => {
  const fleetPlan = plan({ 'app-a': appA(Networking.ISTIO) });
  const prodc = objectsIn(fleetPlan, 'prodc');
  const localproda = objectsIn(fleetPlan, 'localproda');

  test('the active cluster gets the namespace, the workload, its Service and a ServiceExport', () => {
    expect(kinds(prodc)).toEqual(['Namespace/ns', 'Deployment/app-a', 'Service/app-a', 'ServiceExport/app-a']);
    expect(find(prodc, 'Deployment').spec.replicas).toBe(3);
    expect(find(prodc, 'Deployment').spec.template.spec.containers[0].image).toBe('team/app-a:1.4.2');
    expect(find(prodc, 'Service').spec.selector).toEqual({ 'app.kubernetes.io/name': 'app-a' });
    const exported = find(prodc, 'ServiceExport');
    expect(exported.apiVersion).toBe('multicluster.x-k8s.io/v1alpha1');
    expect(exported.metadata).toMatchObject({ name: 'app-a', namespace: 'ns' });
  });

  test('the placeholder cluster gets the workload at 0 replicas from the external registry', () => {
    const deployment = find(localproda, 'Deployment');
    expect(deployment.spec.replicas).toBe(0);
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.example.com/team/app-a:1.4.2');
    expect(deployment.metadata.labels['clusterset.dev/role']).toBe('placeholder');
  });

  test('placeholder in an Istio cluster routes the plain name to clusterset', () => {
    expect(kinds(localproda)).toEqual([
      'Namespace/ns',
      'Deployment/app-a',
      'Service/app-a',
      'VirtualService/app-a-cross-cluster',
      'ServiceEntry/external-app-a',
    ]);
    const vs = find(localproda, 'VirtualService');
    expect(vs.spec.hosts).toEqual(['app-a.ns.svc.cluster.local']);
    expect(vs.spec.http.map((r: any) => r.route[0])).toEqual([
      { destination: { host: 'app-a.ns.svc.clusterset.local', port: { number: 7070 } }, weight: 100 },
      { destination: { host: 'app-a.ns.svc.clusterset.local', port: { number: 8080 } }, weight: 100 },
    ]);
    const se = find(localproda, 'ServiceEntry');
    expect(se.spec).toEqual({
      hosts: ['app-a.ns.svc.clusterset.local'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [
        { name: 'http-7070', number: 7070, protocol: 'HTTP' },
        { name: 'http-8080', number: 8080, protocol: 'HTTP' },
      ],
    });
  });

  test('the placeholder Service has the same ports and no selector', () => {
    const service = find(localproda, 'Service');
    expect(service.spec.selector).toBeUndefined();
    expect(service.spec.ports.map((p: any) => p.port)).toEqual([7070, 8080]);
  });

  test('objects come in apply waves: namespaces, workloads, networking', () => {
    const waves = fleetPlan.clusters[1].objects.map((o) => o.wave);
    expect(waves).toEqual([ApplyWave.NAMESPACES, ApplyWave.WORKLOADS, ApplyWave.WORKLOADS, ApplyWave.NETWORKING, ApplyWave.NETWORKING]);
  });

  test('the summary names where the service runs and its clusterset host', () => {
    expect(fleetPlan.services).toEqual([
      {
        path: 'fleet/app-a',
        name: 'app-a',
        namespace: 'ns',
        clustersetHost: 'app-a.ns.svc.clusterset.local',
        active: ['prodc'],
        placeholders: [{ cluster: 'localproda', networking: 'ISTIO' }],
        replicas: { prodc: 3 },
        scheduling: ReplicaScheduling.DUPLICATED,
        addresses: { prodc: { clusterIP: '10.96.0.169' } },
      },
    ]);
  });
});

describe('images and overrides', () => {
  test('a cluster registry applies to every image synthesized there', () => {
    const p = plan({
      'app-b': {
        namespace: 'ns',
        image: 'team/app-b:2.0.0',
        ports: [{ name: 'http', port: 9090 }],
        placements: [new ActivePlacement({ clusters: ['localproda'] })],
      },
    });
    expect(find(objectsIn(p, 'localproda'), 'Deployment').spec.template.spec.containers[0].image).toBe(
      'registry.example.com/team/app-b:2.0.0',
    );
  });

  test('a placement override wins over the cluster registry; a tag override drops the digest that would win over it', () => {
    const p = plan({
      'app-b': {
        namespace: 'ns',
        image: 'docker.io/team/app-b:2.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        ports: [{ name: 'http', port: 9090 }],
        placements: [
          new ActivePlacement({
            clusters: ['localproda'],
            overrides: { image: { registry: 'mirror.internal:5000', tag: '2.0.1' }, replicas: 5, labels: { tier: 'gold' }, env: { MODE: 'dr' } },
          }),
        ],
      },
    });
    const deployment = find(objectsIn(p, 'localproda'), 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('mirror.internal:5000/team/app-b:2.0.1');
    expect(deployment.spec.replicas).toBe(5);
    expect(deployment.metadata.labels.tier).toBe('gold');
    expect(deployment.spec.template.metadata.labels.tier).toBe('gold');
    expect(container.env).toEqual([{ name: 'MODE', value: 'dr' }]);
  });

  test('service env, annotations and overrides merge with the override winning', () => {
    const p = plan({
      'app-b': {
        namespace: 'ns',
        image: 'team/app-b:2.0.0',
        ports: [{ name: 'http', port: 9090 }],
        env: { LOG: 'info', REGION: 'any' },
        annotations: { owner: 'team-b' },
        placements: [
          new ActivePlacement({ clusters: ['prodc'], overrides: { env: { REGION: 'hangzhou' }, annotations: { owner: 'sre' } } }),
        ],
      },
    });
    const deployment = find(objectsIn(p, 'prodc'), 'Deployment');
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      { name: 'LOG', value: 'info' },
      { name: 'REGION', value: 'hangzhou' },
    ]);
    expect(deployment.metadata.annotations).toEqual({ owner: 'sre' });
  });
});

describe('StatefulSets', () => {
  test('a StatefulSet gets a headless Service that is exported', () => {
    const p = plan({
      db: {
        namespace: 'data',
        image: 'postgres:16',
        workload: WorkloadKind.STATEFUL_SET,
        ports: [{ name: 'tcp-pg', port: 5432 }],
        placements: [
          new ActivePlacement({ clusters: ['prodc'] }),
          new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.EXTERNAL_NAME }),
        ],
      },
    });
    const prodc = objectsIn(p, 'prodc');
    expect(find(prodc, 'StatefulSet').spec.serviceName).toBe('db');
    expect(find(prodc, 'Service').spec.clusterIP).toBe('None');
    expect(find(prodc, 'ServiceExport').metadata.name).toBe('db');
    expect(find(objectsIn(p, 'localproda'), 'StatefulSet').spec.replicas).toBe(0);
  });

  test('the per-pod clusterset names are listed in the plan and on the exported Service', () => {
    const p = plan({
      db: {
        namespace: 'data',
        image: 'postgres:16',
        replicas: 2,
        workload: WorkloadKind.STATEFUL_SET,
        ports: [{ name: 'tcp-pg', port: 5432 }],
        placements: [new ActivePlacement({ clusters: ['prodc'] })],
      },
    });
    const hosts = ['db-0.prodc.db.data.svc.clusterset.local', 'db-1.prodc.db.data.svc.clusterset.local'];
    expect(p.services[0].podHosts).toEqual({ prodc: hosts });
    expect(find(objectsIn(p, 'prodc'), 'Service').metadata.annotations).toEqual({ 'clusterset.dev/pod-hosts': hosts.join(',') });
  });
});

describe('namespaces', () => {
  test('each cluster carries the namespaces of its services once, sorted, and never the built-in ones', () => {
    const svc = (namespace: string) => ({
      namespace,
      image: 'team/x:1',
      ports: [{ name: 'http', port: 80 }],
      placements: [new ActivePlacement({ clusters: ['prodc'] })],
    });
    const p = plan({ a: svc('zeta'), b: svc('alpha'), c: svc('zeta'), d: svc('default') });
    const namespaces = objectsIn(p, 'prodc').filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((n) => n.metadata.name)).toEqual(['alpha', 'zeta']);
    expect(objectsIn(p, 'localproda')).toEqual([]);
  });

  test('the plan does not depend on the order services are declared in', () => {
    const one = plan({ 'app-a': appA(), 'app-z': appA(Networking.EXTERNAL_NAME) });
    const other = plan({ 'app-z': appA(Networking.EXTERNAL_NAME), 'app-a': appA() });
    expect(JSON.stringify(other)).toBe(JSON.stringify(one));
  });

  test('MCS v1beta1 clusters get a v1beta1 ServiceExport', () => {
    const clusters = twoClusters();
    clusters[0] = { ...clusters[0], mcs: { apiVersion: McsApiVersion.V1BETA1 } };
    const p = plan({ 'app-a': appA() }, clusters);
    expect(find(objectsIn(p, 'prodc'), 'ServiceExport').apiVersion).toBe('multicluster.x-k8s.io/v1beta1');
  });
});

describe('planning for a deploying backend (live addresses)', () => {
  const live = (options = appA(Networking.ENDPOINT_SLICE)) =>
    planFleet({ path: 'fleet', clusters: twoClusters(), services: [{ path: 'fleet/app-a', name: 'app-a', options }] }, { addresses: AddressResolution.LIVE });

  test('an unpinned EndpointSlice address is read from the active Service, and nothing is allocated', () => {
    const p = live();
    const slice = find(objectsIn(p, 'localproda'), 'EndpointSlice');
    const address = slice.endpoints[0].addresses[0];
    expect(address).toBeInstanceOf(LiveValue);
    expect(address.source).toEqual({ cluster: 'prodc', apiVersion: 'v1', kind: 'Service', namespace: 'ns', name: 'app-a' });
    expect(address.field).toEqual(['spec', 'clusterIP']);
    expect(find(objectsIn(p, 'prodc'), 'Service').spec.clusterIP).toBeUndefined();
    expect(p.services[0].addresses).toEqual({});
  });

  test('placeholder objects depend on the active Service and ServiceExport, every object on its Namespace', () => {
    const p = live();
    const namespace = { cluster: 'localproda', apiVersion: 'v1', kind: 'Namespace', name: 'ns' };
    const service = { cluster: 'prodc', apiVersion: 'v1', kind: 'Service', namespace: 'ns', name: 'app-a' };
    const exported = { ...service, apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport' };
    for (const o of p.clusters[1].objects.filter((x) => x.manifest.kind !== 'Namespace')) {
      expect(o.dependsOn).toEqual([namespace, service, exported]);
    }
    for (const o of p.clusters[0].objects.filter((x) => x.manifest.kind !== 'Namespace')) {
      expect(o.dependsOn).toEqual([{ ...namespace, cluster: 'prodc' }]);
    }
  });

  test('the static plan of the same program differs only in the address', () => {
    const staticPlan = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) });
    const ids = (fp: typeof staticPlan) => fp.clusters.map((c) => c.objects.map((o) => `${o.manifest.kind}/${o.manifest.metadata.name}`));
    expect(ids(live())).toEqual(ids(staticPlan));
    expect(typeof find(objectsIn(staticPlan, 'localproda'), 'EndpointSlice').endpoints[0].addresses[0]).toBe('string');
  });
});
