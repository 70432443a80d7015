// The fleet as Karmada resource templates and policies for the hub: each object once as a template,
// a PropagationPolicy per set of clusters the objects go to, and an OverridePolicy per object that
// differs between clusters (image, labels, annotations, replicas, plaintext for the rest).
// Translates the plan; decides nothing.
import { parseImage } from '../core/kube/image';
import { type Manifest, objectIdentity } from '../core/kube/manifest';
import type { FleetPlan, PlannedObject, ServiceSummary } from '../core/model';
import { LABELS } from '../core/resolved';
import { ReplicaScheduling } from '../core/api/scheduling';
import type { DeliveryInput, DeliveryOutput, IDeliveryEngine } from './engine';
import { fleetNamespaces, hubNamespaces, isFleetObject, serviceByCluster, WORKLOAD_KINDS, withoutRole, workloadReplicas } from './service-objects';
import { autoscalerTarget, isAutoscaled } from './autoscaled';
import { applicationFailover, clusterTolerationSeconds, failureTolerations, type KarmadaFailover, type KarmadaProps, karmadaPropsProblems } from './karmada-failover';

type Json = Record<string, unknown>;

const POLICY_API = 'policy.karmada.io/v1alpha1';

/**
 * The label by which Karmada keeps a member's `spec.replicas` when it updates the workload there (its
 * built-in retain interpreter reads it on the object of each cluster, after overrides).
 */
export const RETAIN_REPLICAS_LABEL = 'resourcetemplate.karmada.io/retain-replicas';

/** One object of a service and the clusters it goes to, with each cluster's version. */
interface Placed {
  readonly template: Manifest;
  readonly byCluster: ReadonlyMap<string, Manifest>;
}

/** Karmada resource templates, PropagationPolicies and OverridePolicies for the hub; Karmada propagates them. */
export class KarmadaDelivery implements IDeliveryEngine {
  public readonly name = 'Delivery.karmada()';
  public readonly clusterFolders = false;
  public readonly hubObjects = true;
  /** Karmada removes spec.clusterIP from every Service it propagates (docs/delivery.md). */
  public readonly keepsClusterIPs = false;

  constructor(private readonly props: KarmadaProps = {}) {}

  public deliver(input: DeliveryInput): DeliveryOutput {
    const problems = karmadaPropsProblems(this.props);
    if (problems.length > 0) return { problems };
    return { hub: karmadaObjects(input.plan, this.props) };
  }
}

/**
 * Resource templates, PropagationPolicies and OverridePolicies for every service, plus the Namespaces
 * they live in. Divided services propagate their workload with `Divided`/`Weighted` replica scheduling,
 * each active cluster weighted by its planned share; Karmada gives a divided workload only to clusters
 * with a share, so their placeholder clusters get the Service and networking but no idle workload.
 */
export function karmadaObjects(plan: FleetPlan, props: KarmadaProps = {}): Manifest[] {
  return [
    ...hubNamespaces([...plan.services.map((s) => s.namespace), ...fleetNamespaces(plan)], plan),
    ...plan.services.flatMap((service) => serviceObjects(plan, service, props.failover)),
    ...dependencyObjects(plan, props.failover),
    ...fleetObjects(plan, props.failover),
  ];
}

/**
 * The services' dependencies, each once on the hub (services may share one) with its own Duplicated
 * PropagationPolicy naming every cluster that holds it: the active clusters and the placeholders too,
 * where Karmada does not send a divided workload, so activating a placeholder only changes replicas.
 * A cluster's different version (an override) is an OverridePolicy.
 */
function dependencyObjects(plan: FleetPlan, failover: KarmadaFailover | undefined): Manifest[] {
  return sharedObjects(plan, failover, (o) => o.dependency === true);
}

/**
 * The objects of the fleet and of namespaces (governance, monitoring: not a service's, not a Namespace),
 * each once on the hub with a policy naming the clusters that hold it, as dependencies are.
 */
