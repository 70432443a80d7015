// Each hole of the route invariant, closed or refused with its own message.
import { ActivePlacement, type ClusterProps, JsonPatchOp, MeshMtls, type MultiClusterServiceOptions, Networking, PlaceholderPlacement, WorkloadKind } from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';
import { modelClusters } from '../support/random-fleet';
import { RouteModel } from '../../lib/cli/route-model';

function routeFailures(services: Record<string, MultiClusterServiceOptions>, clusters: ClusterProps[]): string[] {
  const p = plan(services, clusters);
  const objects = Object.fromEntries(p.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));
  return new RouteModel(modelClusters(clusters), objects).failures().flatMap((o) => o.failures);
}

const strictProdc = (): ClusterProps[] => twoClusters().map((c) => (c.name === 'prodc' ? { ...c, mesh: { network: 'net-a', mtls: MeshMtls.STRICT } } : c));

describe('holes in the route invariant', () => {
  test('a headless Service whose targetPort differs from its port is refused: it translates no port', () => {
    const options = appA(Networking.EXTERNAL_NAME, { workload: WorkloadKind.STATEFUL_SET, ports: [{ name: 'http', port: 7070, targetPort: 8080 }] });
    expect(problemsOf(() => plan({ 'app-a': options }))).toEqual([
      expect.stringMatching(/^fleet\/app-a: port "http" has targetPort 8080 but port 7070; a StatefulSet's headless Service does no port translation/),
    ]);
  });

  test('ENDPOINT_SLICE to a STRICT mTLS cluster is wired with ISTIO_MUTUAL from a meshed placeholder, and routes', () => {
    const p = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, strictProdc());
    const rule = find(objectsIn(p, 'localproda'), 'DestinationRule', 'app-a.mtls');
    expect(rule.spec).toEqual({ host: 'app-a.ns.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    expect(routeFailures({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, strictProdc())).toEqual([]);
  });

  test('EXTERNAL_NAME to a STRICT mTLS cluster is refused: Istio applies no DestinationRule to a DNS alias', () => {
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.EXTERNAL_NAME) }, strictProdc()))).toEqual([
      expect.stringMatching(/^fleet\/app-a: networking EXTERNAL_NAME in cluster "localproda" would send plain text to app-a.ns in "prodc", .* Istio treats an ExternalName Service as a DNS alias/),
    ]);
  });

  test('ENDPOINT_SLICE to a STRICT mTLS cluster from a placeholder without a mesh is refused', () => {
    const clusters = strictProdc().map((c) => (c.name === 'localproda' ? { ...c, mesh: undefined } : c));
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, clusters))).toEqual([
      expect.stringMatching(/^fleet\/app-a: networking ENDPOINT_SLICE in cluster "localproda" would send plain text to app-a.ns in "prodc", whose mesh enforces STRICT mTLS/),
    ]);
  });

  test('without the DestinationRule, the route model sees STRICT mTLS refuse the plain text', () => {
    const p = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, strictProdc());
    const objects = Object.fromEntries(
      p.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>).filter((o) => o.kind !== 'DestinationRule')]),
    );
    expect(new RouteModel(modelClusters(strictProdc()), objects).failures().flatMap((o) => o.failures)).toEqual([
      'app-a.ns.svc:7070 from "localproda": STRICT mTLS in "prodc" refuses the plain text arriving from "localproda"',
      'app-a.ns.svc:8080 from "localproda": STRICT mTLS in "prodc" refuses the plain text arriving from "localproda"',
    ]);
  });

  test('an active cluster at 0 replicas is refused: its clients would reach no pod', () => {
    const options = appA(Networking.ISTIO, { placements: [new ActivePlacement({ clusters: ['prodc', 'localproda'] })], clusterOverrides: { localproda: { replicas: 0 } } });
    expect(problemsOf(() => plan({ 'app-a': options }))).toEqual([
      expect.stringMatching(/^fleet\/app-a: cluster "localproda" is active but runs 0 replicas, so clients there .* move it to a PlaceholderPlacement/),
    ]);
  });

  test('an EndpointSlice placeholder whose active cluster has no serviceCidr gets a validation message, not an internal error', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? ({ ...c, serviceCidr: undefined } as unknown as ClusterProps) : c));
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, clusters))).toEqual([
      "fleet/clusters[0]: serviceCidr is required; give the cluster's Service ClusterIP range, such as 10.96.0.0/16",
    ]);
  });

  test('an unparsable serviceCidr is reported once, not again as a missing range for the address', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, serviceCidr: '10.96.0.0/33' } : c));
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, clusters))).toEqual([
      expect.stringMatching(/^fleet\/clusters\[0\]: cluster "prodc" serviceCidr "10.96.0.0\/33" is not an IPv4 CIDR/),
    ]);
  });

  test('a clusterIP pinned in a cluster without serviceCidr is refused, not dropped', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? ({ ...c, serviceCidr: undefined } as unknown as ClusterProps) : c));
    const options = appA(Networking.ISTIO, {
      placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: '10.96.0.50' }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })],
    });
    expect(problemsOf(() => plan({ 'app-a': options }, clusters))).toEqual([
      "fleet/clusters[0]: serviceCidr is required; give the cluster's Service ClusterIP range, such as 10.96.0.0/16",
    ]);
  });

  test('two services pinning one globalnetIP in a cluster are refused, as with ClusterIPs', () => {
    const clusters = twoClusters().map((c, i) => ({ ...c, globalnetCidr: `242.${i}.0.0/16` }));
    const pinned = (name: string) =>
      appA(Networking.ISTIO, {
        name,
        placements: [new ActivePlacement({ clusters: ['prodc'], globalnetIP: '242.0.0.7' }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE })],
      });
    expect(problemsOf(() => plan({ 'app-a': pinned('app-a'), 'app-c': pinned('app-c') }, clusters))).toEqual([
      'fleet/app-c: globalnetIP "242.0.0.7" is already pinned by fleet/app-a in cluster "prodc"; Submariner gives each exported Service its own Globalnet IP, so pin the one it allocated to this Service',
    ]);
  });

  test('a patch that moves the container port away from the Service targetPort is refused: nothing would listen', () => {
    const options = appA(Networking.ISTIO, {
      clusterOverrides: { prodc: { patches: [{ op: JsonPatchOp.REPLACE, path: '/spec/template/spec/containers/0/ports/0/containerPort', value: 9999 }] } },
    });
    expect(problemsOf(() => plan({ 'app-a': options }))).toEqual([
      'fleet/app-a: cluster "prodc": after overrides no container of the Deployment declares port 7070/TCP, which Service port "http" sends to; fix the patch that changes the container ports, or the service\'s targetPort',
    ]);
  });

  test('an EndpointSlice address that a third cluster claims too is refused: Submariner cannot tell where it goes', () => {
    const clusters: ClusterProps[] = [...twoClusters(), { name: 'edge', serviceCidr: '10.96.0.0/20', podCidr: '10.200.0.0/16' }];
    expect(problemsOf(() => plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, clusters))).toEqual([
      expect.stringMatching(/^fleet\/app-a: the EndpointSlice in cluster "localproda" points at a ClusterIP of "prodc" \(serviceCidr 10.96.0.0\/16\), but "edge" claims 10.96.0.0\/20 too/),
    ]);
  });
});
