import { ActivePlacement, Networking, PlaceholderPlacement } from '../../lib';
import { appA, find, objectsIn, plan, twoClusters } from '../support/fleet';

describe('ENDPOINT_SLICE networking', () => {
  test('a placeholder gets a selector-less Service and a slice labelled for it and for its source cluster', () => {
    const p = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) });
    const localproda = objectsIn(p, 'localproda');
    expect(find(localproda, 'Service').spec.selector).toBeUndefined();
    const slice = find(localproda, 'EndpointSlice');
    expect(slice.metadata.labels).toMatchObject({
      'kubernetes.io/service-name': 'app-a',
      'multicluster.kubernetes.io/service-name': 'app-a',
      'multicluster.kubernetes.io/source-cluster': 'prodc',
      'endpointslice.kubernetes.io/managed-by': Networking.ENDPOINT_SLICE_MANAGER,
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([
      { name: 'http', port: 7070, protocol: 'TCP' },
      { name: 'http-alt', port: 8080, protocol: 'TCP' },
    ]);
  });

  test('the slice points at the ClusterIP the active Service is given, allocated in the static band', () => {
    const p = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) });
    const clusterIP = find(objectsIn(p, 'prodc'), 'Service').spec.clusterIP;
    const [a, b, c, d] = clusterIP.split('.').map(Number);
    // 10.96.0.0/16: the static band is the first 256 addresses, .1 (kubernetes) and .10 (kube-dns) excluded.
    expect([a, b, c]).toEqual([10, 96, 0]);
    expect(d).toBeGreaterThanOrEqual(2);
    expect(d).not.toBe(10);
    expect(find(objectsIn(p, 'localproda'), 'EndpointSlice').endpoints).toEqual([{ addresses: [clusterIP], conditions: { ready: true } }]);
    expect(p.services[0].addresses).toEqual({ prodc: { clusterIP } });
  });

  test('a ClusterIP pinned on the active placement is used as is', () => {
    const options = appA(Networking.ENDPOINT_SLICE);
    const p = plan({
      'app-a': {
        ...options,
        placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: '10.96.3.7' }), options.placements[1]],
      },
    });
    expect(find(objectsIn(p, 'prodc'), 'Service').spec.clusterIP).toBe('10.96.3.7');
    expect(find(objectsIn(p, 'localproda'), 'EndpointSlice').endpoints[0].addresses).toEqual(['10.96.3.7']);
  });

  test('across Globalnet the slice points at the Globalnet IP', () => {
    const clusters = twoClusters().map((c, i) => ({ ...c, serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', globalnetCidr: `242.${i}.0.0/16` }));
    const options = appA(Networking.ENDPOINT_SLICE);
    const p = plan(
      {
        'app-a': {
          ...options,
          placements: [new ActivePlacement({ clusters: ['prodc'], globalnetIP: '242.0.0.9' }), options.placements[1]],
        },
      },
      clusters,
    );
    expect(find(objectsIn(p, 'localproda'), 'EndpointSlice').endpoints[0].addresses).toEqual(['242.0.0.9']);
    // The slice needs no ClusterIP here; the Service still keeps its reserved one, so role changes apply in place.
    expect(find(objectsIn(p, 'prodc'), 'Service').spec.clusterIP).toBe('10.96.0.169');
  });

  test('every Service keeps one reserved ClusterIP per cluster, whatever its role, so a role change applies in place', () => {
    const istio = plan({ 'app-a': appA(Networking.ISTIO) });
    const slices = plan({ 'app-a': appA(Networking.ENDPOINT_SLICE) });
    const swapped = plan({
      'app-a': {
        ...appA(Networking.ISTIO),
        placements: [new ActivePlacement({ clusters: ['localproda'] }), new PlaceholderPlacement({ clusters: ['prodc'], networking: Networking.ENDPOINT_SLICE })],
      },
    });
    for (const cluster of ['prodc', 'localproda']) {
      const ips = [istio, slices, swapped].map((p) => find(objectsIn(p, cluster), 'Service').spec.clusterIP);
      expect(new Set(ips).size).toBe(1);
      expect(ips[0]).toMatch(/^10\.(96|112)\.0\.\d+$/);
    }
  });

  test('when the static band is full, Services no EndpointSlice points at fall back to a dynamic ClusterIP', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, serviceCidr: '10.96.0.0/24' } : c));
    // A /24 has a 16-address band, 14 of them free.
    const services = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`svc-${i}`, { ...appA(Networking.ISTIO), name: `svc-${i}` }]));
    const p = plan(services, clusters);
    const ips = objectsIn(p, 'prodc').filter((o) => o.kind === 'Service').map((o) => (o as any).spec.clusterIP);
    expect(ips.filter((ip) => ip !== undefined)).toHaveLength(14);
    expect(ips.filter((ip) => ip === undefined)).toHaveLength(2);
    // One that an EndpointSlice points at is served first, even sorting last.
    const crowded = plan({ ...services, 'zz-sliced': { ...appA(Networking.ENDPOINT_SLICE), name: 'zz-sliced' } }, clusters);
    const sliced = find(objectsIn(crowded, 'prodc'), 'Service', 'zz-sliced').spec.clusterIP;
    expect(sliced).toMatch(/^10\.96\.0\.\d+$/);
    expect(find(objectsIn(crowded, 'localproda'), 'EndpointSlice', 'zz-sliced-prodc').endpoints[0].addresses).toEqual([sliced]);
  });

  test('one slice per active cluster when several clusters run the service', () => {
    const clusters = [
      ...twoClusters(),
      { name: 'hangzhou-2', labels: { region: 'hangzhou' }, serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16' },
    ];
    const p = plan(
      {
        'app-a': {
          ...appA(),
          placements: [
            new ActivePlacement({ clusterLabelSelector: { matchLabels: { region: 'hangzhou' } } }),
            new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE }),
          ],
        },
      },
      clusters,
    );
    const slices = objectsIn(p, 'localproda').filter((o) => o.kind === 'EndpointSlice');
    expect(slices.map((s) => s.metadata.labels?.['multicluster.kubernetes.io/source-cluster'])).toEqual(['prodc', 'hangzhou-2']);
    expect(slices.map((s) => s.metadata.name)).toEqual(['app-a-prodc', 'app-a-hangzhou-2']);
  });
});
