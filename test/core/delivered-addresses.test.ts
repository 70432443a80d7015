import { App } from 'cdk8s';
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  Delivery,
  type IDeliveryEngine,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
} from '../../lib';
import { appA, problemsOf, twoClusters } from '../support/fleet';
import { planFleet } from '../../lib/core/plan';

function problems(options: MultiClusterServiceOptions, delivery: IDeliveryEngine, clusters: ClusterProps[] = twoClusters()): readonly string[] {
  return problemsOf(() => planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/app-a', name: 'app-a', options }] }, { delivery }));
}

const sliceToProdc = (extra: Partial<MultiClusterServiceOptions> = {}) => appA(Networking.ENDPOINT_SLICE, extra);
const refusedSlice =
  'fleet/app-a: networking ENDPOINT_SLICE in cluster "localproda" points at the ClusterIP of the Service in "prodc", but Delivery.karmada() removes ' +
  'spec.clusterIP from every Service on its way to the cluster, so that cluster allocates another address and the endpoints would route nowhere; ' +
  'use Networking.ISTIO or Networking.EXTERNAL_NAME there, or another delivery';

describe('ClusterIPs through the delivery engine', () => {
  test('an EndpointSlice at a ClusterIP is refused under Delivery.karmada(), suggesting ISTIO or EXTERNAL_NAME', () => {
    expect(problems(sliceToProdc(), Delivery.karmada())).toEqual([refusedSlice]);
  });

  const repoURL = 'https://git.example.com/fleet.git';
  test.each([Delivery.direct(), Delivery.argoCd({ repoURL }), Delivery.kubeVela(), Delivery.flux({ repoURL })].map((d) => [d.name, d] as const))(
    'and accepted under %s, which carries the Service as planned',
    (_, delivery) => {
      expect(problems(sliceToProdc(), delivery)).toEqual([]);
    },
  );

  test.each([Networking.ISTIO, Networking.EXTERNAL_NAME])('%s placeholders are accepted under Delivery.karmada()', (networking) => {
    expect(problems(appA(networking), Delivery.karmada())).toEqual([]);
  });

  test('an EndpointSlice at a Globalnet IP survives Karmada: Submariner, not the Service, holds that address', () => {
    const globalnet = twoClusters().map((c, i) => ({ ...c, globalnetCidr: `242.${i}.0.0/16` }));
    const options = sliceToProdc({
      placements: [
        new ActivePlacement({ clusters: ['prodc'], globalnetIP: '242.0.0.7' }),
        new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ENDPOINT_SLICE }),
      ],
    });
    expect(problems(options, Delivery.karmada(), globalnet)).toEqual([]);
  });

  test('a pinned clusterIP is refused under Delivery.karmada(), whatever the placeholders', () => {
    const pinned = appA(Networking.ISTIO, {
      placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: '10.96.0.50' }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })],
    });
    expect(problems(pinned, Delivery.karmada())).toEqual([
      'fleet/app-a: the ActivePlacement of cluster "prodc" pins clusterIP "10.96.0.50", but Delivery.karmada() removes spec.clusterIP from every Service ' +
        'on its way to the cluster, so that cluster allocates another address; remove clusterIP, or use another delivery',
    ]);
    expect(problems(pinned, Delivery.direct())).toEqual([]);
  });

  test('idle clusters of a divided service wired by EndpointSlice are refused too', () => {
    const divided = appA(Networking.ISTIO, {
      replicas: 1,
      scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 1, placeholderNetworking: Networking.ENDPOINT_SLICE, preferences: { prodc: { weight: 1 }, localproda: { weight: 0 } } },
      placements: [new ActivePlacement({ clusters: ['prodc', 'localproda'] })],
    });
    expect(problems(divided, Delivery.karmada())).toEqual([refusedSlice]);
  });

  test('a cdk8s ClusterSet with Delivery.karmada() refuses it at synth, writing nothing', () => {
    const app = new App();
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: Delivery.karmada() });
    new MultiClusterService(fleet, 'app-a', sliceToProdc());
    expect(() => app.charts[0].toJson()).toThrow(refusedSlice);
  });
});
