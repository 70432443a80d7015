// The route invariant through the Pulumi flavour: random fleets deployed under mocks, where each Service
// gets its address from its own cluster's range as the API server would, read back as each cluster holds it;
// and with governance (FleetGovernance after the services), the call graph's rules as the cdk8s side checks them.
import * as pulumi from '@pulumi/pulumi';
import fc from 'fast-check';
import { ClusterSet, ClusterSetValidationError, FleetGovernance, MultiClusterService } from '../../lib/pulumi';
import { expectEveryRouteServed, type RandomFleet, randomFleetArb } from '../support/random-fleet';
import { excusedRoutes, migrationsOf, type OperatedFleet, operationsArb, PHASES, planOperated, withOperations } from '../support/random-operations';
import type { GovernanceProps, MigrationPhase } from '../../lib';
import { type CallCounts, expectCallGraphHonoured, governedFleetArb, planGoverned } from '../support/governed-fleet';
import { settle } from './mocks';

type Obj = Record<string, any>;

/** Registered Kubernetes objects by resource name `fleet/cluster/...`, with the state the mock API server returned. */
const deployed = new Map<string, Obj>();
/** The next dynamic address of each cluster's range, handed out from its top as the API server does. */
const nextDynamic = new Map<string, number>();
let currentFleet: RandomFleet | undefined;

pulumi.runtime.setMocks(
  {
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      let state = args.inputs;
      const cluster = args.name.split('/')[1];
      if (args.type === 'kubernetes:core/v1:Service' && state.spec?.type !== 'ExternalName' && state.spec?.clusterIP === undefined) {
        const range = currentFleet?.clusters.find((c) => c.name === cluster)?.serviceCidr ?? '10.0.0.0/16';
        const [a, b] = range.split('.');
        const n = (nextDynamic.get(cluster) ?? 65000) - 1;
        nextDynamic.set(cluster, n);
        state = { ...state, spec: { ...state.spec, clusterIP: `${a}.${b}.${n >> 8}.${n & 255}` } };
      }
      if (args.type.startsWith('kubernetes:') && args.type !== 'pulumi:providers:kubernetes') deployed.set(`${args.type}|${args.name}`, state);
      return { id: `${args.name}-id`, state };
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  },
  'clusterset',
  'routes',
  false,
);

let run = 0;

/** Deploys a random fleet under mocks, its governance after its services; the objects each cluster holds, or undefined when the program is refused. */
async function deploy(fleet: OperatedFleet, phase?: MigrationPhase, governance: readonly GovernanceProps[] = []): Promise<Record<string, Obj[]> | undefined> {
  const name = `f${run++}`;
  currentFleet = fleet;
  deployed.clear();
  nextDynamic.clear();
  let components: Array<MultiClusterService | FleetGovernance>;
  try {
    const clusterSet = new ClusterSet(name, { clusters: fleet.clusters, migrations: migrationsOf(fleet, phase).map((m) => m.props) });
    const services = fleet.specs.map((s) => new MultiClusterService(`${name}-${s.name}`, { ...s.options, name: s.name, clusterSet }));
    components = [...services, ...governance.map((props, i) => new FleetGovernance(`${name}-governance${i}`, { ...props, clusterSet }))];
  } catch (error) {
    // A fleet-wide clash found once a component is registered is a ResourceError caused by the validation error.
    const cause = error instanceof pulumi.ResourceError ? (error as { cause?: unknown }).cause : error;
    if (cause instanceof ClusterSetValidationError) return undefined;
    throw error;
  }
  // An id resolves only once the mock engine created the resource, with its inputs (live ClusterIPs) resolved.
  await settle(components.flatMap((s) => [...s.resources.values()].flatMap((r) => [r.urn as pulumi.Output<unknown>, r.id as pulumi.Output<unknown>])));
  // Outputs feeding other inputs (live ClusterIPs) resolve after the URNs: wait for every registration.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const objects: Record<string, Obj[]> = Object.fromEntries(fleet.clusters.map((c) => [c.name, []]));
  for (const [key, state] of deployed) {
    const resourceName = key.split('|')[1];
    const [fleetName, cluster] = resourceName.split('/');
    if (fleetName === name && objects[cluster]) objects[cluster].push(state);
  }
  return objects;
}

describe('every plain name routes, deployed with Pulumi', () => {
  test('over random fleets, every (cluster, service, port) reaches a running pod, or the program is refused', async () => {
    let planned = 0;
    let routes = 0;
    await fc.assert(
      // One fleet in three with cluster statuses and maybe a migration at a random phase (docs/operations.md).
      fc.asyncProperty(randomFleetArb, fc.option(fc.tuple(operationsArb, fc.constantFrom(...PHASES)), { freq: 3 }), async (random, ops) => {
        const fleet = ops ? withOperations(random, ops[0]) : random;
        const objects = await deploy(fleet, ops?.[1]);
        if (!objects) return;
        planned++;
        const plan = planOperated(fleet, ops?.[1]);
        if (!plan) throw new Error('the Pulumi flavour deployed a fleet planFleet refuses');
        routes += expectEveryRouteServed(fleet, plan, objects, excusedRoutes(fleet, plan));
      }),
      { numRuns: Number(process.env.PULUMI_ROUTE_RUNS ?? 40) },
    );
    expect(planned).toBeGreaterThan(5);
    expect(routes).toBeGreaterThan(planned);
  }, 300_000);
});

describe('the call graph, deployed with Pulumi', () => {
  test('with FleetGovernance after the services: declared calls are admitted, undeclared ones refused, and Pulumi refuses what planFleet refuses', async () => {
    let planned = 0;
    let refused = 0;
    const counts: CallCounts = { declared: 0, refused: 0, routes: 0 };
    await fc.assert(
      fc.asyncProperty(governedFleetArb, async (fleet) => {
        const objects = await deploy(fleet, undefined, fleet.governance);
        const plan = planGoverned(fleet);
        if (!objects) {
          if (plan) throw new Error('the Pulumi flavour refused a governed fleet planFleet plans');
          refused++;
          return;
        }
        if (!plan) throw new Error('the Pulumi flavour deployed a governed fleet planFleet refuses');
        planned++;
        expectCallGraphHonoured(fleet, plan, objects, counts);
      }),
      { numRuns: Number(process.env.PULUMI_GOVERNED_RUNS ?? 40) },
    );
    console.log(`Pulumi call graph property: ${planned} deployed, ${refused} refused; ${counts.declared} declared calls admitted, ${counts.refused} undeclared calls refused, ${counts.routes} routes checked`);
    expect(planned).toBeGreaterThan(5);
    expect(counts.declared).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  }, 300_000);
});
