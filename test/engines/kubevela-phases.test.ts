// KubeVela renders a migration's phases as workflow steps (issue 11 §3): each phase from BOTH_ACTIVE to the
// planned one deployed as its plan has it, an approval (suspend) before each later phase, and what a phase
// no longer has removed from its cluster; checked step by step and through the KubeVela simulator.
import { ActivePlacement, type ClusterProps, ClusterSet, ClusterSetApp, Delivery, type FleetPlan, Migration, MigrationPhase, type MultiClusterServiceOptions, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { removeDir, tempDir } from '../support/files';
import { planFleet } from '../../lib/core/plan';
import { kubeVelaApplications, type KubeVelaProps } from '../../lib/engines/kubevela';
import { REMOVE_OBJECTS_STEP } from '../../lib/engines/kubevela-phases';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { type Delivered, objectKey } from '../support/member-cluster';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const clusters: ClusterProps[] = ['a', 'b', 'c'].map((name, i) => ({ name, serviceCidr: `10.${i + 1}.0.0/16`, podCidr: `10.${101 + i}.0.0/16` }));

const service = (active: string[], placeholders: string[]): MultiClusterServiceOptions => ({
  image: 'shop/app:1',
  namespace: 'shop',
  replicas: 3,
  ports: [{ port: 80, name: 'http' }],
  placements: [new ActivePlacement({ clusters: active }), new PlaceholderPlacement({ clusters: placeholders, networking: Networking.ENDPOINT_SLICE })],
});

/** `app` moves from a to b (c holds a placeholder); `stays` runs in c and is not moved. */
function planAt(phase?: MigrationPhase): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters,
    services: [
      { path: 'fleet/app', name: 'app', options: service(['a'], ['c']) },
      { path: 'fleet/stays', name: 'stays', options: service(['c'], ['a']) },
    ],
    migrations: phase ? [{ path: 'fleet/a-to-b', props: { from: 'a', to: 'b', phase, services: ['app'] } }] : [],
  });
}

const hubAt = (phase?: MigrationPhase, props: KubeVelaProps = {}) => kubeVelaApplications(planAt(phase), props) as Obj[];
const appOf = (hub: readonly Obj[], name = 'app') => hub.find((o) => o.kind === 'Application' && o.metadata.name === name) as Obj;
const stepsOf = (application: Obj) => application.spec.workflow.steps as Obj[];
const stepNames = (application: Obj) => stepsOf(application).map((s) => s.name);

/** The fleet's plan at `phase` as the members must hold it after KubeVela: each cluster's objects but Namespaces (KubeVela creates them bare). */
function plannedMembers(plan: Pick<FleetPlan, 'clusters'>): Record<string, string[]> {
  return Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.filter((o) => o.manifest.kind !== 'Namespace').map((o) => described(o.manifest as Obj)).sort()]));
}

/** What the members hold, without the labels KubeVela adds. */
function deliveredMembers(delivered: Delivered): Record<string, string[]> {
  expect(delivered.problems).toEqual([]);
  return Object.fromEntries(Object.entries(delivered.objects).map(([cluster, list]) => [cluster, list.map(described).sort()]));
}

/**
 * An object as identity and content, KubeVela's own labels left out, and the role label too: the
 * Applications of services that stay share one workload template across roles, so it carries none.
 */