function fleetObjects(plan: FleetPlan, failover: KarmadaFailover | undefined): Manifest[] {
  return sharedObjects(plan, failover, isFleetObject);
}

/**
 * Each `wanted` object once on the hub, with a Duplicated PropagationPolicy (a ClusterPropagationPolicy for
 * a cluster-scoped object) naming every cluster that holds it, and an OverridePolicy (ClusterOverridePolicy)
 * for the clusters whose version differs.
 */
function sharedObjects(plan: FleetPlan, failover: KarmadaFailover | undefined, wanted: (o: PlannedObject) => boolean): Manifest[] {
  const placed = new Map<string, Map<string, Manifest>>();
  for (const c of plan.clusters) {
    for (const o of c.objects.filter(wanted)) {
      const key = objectIdentity(o.manifest);
      placed.set(key, (placed.get(key) ?? new Map<string, Manifest>()).set(c.cluster, o.manifest));
    }
  }
  const objects: Placed[] = [...placed.values()].map((byCluster) => ({ template: [...byCluster.values()][0], byCluster }));
  return [
    ...objects.map((o) => o.template),
    ...objects.map(({ template, byCluster }) => {
      const namespace = template.metadata.namespace;
      return {
        apiVersion: POLICY_API,
        kind: namespace === undefined ? 'ClusterPropagationPolicy' : 'PropagationPolicy',
        metadata: { name: `${template.metadata.name}.${template.kind.toLowerCase()}`, ...(namespace !== undefined ? { namespace } : {}), labels: { [LABELS.managedBy]: LABELS.managerValue } },
        spec: {
          resourceSelectors: [selectorOf(template)],
          placement: {
            clusterAffinity: { clusterNames: [...byCluster.keys()] },
            ...(failover ? { clusterTolerations: failureTolerations() } : {}),
            replicaScheduling: { replicaSchedulingType: 'Duplicated' },
          },
        },
      };
    }),
    ...objects.flatMap((o) => {
      const namespace = o.template.metadata.namespace;
      const policies = overridePolicy(namespace ?? 'default', o, false);
      // A cluster-scoped object is overridden by a ClusterOverridePolicy, which has no namespace.
      return namespace !== undefined ? policies : policies.map(({ metadata: { namespace: _namespace, ...metadata }, ...policy }) => ({ ...policy, kind: 'ClusterOverridePolicy', metadata }));
    }),
  ];
}

