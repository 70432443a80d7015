// A service a migration moves, as a KubeVela Application whose workflow walks the way to the planned phase:
// each phase from BOTH_ACTIVE on is deployed as the plan has it at that phase, cluster by cluster, with
// an approval (`suspend`) step before each later phase, and the objects a phase no longer has removed
// once its own are deployed (docs/operations.md, "KubeVela"). Translates the plan; decides nothing.
import { type Manifest, objectIdentity } from '../core/kube/manifest';
import { KUBEVELA_NAMESPACE } from './kubevela-namespaces';
import { MigrationPhase } from '../core/api/migration';
import type { FleetPlan, MigrationSummary, ServiceSummary } from '../core/model';
import { LABELS } from '../core/resolved';
import { serviceByCluster, type ServiceInCluster, WORKLOAD_KINDS } from './service-objects';
import { applyOnceReplicas, type WorkloadInCluster } from './kubevela-apply-once';

type Json = Record<string, unknown>;

/**
 * The workflow step type that removes objects from one cluster, which KubeVela has no built-in for: its
 * `deploy` steps only apply, and its garbage collection only deletes what an earlier Application revision
 * had, once the workflow has finished. The step deletes through KubeVela's `kube` provider, which also marks
 * each object deleted in the Application's ResourceTracker, so state keeping does not bring it back.
 */
export const REMOVE_OBJECTS_STEP = 'clusterset-remove-objects';

/** The namespace KubeVela looks in for definitions every namespace can use. */
const DEFINITIONS_NAMESPACE = KUBEVELA_NAMESPACE;

/** One phase of a migrating service: its objects in each of its clusters, as the plan at that phase has them. */
export interface ServicePhase {
  readonly phase: MigrationPhase;
  readonly clusters: readonly ServiceInCluster[];
}

/**
 * The phases a service goes through, from BOTH_ACTIVE up to the phase its migration is planned at, with
 * its objects at each (the earlier ones from `plan.earlierPhases`); undefined for a service no migration moves.
 */
export function migrationPhases(plan: FleetPlan, service: ServiceSummary): { migration: MigrationSummary; phases: ServicePhase[] } | undefined {
  const migration = plan.operations?.migrations.find((m) => m.services.includes(`${service.namespace}/${service.name}`));
  if (!migration) return undefined;
  const order = Object.values(MigrationPhase);
  const phases = order.slice(0, order.indexOf(migration.phase) + 1).map((phase): ServicePhase => {
    const at = phase === migration.phase ? plan : plan.earlierPhases?.find((p) => p.phase === phase);
    const summary = at?.services.find((s) => s.path === service.path);
    if (!at || !summary) throw new Error(`internal: the plan has no ${service.path} at MigrationPhase.${phase}`);
    return { phase, clusters: serviceByCluster({ clusters: at.clusters, services: at.services }, summary) };
  });
  return { migration, phases };
}

/** How a phase reads in component and step names: `both-active`, `switch`, `drain`. */
export function phaseSlug(phase: MigrationPhase): string {
  return phase.toLowerCase().replace(/_/g, '-');
}

/** The component holding a service's objects in one cluster at one phase. */
export function phaseComponentName(service: ServiceSummary, phase: MigrationPhase, cluster: string): string {
  return `${service.name}-${phaseSlug(phase)}-${cluster}`;
}

/**
 * The Application of a migrating service: one `k8s-objects` component per phase and cluster holding exactly
 * that cluster's objects at that phase (phases differ in a cluster's objects, not only in properties an
 * override could patch), picked by a per-step `selector` override; the workflow deploys BOTH_ACTIVE,
 * then for each later phase waits at `approve-<phase>`, deploys the phase and removes from each cluster
 * what the phase before had there and this one has not.
 */
