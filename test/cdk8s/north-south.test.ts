// ClusterSetApp writes each north-south table beside the cluster folders: north-south/<ns>.<service>.json
// and an nginx upstream north-south/<ns>.<service>.conf (docs/north-south.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, YamlOutputType } from 'cdk8s';
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  ClusterSetApp,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
} from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { problemsOf } from '../support/fleet';

const CLUSTERS: ClusterProps[] = [
  { name: 'prodc', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', ingressNodes: 3, ingressAddresses: ['192.0.2.11', '192.0.2.12', '192.0.2.13:8080'] },
  { name: 'hangzhou-1', serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16', ingressNodes: 2 },
  { name: 'localproda', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16' },
];

/** checkout: 7 replicas divided 4:2:1 over the three clusters (localproda has no ingress nodes). */
const checkout: MultiClusterServiceOptions = {
  namespace: 'shop',
  image: 'team/checkout:3.2.0',
  ports: [
    { name: 'http', port: 8080 },
    { name: 'grpc', port: 9090 },
  ],
  scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 7, preferences: { prodc: { weight: 4 }, 'hangzhou-1': { weight: 2 }, localproda: { weight: 1 } } },
  placements: [new ActivePlacement({ clusters: ['prodc', 'hangzhou-1', 'localproda'] })],
};

/** ledger: TCP only, so the outer proxy does not weigh it. */
const ledger: MultiClusterServiceOptions = {
  namespace: 'finance',
  image: 'team/ledger:5.0.0',
  ports: [{ name: 'tcp-ledger', port: 7000 }],
  placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.EXTERNAL_NAME })],
};

function fleetApp(app: App, services: Record<string, MultiClusterServiceOptions> = { checkout, ledger }, clusters: ClusterProps[] = CLUSTERS): ClusterSet {
  const fleet = new ClusterSet(app, 'fleet', { clusters });
  for (const [name, options] of Object.entries(services)) new MultiClusterService(fleet, name, options);
  return fleet;
}

/** checkout, active in prodc only. */
const web: MultiClusterServiceOptions = { ...checkout, scheduling: undefined, placements: [new ActivePlacement({ clusters: ['prodc'] })] };

const CHECKOUT_CONF = `# shop/checkout (fleet/checkout): written by clusterset, do not edit.
# Weight of each ingress node: max(1, floor(pods x 10 / ingress nodes)) of its cluster.
# prodc: 4 pod(s), 3 ingress node(s)
# hangzhou-1: 2 pod(s), 2 ingress node(s)
# Not reached from here (no ingressNodes declared): localproda
upstream clusterset_shop_checkout {
    server 192.0.2.11 weight=13;
    server 192.0.2.12 weight=13;
    server 192.0.2.13:8080 weight=13;
    server hangzhou-1-ingress-1 weight=10;
    server hangzhou-1-ingress-2 weight=10;
}
`;