function serviceObjects(plan: FleetPlan, service: ServiceSummary, failover: KarmadaFailover | undefined): Manifest[] {
  const divided = service.scheduling === ReplicaScheduling.DIVIDED;
  const placed = new Map<string, { byCluster: Map<string, Manifest> }>();
  for (const { cluster, role, objects } of serviceByCluster(plan, service, { dependencies: false })) {
    const autoscaled = objects.flatMap((o) => autoscalerTarget(o, cluster) ?? []);
    for (const manifest of objects) {
      // Karmada sends a divided workload only where it has replicas (a StatefulSet's cluster that is down has none).
      if (divided && WORKLOAD_KINDS.has(manifest.kind) && (role !== 'active' || (service.replicas[cluster] ?? 0) === 0)) continue;
      const key = `${manifest.apiVersion}/${manifest.kind}/${manifest.metadata.name}`;
      const entry = placed.get(key) ?? { byCluster: new Map<string, Manifest>() };
      const version = withoutRole(manifest);
      entry.byCluster.set(cluster, isAutoscaled(manifest, cluster, autoscaled) ? retained(version, service.replicas[cluster] ?? 1) : version);
      placed.set(key, entry);
    }
  }
  const objects: Placed[] = [...placed.values()].map(({ byCluster }) => {
    // A workload's template comes from a cluster that runs it: Karmada schedules no cluster for a workload
    // template at 0 replicas that requests resources (a StatefulSet's cluster that is down keeps it at 0).
    const versions = [...byCluster.values()];
    const first = versions.find((v) => !WORKLOAD_KINDS.has(v.kind) || workloadReplicas(v) !== 0) ?? versions[0];
    const template = divided && WORKLOAD_KINDS.has(first.kind) ? withReplicas(first, total(service)) : first;
    return { template, byCluster };
  });
  // A workload Karmada may move gets a policy of its own: its failover fields would move whatever else it selected.
  const moves = (o: Placed) => failover !== undefined && movable(service, o.template);
  const groups = new Map<string, Placed[]>();
  for (const o of objects) {
    const clusters = [...o.byCluster.keys()].join(',');
    const key = moves(o) ? `workload:${clusters}` : clusters;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const propagation = [...groups.values()].map((members) => {
    const clusters = [...members[0].byCluster.keys()];
    const policy = propagationPolicy(service, clusters, members, divided && members.some((m) => WORKLOAD_KINDS.has(m.template.kind)));
    if (failover === undefined) return policy;
    return members.some(moves) ? movableWorkloadPolicy(service, policy, failover) : withTolerations(policy, failureTolerations());
  });
  const overrides = objects.flatMap((o) => overridePolicy(service.namespace, o, divided, moves(o)));
  return [...objects.map((o) => o.template), ...propagation, ...overrides];
}

function total(service: ServiceSummary): number {
  return Object.values(service.replicas).reduce((a, b) => a + b, 0);
}

/**
 * A descriptive policy name for a set of clusters: all of them, the active ones, the placeholders. A dot
 * parts the service's name from the rest: service names (DNS labels) have none, so the policies of `app`
 * never take the name of another service's (a service named `app-active` would, with a dash).
 */
function groupName(service: ServiceSummary, clusters: readonly string[]): string {
  const same = (list: readonly string[]) => list.length === clusters.length && list.every((c) => clusters.includes(c));
  const placeholders = service.placeholders.map((p) => p.cluster);
  if (same([...service.active, ...placeholders])) return service.name;
  if (same(service.active)) return `${service.name}.active`;
  if (same(placeholders)) return `${service.name}.placeholders`;
  return `${service.name}.${clusters.join('.')}`;
}

function propagationPolicy(service: ServiceSummary, clusters: readonly string[], members: readonly Placed[], divided: boolean): Manifest {
  const replicaScheduling = divided
    ? {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: {
          staticWeightList: clusters.filter((c) => (service.replicas[c] ?? 0) > 0).map((c) => ({ targetCluster: { clusterNames: [c] }, weight: service.replicas[c] })),
        },
      }
    : { replicaSchedulingType: 'Duplicated' };
  return {
    apiVersion: POLICY_API,
    kind: 'PropagationPolicy',
    metadata: { name: groupName(service, clusters), namespace: service.namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: {
      resourceSelectors: members.map((m) => selectorOf(m.template)),
      placement: {
        clusterAffinity: { clusterNames: divided ? clusters.filter((c) => (service.replicas[c] ?? 0) > 0) : [...clusters] },
        replicaScheduling,
      },
    },
  };
}

/**
 * Whether Karmada's failover may move this object: a Deployment running in two active clusters or more.
 * With one, failing over could only delete the one running copy (a placeholder has a Service without
 * selector and no export, so replicas moved there would serve no one: promoting it is the plan's job).
 * A StatefulSet stays: its volumes and per-pod names belong to the cluster it runs in.
 */
function movable(service: ServiceSummary, template: Manifest): boolean {
  return template.kind === 'Deployment' && service.active.filter((c) => (service.replicas[c] ?? 1) > 0).length > 1;
}

/**
 * The policy of a movable workload: named apart from the groups (`<service>.workload`), its dependencies
 * propagated along (Karmada requires it for application failover), application failover, and the
 * failure taints tolerated for `clusterTolerationSeconds`. Its clusters stay the plan's: a divided
 * workload's are the active clusters with a share, so Karmada re-divides among them; a duplicated
 * workload's placeholders already hold their copy at 0 replicas, which their OverridePolicy keeps.
 */
function movableWorkloadPolicy(service: ServiceSummary, policy: Manifest, failover: KarmadaFailover): Manifest {
  const spec = policy.spec as Json;
  const placement = spec.placement as Json;
  return {
    ...policy,
    metadata: { ...policy.metadata, name: `${service.name}.workload` },
    spec: {
      resourceSelectors: spec.resourceSelectors,
      propagateDeps: true,
      placement: { clusterAffinity: placement.clusterAffinity, clusterTolerations: failureTolerations(clusterTolerationSeconds(failover)), replicaScheduling: placement.replicaScheduling },
      failover: applicationFailover(failover),
    },
  };
}

/** The policy with its objects tolerating `tolerations`. */
function withTolerations(policy: Manifest, tolerations: Json[]): Manifest {
  const spec = policy.spec as Json;
  const placement = spec.placement as Json;
  return { ...policy, spec: { ...spec, placement: { clusterAffinity: placement.clusterAffinity, clusterTolerations: tolerations, replicaScheduling: placement.replicaScheduling } } };
}

function selectorOf(manifest: Manifest): Json {
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.metadata.name, ...(manifest.metadata.namespace ? { namespace: manifest.metadata.namespace } : {}) };
}

/** An OverridePolicy for one object, with a rule for every cluster whose version differs from the template. */
function overridePolicy(namespace: string, placed: Placed, divided: boolean, moves = false): Manifest[] {
  const rules = [...placed.byCluster.entries()].flatMap(([cluster, mine]) => {
    const overriders = differences(placed.template, mine, divided && WORKLOAD_KINDS.has(mine.kind), moves);
    return Object.keys(overriders).length > 0 ? [{ targetCluster: { clusterNames: [cluster] }, overriders }] : [];
  });
  if (rules.length === 0) return [];
  return [
    {
      apiVersion: POLICY_API,
      kind: 'OverridePolicy',
      metadata: { name: `${placed.template.metadata.name}-${placed.template.kind.toLowerCase()}`, namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
      spec: { resourceSelectors: [selectorOf(placed.template)], overrideRules: rules },
    },
  ];
}

/**
 * Karmada overriders turning `base` into `mine`: replicas through plaintext (unless Karmada divides
 * them), a container image through imageOverrider, labels and annotations through their overriders,
 * and any other top-level difference through a plaintext replace, add or remove. A workload Karmada
 * may move (`specByField`) has its spec patched field by field: a whole-spec replace would carry the
 * cluster's planned replicas and undo the replicas Karmada moved there.
 */
function differences(base: Manifest, mine: Manifest, replicasByKarmada: boolean, specByField = false): Json {
  const plaintext: Json[] = [];
  const overriders: Json = {};
  const b = structuredClone(base) as unknown as Json;
  const m = structuredClone(mine) as unknown as Json;
  if (WORKLOAD_KINDS.has(mine.kind)) {
    const bs = b.spec as Json;
    const ms = m.spec as Json;
    if (!replicasByKarmada && bs.replicas !== ms.replicas) plaintext.push({ path: '/spec/replicas', operator: 'replace', value: ms.replicas });
    bs.replicas = ms.replicas;
    const image = imageOverriders(containerOf(bs), containerOf(ms));
    if (image === 'plaintext') plaintext.push({ path: '/spec/template/spec/containers/0/image', operator: 'replace', value: containerOf(ms).image });
    else if (image.length > 0) overriders.imageOverrider = image;
    if (specByField) {
      plaintext.push(...fieldPatches('/spec', bs, ms));
      b.spec = m.spec;
    }
  }
  for (const field of ['labels', 'annotations'] as const) {
    const rules = mapOverriders((b.metadata as Json)[field] as Record<string, string> | undefined, (m.metadata as Json)[field] as Record<string, string> | undefined);
    if (rules.length > 0) overriders[`${field}Overrider`] = rules;
  }
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(m)])].filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k))) {
    if (JSON.stringify(b[key]) === JSON.stringify(m[key])) continue;
    if (m[key] === undefined) plaintext.push({ path: `/${key}`, operator: 'remove' });
    else plaintext.push({ path: `/${key}`, operator: b[key] === undefined ? 'add' : 'replace', value: m[key] });
  }
  if (plaintext.length > 0) overriders.plaintext = plaintext;
  return overriders;
}