function described(o: Obj): string {
  const copy = structuredClone(o);
  const labels = Object.fromEntries(Object.entries(copy.metadata.labels ?? {}).filter(([k]) => k !== 'clusterset.dev/role' && !/^(app\.oam\.dev|workload\.oam\.dev)\//.test(k)));
  copy.metadata.labels = Object.keys(labels).length > 0 ? labels : undefined;
  return `${objectKey(o)} ${JSON.stringify(copy)}`;
}

describe('Delivery.kubeVela(): a migrating service walks its phases', () => {
  test('at BOTH_ACTIVE: one phase, deployed active clusters first, no approval and nothing removed', () => {
    const hub = hubAt(MigrationPhase.BOTH_ACTIVE);
    expect(stepNames(appOf(hub))).toEqual(['deploy-both-active-a', 'deploy-both-active-b', 'deploy-both-active-c']);
    expect(hub.some((o) => o.kind === 'WorkflowStepDefinition')).toBe(false);
  });

  test('at SWITCH: BOTH_ACTIVE, the approval, SWITCH, then what SWITCH no longer has is removed', () => {
    const app = appOf(hubAt(MigrationPhase.SWITCH));
    expect(stepNames(app)).toEqual([
      'deploy-both-active-a',
      'deploy-both-active-b',
      'deploy-both-active-c',
      'approve-switch',
      'deploy-switch-a',
      'deploy-switch-b',
      'deploy-switch-c',
      'remove-switch-a',
      'remove-switch-c',
    ]);
    const approve = stepsOf(app).find((s) => s.name === 'approve-switch') as Obj;
    expect(approve.type).toBe('suspend');
    expect(approve.properties.message).toMatch(/^fleet\/a-to-b: approve MigrationPhase.SWITCH of shop\/app \(a to b\), then run: vela workflow resume app -n shop$/);
    // The source stops exporting; the placeholder's slice toward the source goes with it.
    const removeA = stepsOf(app).find((s) => s.name === 'remove-switch-a') as Obj;
    expect(removeA).toEqual({
      name: 'remove-switch-a',
      type: REMOVE_OBJECTS_STEP,
      properties: { cluster: 'a', objects: [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'app', namespace: 'shop' } }] },
    });
    const removeC = stepsOf(app).find((s) => s.name === 'remove-switch-c') as Obj;
    expect(removeC.properties.objects.map((o: Obj) => o.kind)).toEqual(['EndpointSlice']);
  });

  test('at DRAIN: both approvals in order, each phase deploying its own component per cluster', () => {
    const app = appOf(hubAt(MigrationPhase.DRAIN));
    const names = stepNames(app);
    expect(names.filter((n) => n.startsWith('approve-'))).toEqual(['approve-switch', 'approve-drain']);
    expect(names.indexOf('approve-drain')).toBeGreaterThan(names.indexOf('remove-switch-a'));
    expect(names.slice(names.indexOf('approve-drain') + 1).filter((n) => n.startsWith('deploy-'))).toEqual(['deploy-drain-b', 'deploy-drain-a', 'deploy-drain-c']);
    const deploy = stepsOf(app).find((s) => s.name === 'deploy-drain-a') as Obj;
    expect(deploy.properties.policies).toEqual(['topology-a', 'components-drain-a']);
    const selector = app.spec.policies.find((p: Obj) => p.name === 'components-drain-a');
    expect(selector.properties).toEqual({ selector: ['app-drain-a'] });
    const drained = app.spec.components.find((c: Obj) => c.name === 'app-drain-a');
    expect(drained.type).toBe('k8s-objects');
    expect(drained.properties.objects.find((o: Obj) => o.kind === 'Deployment').spec.replicas).toBe(0);
    // Component names never clash: one per phase and cluster.
    const components = app.spec.components.map((c: Obj) => c.name);
    expect(new Set(components).size).toBe(components.length);
    expect(components).toHaveLength(9);
  });

  test('failback is the previous phase: its workflow is the way there, a prefix of the later one', () => {
    const drain = stepNames(appOf(hubAt(MigrationPhase.DRAIN)));
    const switched = stepNames(appOf(hubAt(MigrationPhase.SWITCH)));
    expect(drain.slice(0, switched.length)).toEqual(switched);
  });

  test('a service no migration moves, and a fleet without migrations, keep their Applications as they were', () => {
    expect(appOf(hubAt(MigrationPhase.DRAIN), 'stays')).toEqual(appOf(hubAt(), 'stays'));
    expect(stepNames(appOf(hubAt()))).toEqual(['deploy-a', 'deploy-c']);
    expect(hubAt().some((o) => o.kind === 'WorkflowStepDefinition')).toBe(false);
  });

  test('approveClusters still holds each phase’s deploy step there', () => {
    const app = appOf(hubAt(MigrationPhase.SWITCH, { approveClusters: ['b'] }));
    expect(stepsOf(app).filter((s) => s.properties.auto === false).map((s) => s.name)).toEqual(['deploy-both-active-b', 'deploy-switch-b']);
  });

  for (const shared of [false, true]) {
    test(`every Application${shared ? ', Policy and Workflow (shared)' : ''} is valid against the upstream schemas at every phase`, () => {
      for (const phase of Object.values(MigrationPhase)) {
        const hub = hubAt(phase, { shared });
        expectValidAgainstSchemas(hub.filter((o) => o.kind !== 'WorkflowStepDefinition'));
        expectValidAgainstSchemas(hub.flatMap((o) => (o.kind === 'Application' ? o.spec.components.flatMap((c: Obj) => c.properties.objects ?? []) : [])));
      }
    });
  }

  test('the removal step is defined once on the hub, in vela-system, deleting through the kube provider', () => {
    const hub = hubAt(MigrationPhase.DRAIN);
    const definitions = hub.filter((o) => o.kind === 'WorkflowStepDefinition');
    expect(definitions.map((d) => `${d.apiVersion} ${d.metadata.namespace}/${d.metadata.name}`)).toEqual([`core.oam.dev/v1beta1 vela-system/${REMOVE_OBJECTS_STEP}`]);
    // No upstream schema of WorkflowStepDefinition is at hand: its shape is checked here (spec.schematic.cue.template).
    expect(Object.keys(definitions[0].spec)).toEqual(['schematic']);
    expect(typeof definitions[0].spec.schematic.cue.template).toBe('string');
    expect(definitions[0].spec.schematic.cue.template).toContain('kube.#Delete');
  });
});