describe('north-south files', () => {
  let dirs: string[] = [];
  const dir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    dirs.forEach(removeDir);
    dirs = [];
  });

  test('are written at the root of the output, beside the cluster folders, one table and one upstream per HTTP service', () => {
    const outdir = dir('ns-files');
    const app = new ClusterSetApp({ outdir });
    const fleet = fleetApp(app);
    app.synth();
    const files = readTree(outdir);
    expect(Object.keys(files).filter((f) => !f.startsWith('prodc/') && !f.startsWith('hangzhou-1/') && !f.startsWith('localproda/'))).toEqual([
      'clusterset.plan.json',
      'north-south/shop.checkout.conf',
      'north-south/shop.checkout.json',
    ]);
    expect(JSON.parse(files['north-south/shop.checkout.json'])).toEqual(fleet.plan().northSouth?.[0]);
    expect(JSON.parse(files['north-south/shop.checkout.json'])).toEqual({
      path: 'fleet/checkout',
      namespace: 'shop',
      name: 'checkout',
      upstream: 'clusterset_shop_checkout',
      ports: ['http'],
      entries: [
        {
          cluster: 'prodc',
          pods: 4,
          nodes: [
            { address: '192.0.2.11', weight: 13 },
            { address: '192.0.2.12', weight: 13 },
            { address: '192.0.2.13:8080', weight: 13 },
          ],
        },
        {
          cluster: 'hangzhou-1',
          pods: 2,
          nodes: [
            { address: 'hangzhou-1-ingress-1', weight: 10 },
            { address: 'hangzhou-1-ingress-2', weight: 10 },
          ],
        },
      ],
      unfronted: ['localproda'],
    });
  });

  test('the nginx upstream lists every ingress node with its weight (golden)', () => {
    const outdir = dir('ns-golden');
    const app = new ClusterSetApp({ outdir });
    fleetApp(app);
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'north-south', 'shop.checkout.conf'), 'utf8')).toBe(CHECKOUT_CONF);
    expect(app.renderNorthSouth().find((f) => f.name === 'shop.checkout.conf')?.content).toBe(CHECKOUT_CONF);
  });

  test('are byte-identical on re-synth, into the same folder or another', () => {
    const first = dir('ns-first');
    const second = dir('ns-second');
    const synth = (outdir: string) => {
      const app = new ClusterSetApp({ outdir });
      fleetApp(app, { ledger, checkout });
      app.synth();
      return readTree(outdir);
    };
    const once = synth(first);
    expect(synth(first)).toEqual(once);
    expect(synth(second)).toEqual(once);
  });

  test('of services gone from the program are removed, and nothing is written when the synth fails', () => {
    const outdir = dir('ns-stale');
    const before = new ClusterSetApp({ outdir });
    fleetApp(before);
    before.synth();
    expect(fs.existsSync(path.join(outdir, 'north-south', 'shop.checkout.json'))).toBe(true);

    // A failing synth leaves the previous output as it was.
    const failing = new ClusterSetApp({ outdir });
    fleetApp(failing, { checkout: { ...checkout, replicas: -1 } });
    const snapshot = readTree(outdir);
    expect(problemsOf(() => failing.synth())).toEqual(['fleet/checkout: replicas -1 must be a whole number, 0 or more']);
    expect(readTree(outdir)).toEqual(snapshot);

    const empty = dir('ns-empty');
    const refused = new ClusterSetApp({ outdir: empty });
    fleetApp(refused, { checkout }, CLUSTERS.map((c) => (c.name === 'prodc' ? { ...c, ingressNodes: 2 } : c)));
    expect(problemsOf(() => refused.synth())).toEqual([
      'fleet/clusters[0]: cluster "prodc" lists 3 ingressAddresses for ingressNodes 2; give one address per ingress node (2), or set ingressNodes to 3',
    ]);
    expect(readTree(empty)).toEqual({});

    const after = new ClusterSetApp({ outdir });
    fleetApp(after, { ledger });
    after.synth();
    expect(fs.existsSync(path.join(outdir, 'north-south'))).toBe(false);
  });

  test('are written by ClusterSetApp in the file-per-chart layout too, and not by a plain cdk8s App', () => {
    const perChart = dir('ns-per-chart');
    const app = new ClusterSetApp({ outdir: perChart, yamlOutputType: YamlOutputType.FILE_PER_CHART });
    fleetApp(app);
    app.synth();
    expect(Object.keys(readTree(perChart)).sort()).toEqual(['clusterset.plan.json', 'hangzhou-1.k8s.yaml', 'localproda.k8s.yaml', 'north-south/shop.checkout.conf', 'north-south/shop.checkout.json', 'prodc.k8s.yaml']);

    const plain = dir('ns-plain');
    const plainApp = new App({ outdir: plain });
    const fleet = fleetApp(plainApp);
    plainApp.synth();
    expect(Object.keys(readTree(plain)).some((f) => f.startsWith('north-south'))).toBe(false);
    // The tables are in the plan all the same.
    expect(fleet.plan().northSouth?.map((t) => t.upstream)).toEqual(['clusterset_shop_checkout']);
  });

  test('refuse a cluster folder of the same name, and two fleets writing the same file', () => {
    const clash = dir('ns-clash');
    const app = new ClusterSetApp({ outdir: clash });
    fleetApp(app, { web }, [CLUSTERS[0], { name: 'north-south', serviceCidr: '10.48.0.0/16', podCidr: '10.64.0.0/16' }]);
    expect(problemsOf(() => app.synth())).toEqual([
      'chart "north-south" would be written to north-south/, where ClusterSetApp writes the north-south tables; rename the cluster (or chart)',
    ]);
    expect(readTree(clash)).toEqual({});

    const twice = dir('ns-twice');
    const two = new ClusterSetApp({ outdir: twice });
    fleetApp(two, { checkout: web }, [CLUSTERS[0]]);
    const other = new ClusterSet(two, 'other', { clusters: [{ name: 'east', serviceCidr: '10.48.0.0/16', podCidr: '10.64.0.0/16', ingressNodes: 1 }] });
    new MultiClusterService(other, 'checkout', { ...checkout, scheduling: undefined, placements: [new ActivePlacement({ clusters: ['east'] })] });
    expect(problemsOf(() => two.synth())).toEqual([
      'other: north-south file north-south/shop.checkout.json is written by fleet too; give the service another name or namespace in one of the fleets',
      'other: north-south file north-south/shop.checkout.conf is written by fleet too; give the service another name or namespace in one of the fleets',
    ]);
    expect(readTree(twice)).toEqual({});
  });
});
