// The route invariant through the cdk8s flavour: random fleets synthesized by ClusterSetApp (direct folders
// or Argo CD's), read back from the rendered YAML as `kubectl apply -f dist/<cluster>/` would.
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { ClusterSet, ClusterSetApp, Delivery, type IDeliveryEngine, MultiClusterService } from '../../lib';
import { expectEveryRouteServed, type RandomFleet, randomFleetArb } from '../support/random-fleet';
import { planFleet } from '../../lib/core/plan';

type Obj = Record<string, any>;

/** Each cluster folder's objects as rendered YAML, or undefined when synth refuses the program. */
function synthesize(fleet: RandomFleet, delivery: IDeliveryEngine): Record<string, Obj[]> | undefined {
  const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
  const clusterSet = new ClusterSet(app, 'fleet', {
    clusters: fleet.clusters,
    delivery,
  });
  for (const s of fleet.specs) new MultiClusterService(clusterSet, s.name, { ...s.options, name: s.name });
  let folders;
  try {
    folders = app.render();
  } catch (error) {
    if (/Validation failed|ClusterSetValidationError|problem/.test(String(error))) return undefined;
    throw error;
  }
  return Object.fromEntries(
    folders
      .filter((f) => f.folder !== 'hub')
      .map((f) => [f.folder, f.files.filter((file) => file.file !== 'kustomization.yaml').flatMap((file) => parseAllDocuments(file.yaml).map((d) => d.toJS() as Obj))]),
  );
}

describe('every plain name routes, synthesized with cdk8s', () => {
  test.each([
    ['DIRECT', Delivery.direct()],
    ['ARGOCD', Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' })],
  ])('through Delivery.%s, every (cluster, service, port) reaches a running pod, or synth refuses', (_, delivery) => {
    let planned = 0;
    let routes = 0;
    fc.assert(
      fc.property(randomFleetArb, (fleet) => {
        const objects = synthesize(fleet, delivery);
        if (!objects) return;
        planned++;
        routes += expectEveryRouteServed(fleet, planFleet({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs }), objects);
      }),
      { numRuns: Number(process.env.CDK8S_ROUTE_RUNS ?? 150) },
    );
    expect(planned).toBeGreaterThan(10);
    expect(routes).toBeGreaterThan(planned);
  });
});