describe('Delivery.kubeVela(): the phases through the KubeVela simulator', () => {
  for (const phase of Object.values(MigrationPhase)) {
    for (const shared of [false, true]) {
      test(`at ${phase}${shared ? ' (shared)' : ''}: run to its end, the members hold the ${phase} plan; stopped at each approval, the phase before`, () => {
        const plan = planAt(phase);
        const hub = kubeVelaApplications(plan, { shared }) as Obj[];
        expect(deliveredMembers(deliverKubeVela(hub, clusters))).toEqual(plannedMembers(plan));
        const earlier = plan.earlierPhases ?? [];
        earlier.forEach((at, resumes) => {
          expect(at.phase).toBe(Object.values(MigrationPhase)[resumes]);
          expect(deliveredMembers(deliverKubeVela(hub, clusters, { resumes }))).toEqual(plannedMembers(at));
        });
      });
    }
  }

  test('without the removal steps, the source would keep exporting after SWITCH', () => {
    const plan = planAt(MigrationPhase.SWITCH);
    const hub = (kubeVelaApplications(plan) as Obj[]).map((o) =>
      o.kind === 'Application' ? { ...o, spec: { ...o.spec, workflow: { steps: stepsOf(o).filter((s) => s.type !== REMOVE_OBJECTS_STEP) } } } : o,
    );
    const delivered = deliverKubeVela(hub, clusters);
    expect(delivered.objects.a.filter((o) => o.kind === 'ServiceExport').map((o) => o.metadata.name)).toEqual(['app']);
  });
});

describe('Delivery.kubeVela(): a Migration in the cdk8s flavour', () => {
  test('the hub output holds the Namespaces, the step definition and the Applications, in that order', () => {
    const app = new ClusterSetApp({ outdir: tempDir('vela-phases') });
    try {
      const fleet = new ClusterSet(app, 'fleet', { clusters, delivery: Delivery.kubeVela() });
      new MultiClusterService(fleet, 'app', service(['a'], ['c']));
      new Migration(fleet, 'a-to-b', { from: 'a', to: 'b', phase: MigrationPhase.SWITCH });
      app.synth();
      const hub = app.charts[0].toJson() as Obj[];
      expect(hub.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
        'Namespace /shop',
        `WorkflowStepDefinition vela-system/${REMOVE_OBJECTS_STEP}`,
        'Application shop/app',
      ]);
      expect(stepNames(appOf(hub))).toContain('approve-switch');
    } finally {
      removeDir(app.outdir);
    }
  });
});