/** Plaintext patches turning each field of `base` into the one of `mine` under `path`. */
function fieldPatches(path: string, base: Json, mine: Json): Json[] {
  return [...new Set([...Object.keys(base), ...Object.keys(mine)])].flatMap((key) => {
    if (JSON.stringify(base[key]) === JSON.stringify(mine[key])) return [];
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (mine[key] === undefined) return [{ path: at, operator: 'remove' }];
    return [{ path: at, operator: base[key] === undefined ? 'add' : 'replace', value: mine[key] }];
  });
}

function containerOf(spec: Json): Json {
  return (((spec.template as Json).spec as Json).containers as Json[])[0];
}

/**
 * imageOverrider rules for the parts of the image that differ, or 'plaintext' when a digest is involved:
 * Karmada's image parser keeps a tag or a digest, never both, and writes the whole reference back, so
 * any imageOverrider on `app:1.0@sha256:...` would drop the digest. The image is then aligned so no
 * other plaintext repeats it.
 */
function imageOverriders(base: Json, mine: Json): Json[] | 'plaintext' {
  if (base.image === mine.image) return [];
  const from = parseImage(String(base.image));
  const to = parseImage(String(mine.image));
  base.image = mine.image;
  if (from.digest !== undefined || to.digest !== undefined) return 'plaintext';
  const rules: Json[] = [];
  const part = (component: string, a: string | undefined, b: string | undefined) => {
    if (a === b) return;
    rules.push(b === undefined ? { component, operator: 'remove' } : { component, operator: 'replace', value: b });
  };
  part('Registry', from.registry, to.registry);
  part('Repository', from.repository, to.repository);
  part('Tag', from.tag, to.tag);
  return rules;
}

