// Issue 11's acceptance program, as written there: cluster a down, c cordoned and migrating to b, which has
// room for 40 pods and 16 CPUs, with a core service and one that may halve. Synthesized at every phase.
import * as path from 'node:path';
import YAML from 'yaml';
import {
  ActivePlacement,
  ClusterSet,
  ClusterSetApp,
  ClusterStatus,
  type FleetPlan,
  type Manifest,
  Migration,
  MigrationPhase,
  MultiClusterService,
  Networking,
  PlaceholderPlacement,
  Replacements,
  ReplicaScheduling,
} from '../../lib';
import { expectEveryRouteServed } from '../support/random-fleet';
import { excusedRoutes } from '../support/random-operations';
import { expectValidAgainstSchemas } from '../support/schema';
import { readTree, removeDir, tempDir } from '../support/files';

const CIDRS = { a: ['10.96.0.0/16', '10.244.0.0/16'], b: ['10.112.0.0/16', '10.128.0.0/16'], c: ['10.160.0.0/16', '10.176.0.0/16'] } as const;
const cidrs = (name: keyof typeof CIDRS) => ({ serviceCidr: CIDRS[name][0], podCidr: CIDRS[name][1] });

/** What the program leaves to `/* ... *\/`: the image, ports, replicas, requests and placements of each service. */
const body = (name: string, replicas: number, cpu: string) => ({
  namespace: 'shop',
  image: `registry.example.com/shop/${name}:1.0.0`,
  ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  replicas,
  resources: { requests: { cpu, memory: '1Gi' } },
  placements: [new ActivePlacement({ clusters: ['a', 'c'] }), new PlaceholderPlacement({ clusters: ['b'], networking: Networking.ENDPOINT_SLICE })],
});

/** reports divides 16 replicas over its active clusters (8 in a, 8 in c with every cluster ready). */
const DIVIDED_16 = { scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 16 } };

/** The acceptance program at `phase`, writing into `outdir`. */
function program(phase: MigrationPhase, outdir?: string): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp(outdir ? { outdir } : {});
  // --- as written in the issue ---
  const fleet = new ClusterSet(app, 'fleet', { clusters: [
    { name: 'a', ...cidrs('a'), status: ClusterStatus.UNAVAILABLE },
    { name: 'b', ...cidrs('b'), allocatable: { pods: 40, cpu: '16', memory: '64Gi' }, ingressNodes: 3 },
    { name: 'c', ...cidrs('c'), status: ClusterStatus.CORDONED } ] });
  new MultiClusterService(fleet, 'orders', { ...body('orders', 8, '1'), degrade: { priority: 100, floorPercent: 100 } });
  new MultiClusterService(fleet, 'reports', { ...body('reports', 8, '1'), ...DIVIDED_16, degrade: { priority: 10, floorPercent: 50 } });
  new Migration(fleet, 'c-to-b', { from: 'c', to: 'b', phase });
  // ---
  return { app, fleet };
}

const objectsOf = (plan: FleetPlan): Record<string, Manifest[]> => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest)]));
const PHASES = Object.values(MigrationPhase);

describe('issue 11: operations as code, the acceptance program', () => {
  test.each(PHASES)('synthesizes as written at %s: schema-valid files, a only placeholders, every route of b and c served', (phase) => {
    const dir = tempDir('issue-11');
    try {
      const { app, fleet } = program(phase, path.join(dir, 'dist'));
      app.synth();
      const files = readTree(path.join(dir, 'dist'));
      const docs = (cluster: string) =>
        Object.entries(files)
          .filter(([f]) => f.startsWith(`${cluster}${path.sep}`))
          .flatMap(([, yaml]) => YAML.parseAllDocuments(yaml).map((d) => d.toJSON() as Record<string, any>));
      expectValidAgainstSchemas(['a', 'b', 'c'].flatMap(docs));
      // The returning cluster cannot run a second live copy: nothing runs or exports in a, nothing of it is deleted.
      expect(docs('a').filter((o) => o.kind === 'Deployment').map((o) => [o.metadata.name, o.spec.replicas])).toEqual([['orders', 0], ['reports', 0]]);
      expect(docs('a').filter((o) => o.kind === 'ServiceExport')).toEqual([]);
      expect(docs('a').filter((o) => o.kind === 'Service').map((o) => o.metadata.labels['clusterset.dev/role'])).toEqual(['placeholder', 'placeholder']);
      const plan = fleet.plan();
      const asFleet = { clusters: fleet.clusters, specs: [], globalnetIPs: {} };
      const specs = ['orders', 'reports'].map((name) => ({ path: `fleet/${name}`, name, options: { ports: [{ name: 'http', port: 80 }] } }));
      expect(expectEveryRouteServed({ ...asFleet, specs: specs as never }, plan, objectsOf(plan), excusedRoutes(asFleet, plan))).toBeGreaterThan(0);
    } finally {
      removeDir(dir);
    }
  });

  test('b holds what it declares: orders moves whole, reports is degraded to its floor, and the summary says so', () => {
    const plan = program(MigrationPhase.SWITCH).fleet.plan();
    // a is down: c keeps its share (cordoned), a's 8 of reports go to b with c's 8; b would hold 24 CPU of 16.
    expect(Object.fromEntries(plan.services.map((s) => [s.name, s.replicas]))).toEqual({ orders: { b: 8, c: 8 }, reports: { b: 8, c: 8 } });
    const reports = plan.operations?.services.find((s) => s.name === 'reports');
    expect([reports?.planned, reports?.beforeDegrade, reports?.degraded]).toEqual([{ a: 8, c: 8 }, { b: 16, c: 8 }, { b: 8 }]);
    expect(reports?.moves.map((m) => `${m.from}->${m.to} ${m.replicas} ${m.reason}`)).toEqual(['c->b 8 migration', 'a->b 8 failover']);
    expect(plan.usage?.find((u) => u.cluster === 'b')).toMatchObject({ pods: 16, cpu: '16', allocatable: { pods: 40, cpu: '16', memory: '64Gi' } });
    expect(plan.operations?.clusters).toEqual([
      { cluster: 'a', status: ClusterStatus.UNAVAILABLE },
      { cluster: 'b', status: ClusterStatus.READY },
      { cluster: 'c', status: ClusterStatus.CORDONED },
    ]);
  });

  test('a b without room fails the first phase with the shortfall, once every floor is reached', () => {
    const { fleet } = program(MigrationPhase.BOTH_ACTIVE);
    new MultiClusterService(fleet, 'catalog', { ...body('catalog', 4, '1'), degrade: { priority: 50, floorPercent: 100 } });
    expect(() => fleet.plan()).toThrow(/cluster "b" would hold 20 CPU of the fleet's services, more than its allocatable.cpu 16 CPU \(4 CPU over\)/);
  });

  test('north-south weights point at b only from the switch, and every phase applies in place over the one before', () => {
    const plans = PHASES.map((phase) => program(phase).fleet.plan());
    expect(plans.map((p) => p.northSouth?.map((t) => `${t.name}:${t.entries.map((e) => `${e.cluster}=${e.nodes.map((n) => n.weight).join('/')}`).join(',')}`))).toEqual([
      ['orders:b=26/26/26', 'reports:b=26/26/26'],
      ['orders:b=26/26/26', 'reports:b=26/26/26'],
      ['orders:b=26/26/26', 'reports:b=26/26/26'],
    ]);
    for (let i = 1; i < plans.length; i++) expect(Replacements.between(objectsOf(plans[i - 1]), objectsOf(plans[i]))).toEqual([]);
  });
});