export function phasedApplication(service: ServiceSummary, migration: MigrationSummary, phases: readonly ServicePhase[], approveClusters: readonly string[] = []): Manifest {
  const components: Json[] = [];
  const policies: Json[] = [];
  const steps: Json[] = [];
  const topologies = new Set<string>();
  const held: WorkloadInCluster[] = [];
  const heldNames: string[] = [];
  phases.forEach(({ phase, clusters }, index) => {
    const slug = phaseSlug(phase);
    if (index > 0) {
      steps.push({
        name: `approve-${slug}`,
        type: 'suspend',
        properties: {
          message: `${migration.path}: approve MigrationPhase.${phase} of ${service.namespace}/${service.name} (${migration.from} to ${migration.to}), then run: vela workflow resume ${service.name} -n ${service.namespace}`,
        },
      });
    }
    for (const c of clusters) {
      const name = phaseComponentName(service, phase, c.cluster);
      components.push({ name, type: 'k8s-objects', properties: { objects: [...c.objects] } });
      held.push(workloadIn(c));
      heldNames.push(name);
      const topology = `topology-${c.cluster}`;
      if (!topologies.has(topology)) {
        topologies.add(topology);
        policies.push({ name: topology, type: 'topology', properties: { clusters: [c.cluster], namespace: service.namespace } });
      }
      const select = `components-${slug}-${c.cluster}`;
      policies.push({ name: select, type: 'override', properties: { selector: [name] } });
      steps.push({
        name: `deploy-${slug}-${c.cluster}`,
        type: 'deploy',
        properties: { policies: [topology, select], ...(approveClusters.includes(c.cluster) ? { auto: false } : {}) },
      });
    }
    if (index > 0) steps.push(...removals(phases[index - 1], phases[index]));
  });
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: service.name, namespace: service.namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: { components, policies: [...applyOnceReplicas(heldNames, held), ...policies], workflow: { steps } },
  };
}

function workloadIn({ cluster, objects }: ServiceInCluster): WorkloadInCluster {
  const workload = objects.find((o) => WORKLOAD_KINDS.has(o.kind));
  if (!workload) throw new Error(`internal: no workload in ${cluster}`);
  return { cluster, workload, others: objects.filter((o) => o !== workload) };
}

/** A step per cluster removing what `before` had there and `after` has not, by identity (group, kind, namespace, name). */
function removals(before: ServicePhase, after: ServicePhase): Json[] {
  const slug = phaseSlug(after.phase);
  return before.clusters.flatMap(({ cluster, objects }) => {
    const kept = new Set((after.clusters.find((c) => c.cluster === cluster)?.objects ?? []).map(objectIdentity));
    const gone = objects.filter((o) => !kept.has(objectIdentity(o)));
    if (gone.length === 0) return [];
    return [
      {
        name: `remove-${slug}-${cluster}`,
        type: REMOVE_OBJECTS_STEP,
        properties: { cluster, objects: gone.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace ?? 'default' } })) },
      },
    ];
  });
}

/** Whether any of these Applications has a step that removes objects. */
export function removesObjects(applications: readonly Manifest[]): boolean {
  return applications.some((a) => ((a.spec as { workflow?: { steps?: Json[] } } | undefined)?.workflow?.steps ?? []).some((s) => s.type === REMOVE_OBJECTS_STEP));
}

/**
 * The WorkflowStepDefinition of REMOVE_OBJECTS_STEP, in vela-system so that every namespace's Applications
 * can use it. Its parameters: `cluster`, and `objects`, each an apiVersion, a kind and metadata with name
 * and namespace. The deletions run as one `steps` operation, in order; an object already gone is fine
 * (KubeVela's delete ignores NotFound).
 */
export function removeObjectsStepDefinition(): Manifest {
  const template = [
    'import (',
    '\t"vela/kube"',
    ')',
    '',
    'parameter: {',
    '\t// +usage=The cluster to remove the objects from',
    '\tcluster: string',
    '\t// +usage=The objects to remove, each by apiVersion, kind, name and namespace',
    '\tobjects: [...{',
    '\t\tapiVersion: string',
    '\t\tkind:       string',
    '\t\tmetadata: {',
    '\t\t\tname:      string',
    '\t\t\tnamespace: string',
    '\t\t}',
    '\t}]',
    '}',
    '',
    'remove: {',
    '\t#do: "steps"',
    '\tfor i, object in parameter.objects {',
    '\t\t"object-\\(i)": kube.#Delete & {',
    '\t\t\t$params: {',
    '\t\t\t\tcluster: parameter.cluster',
    '\t\t\t\tvalue:   object',
    '\t\t\t}',
    '\t\t}',
    '\t}',
    '}',
    '',
  ].join('\n');
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'WorkflowStepDefinition',
    metadata: {
      name: REMOVE_OBJECTS_STEP,
      namespace: DEFINITIONS_NAMESPACE,
      labels: { [LABELS.managedBy]: LABELS.managerValue },
      annotations: { 'definition.oam.dev/description': 'Removes objects from one cluster: what a migration phase no longer has (clusterset)' },
    },
    spec: { schematic: { cue: { template } } },
  };
}