/** labelsOverrider / annotationsOverrider rules: add what is new, replace what changed, remove what is gone. */
function mapOverriders(base: Record<string, string> = {}, mine: Record<string, string> = {}): Json[] {
  const added = Object.fromEntries(Object.entries(mine).filter(([k]) => !(k in base)));
  const changed = Object.fromEntries(Object.entries(mine).filter(([k, v]) => k in base && base[k] !== v));
  const removed = Object.fromEntries(Object.keys(base).filter((k) => !(k in mine)).map((k) => [k, base[k]]));
  return [
    ...(Object.keys(added).length > 0 ? [{ operator: 'add', value: added }] : []),
    ...(Object.keys(changed).length > 0 ? [{ operator: 'replace', value: changed }] : []),
    ...(Object.keys(removed).length > 0 ? [{ operator: 'remove', value: removed }] : []),
  ];
}

function withReplicas(workload: Manifest, replicas: number): Manifest {
  return { ...workload, spec: { ...(workload.spec as Json), replicas } };
}

/**
 * A workload whose replicas an autoscaler owns in the cluster: Karmada needs a count to schedule (and to
 * divide), so it starts from the cluster's planned share, and the retain label makes Karmada keep the
 * member's count, the autoscaler's, on every later update. Placeholders' copies lack the label (an
 * OverridePolicy removes it there), so their `replicas: 0` still applies.
 */
function retained(workload: Manifest, replicas: number): Manifest {
  const labels = Object.fromEntries(Object.entries({ ...workload.metadata.labels, [RETAIN_REPLICAS_LABEL]: 'true' }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...workload, metadata: { ...workload.metadata, labels }, spec: { replicas, ...(workload.spec as Json) } };
}
