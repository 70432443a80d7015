// An engine written outside lib/ with nothing but the package's exports, as a user would: the contract
// is enough to deliver a fleet through ClusterSetApp.
import { parse } from 'yaml';
import {
  ClusterSet,
  ClusterSetApp,
  type ClusterDelivery,
  type DeliveryInput,
  type DeliveryOutput,
  type IDeliveryEngine,
  type IFolderFile,
  type Manifest,
  MultiClusterService,
  Networking,
} from '../../lib';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { appA, problemsOf, twoClusters } from '../support/fleet';

type Obj = Record<string, any>;

const FLEET_LABEL = 'example.com/fleet';

/** A file listing the folder's objects for a `kubectl apply --prune` pipeline. */
class ApplyList implements IFolderFile {
  public readonly name = 'apply-list.yaml';

  constructor(private readonly cluster: string) {}

  public content(files: string[]): Record<string, unknown> {
    return { cluster: this.cluster, pruneLabel: FLEET_LABEL, files };
  }
}

/** Labels every object with the fleet, adds an apply list per folder and an inventory ConfigMap on the hub. */
class PruningPipeline implements IDeliveryEngine {
  public readonly name = 'PruningPipeline';
  public readonly clusterFolders = true;
  public readonly hubObjects = true;

  constructor(public readonly keepsClusterIPs = true) {}

  public deliver(input: DeliveryInput): DeliveryOutput {
    const clusters: ClusterDelivery[] = input.plan.clusters.map((c) => ({
      cluster: c.cluster,
      objects: c.objects.map((o): Manifest => ({ ...o.manifest, metadata: { ...o.manifest.metadata, labels: { ...o.manifest.metadata.labels, [FLEET_LABEL]: input.fleetName } } })),
      files: [new ApplyList(c.cluster)],
    }));
    const inventory: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${input.fleetName}-inventory`, namespace: 'default' },
      data: Object.fromEntries(input.plan.clusters.map((c) => [c.cluster, String(c.objects.length)])),
    };
    return { clusters, hub: [inventory] };
  }
}

/** Writes nothing per cluster: the hub deploys. */
class HubOnly implements IDeliveryEngine {
  public readonly name = 'HubOnly';
  public readonly clusterFolders = false;
  public readonly hubObjects = true;
  public readonly keepsClusterIPs = true;

  public deliver(input: DeliveryInput): DeliveryOutput {
    return { hub: input.plan.clusters.map((c) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.cluster, namespace: 'default' }, data: { objects: String(c.objects.length) } })) };
  }
}

function render(delivery: IDeliveryEngine): Record<string, Record<string, string>> {
  const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
  const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery });
  for (const [id, options] of Object.entries(hybridServices)) new MultiClusterService(fleet, id, options);
  return Object.fromEntries(app.render().map((f) => [f.folder, Object.fromEntries(f.files.map((file) => [file.file, file.yaml]))]));
}

describe('a delivery engine defined outside the library', () => {
  test('synthesizes a fleet through ClusterSetApp: its objects, its folder files and its hub objects', () => {
    const folders = render(new PruningPipeline());
    expect(Object.keys(folders)).toEqual(['prodc', 'localproda', 'hub']);
    for (const cluster of ['prodc', 'localproda']) {
      const objectFiles = Object.keys(folders[cluster]).filter((f) => f !== 'apply-list.yaml');
      expect(objectFiles.length).toBeGreaterThan(0);
      for (const f of objectFiles) expect((parse(folders[cluster][f]) as Obj).metadata.labels[FLEET_LABEL]).toBe('fleet');
      expect(parse(folders[cluster]['apply-list.yaml'])).toEqual({ cluster, pruneLabel: FLEET_LABEL, files: [...objectFiles].sort() });
    }
    const inventory = parse(folders.hub['1-ConfigMap.default.fleet-inventory.k8s.yaml']) as Obj;
    expect(inventory.data).toEqual({ prodc: String(Object.keys(folders.prodc).length - 1), localproda: String(Object.keys(folders.localproda).length - 1) });
  });

  test('a hub-only engine writes the hub alone, and has no cluster chart to add objects to', () => {
    expect(Object.keys(render(new HubOnly()))).toEqual(['hub']);
    const fleet = new ClusterSet(new ClusterSetApp(), 'fleet', { clusters: hybridClusters, delivery: new HubOnly() });
    expect(() => fleet.chart('prodc')).toThrow(/HubOnly writes only the hub's objects, so there is no chart for cluster "prodc"/);
  });

  test('an engine that drops ClusterIPs gets the planner’s refusal, named after it', () => {
    const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
    const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters(), delivery: new PruningPipeline(false) });
    new MultiClusterService(fleet, 'app-a', appA(Networking.ENDPOINT_SLICE));
    expect(problemsOf(() => app.render())).toEqual([
      'fleet/app-a: networking ENDPOINT_SLICE in cluster "localproda" points at the ClusterIP of the Service in "prodc", but PruningPipeline removes ' +
        'spec.clusterIP from every Service on its way to the cluster, so that cluster allocates another address and the endpoints would route nowhere; ' +
        'use Networking.ISTIO or Networking.EXTERNAL_NAME there, or another delivery',
    ]);
  });
});
