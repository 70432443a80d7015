// The network table (issue 12 §6): ranges, overlapping pairs and Globalnet, static addresses, and what the
// NetworkPolicies of a plan admit.
import { ActivePlacement, type ClusterProps, type FleetPlan, type MultiClusterServiceOptions, NetworkTable, Networking, OwnerKind, PlaceholderPlacement } from '../../../lib';
import { withFleetObjects } from '../../../lib/core/emit/fleet-objects';
import { planFleet } from '../../../lib/core/plan';

// a and b share their pod range and run Globalnet; c overlaps a's service range but shares no service with it.
const clusters: ClusterProps[] = [
  { name: 'a', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', globalnetCidr: '242.0.0.0/16' },
  { name: 'b', serviceCidr: '10.97.0.0/16', podCidr: '10.244.0.0/16', globalnetCidr: '242.1.0.0/16' },
  { name: 'c', serviceCidr: '10.96.0.0/16', podCidr: '10.245.0.0/16' },
];

const service = (active: string, placeholders: string[], pinned: { clusterIP?: string; globalnetIP?: string } = {}): MultiClusterServiceOptions => ({
  image: 'shop/app:1',
  namespace: 'shop',
  ports: [{ name: 'http', port: 80 }],
  placements: [
    new ActivePlacement({ clusters: [active], ...pinned }),
    ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.ENDPOINT_SLICE })] : []),
  ],
});

function planOf(services: Record<string, MultiClusterServiceOptions>, fleet: ClusterProps[] = clusters): FleetPlan {
  return planFleet({ path: 'fleet', clusters: fleet, services: Object.entries(services).map(([name, options]) => ({ path: `fleet/${name}`, name, options })) });
}

const base = planOf({ orders: service('a', ['b'], { clusterIP: '10.96.0.20', globalnetIP: '242.0.0.20' }), web: service('b', []), report: service('c', []) });

// The NetworkPolicy another part of the fleet would write: orders in a admits web's pods of a, b's pods through Globalnet, on port 80.
const policy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'orders', namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }, { ipBlock: { cidr: '242.1.0.0/16' } }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ],
  },
};
const denyAll = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
const withPolicies = withFleetObjects(base, [
  { cluster: 'a', manifest: policy, owner: { kind: OwnerKind.SERVICE, name: 'fleet/orders' } },
  { cluster: 'b', manifest: denyAll, owner: { kind: OwnerKind.NAMESPACE, name: 'shop' } },
]);

describe('the network table', () => {
  test('lists ranges, pairs, addresses and admissions', () => {
    expect(NetworkTable.text(withPolicies, clusters, { title: 'fleet' })).toBe(GOLDEN);
  });

  test('a pair that overlaps and shares a service without Globalnet on both sides is flagged', () => {
    // A hand-made fleet: the planner itself refuses it, the table still shows what is wrong.
    const noGlobalnet = clusters.map((c) => ({ ...c, globalnetCidr: undefined }));
    const text = NetworkTable.text(base, noGlobalnet);
    expect(text).toMatch(/^a\s+b\s+pod\/pod\s+1\s+needed, MISSING$/m);
    expect(text).toMatch(/^a\s+c\s+service\/service\s+0\s+-$/m);
  });

  test('leaves the policy columns out when the plan holds no NetworkPolicy', () => {
    expect(NetworkTable.text(base, clusters)).not.toMatch(/ADMITTED|NetworkPolicies/);
  });

  test('refuses a page narrower than 40 characters', () => {
    expect(() => NetworkTable.text(base, clusters, { width: 39 })).toThrow(/NetworkTable.text: options.width must be a whole number of at least 40 characters, got 39/);
  });
});

// b admits nothing (default deny), a admits b's pods through b's Globalnet range; c overlaps a's service range but shares nothing.
const GOLDEN = `fleet

Ranges
CLUSTER  SERVICE CIDR  POD CIDR       GLOBALNET CIDR
a        10.96.0.0/16  10.244.0.0/16  242.0.0.0/16
b        10.97.0.0/16  10.244.0.0/16  242.1.0.0/16
c        10.96.0.0/16  10.245.0.0/16  -

Cluster pairs
A  B  OVERLAP          SHARED  GLOBALNET   A->B ADMITTED BY  B->A ADMITTED BY
a  b  pod/pod               1  needed, on  -                 shop/orders
a  c  service/service       0  -           -                 -
b  c  -                     0  -           -                 -
OVERLAP: which of A's ranges overlap which of B's (A/B); SHARED: services one of them runs and the
  other runs or calls; GLOBALNET: needed where an overlapping pair shares a service, on where both
  declare a globalnetCidr; ADMITTED BY: the destination's NetworkPolicies that admit the source's
  pods (their Globalnet range where Globalnet is on)

Static addresses (pinned or allocated from the static band)
SERVICE      CLUSTER  CLUSTER IP   GLOBALNET IP
shop/orders  a        10.96.0.20   242.0.0.20
shop/report  c        10.96.0.169  -
shop/web     b        10.97.0.69   -

NetworkPolicies
  a shop/orders: pods app.kubernetes.io/name=orders admit pods app.kubernetes.io/name=web in
      namespace shop or 242.1.0.0/16 (globalnet range of b) on 80/TCP
  b shop/deny: pods <everything> admit nothing
`;

describe('what NetworkPolicies admit between clusters', () => {
  // a and b do not overlap here: remote pods come with their own pod addresses.
  const apart: ClusterProps[] = [
    { name: 'a', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' },
    { name: 'b', serviceCidr: '10.97.0.0/16', podCidr: '10.245.0.0/16' },
  ];
  const plain = planOf({ orders: service('a', ['b']) }, apart);
  const rule = (ingress: unknown[]) => ({ ...policy, spec: { ...policy.spec, ingress } });
  const cell = (ingress: unknown[]) => {
    const text = NetworkTable.text(withFleetObjects(plain, [{ cluster: 'a', manifest: rule(ingress), owner: { kind: OwnerKind.SERVICE, name: 'fleet/orders' } }]), apart);
    return /^a\s+b\s+-\s+1\s+-\s+-\s+(.+)$/m.exec(text)?.[1];
  };

  test('a pod range covered by an ipBlock is admitted, a part of it marked, an excepted one only in part', () => {
    expect(cell([{ from: [{ ipBlock: { cidr: '10.245.0.0/16' } }] }])).toBe('shop/orders');
    expect(cell([{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }])).toBe('shop/orders');
    expect(cell([{ from: [{ ipBlock: { cidr: '10.245.1.0/24' } }] }])).toBe('shop/orders (part)');
    expect(cell([{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.245.0.0/24'] } }] }])).toBe('shop/orders (part)');
  });

  test('remote pods never match a selector; a rule without sources admits everyone', () => {
    expect(cell([{ from: [{ namespaceSelector: {} }] }])).toBe('-');
    expect(cell([{ ports: [{ port: 80 }] }])).toBe('shop/orders');
  });
});
