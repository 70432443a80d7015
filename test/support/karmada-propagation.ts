// Karmada's propagation of hub objects to member clusters, simulated from the upstream semantics (read in
// karmada-io/karmada at f8fdd02) and sharing nothing with lib/engines, so a wrong emitter cannot fool it:
// - detector: each resource template follows the one PropagationPolicy of its namespace that selects it
//   with the highest priority (spec.priority, then how precisely it selects, then the smaller name);
// - scheduler: the candidate clusters are those of placement.clusterAffinity that serve the template's API;
//   a workload (replicas > 0, or resource requests) gets replicas per cluster, the same in each
//   (Duplicated) or divided by static weights with the Webster method, and clusters left with 0 are dropped;
//   anything else goes to every candidate (pkg/scheduler/core/common.go, assignment.go, util/helper);
// - binding controller: per cluster, revise the workload's replicas, then apply every matching
//   OverridePolicy (sorted by selector precision, then name) rule by rule: image, command, args, labels,
//   annotations overriders, then plaintext JSON patches (pkg/util/overridemanager);
// - Work creation prunes what members own: status and server metadata, and a Service's spec.clusterIP
//   and clusterIPs unless "None" (pkg/resourceinterpreter/default/native/prune);
// - the namespace-sync controller puts every Namespace of the control plane in every member, except
//   reserved ones (default, kube-*, karmada-*);
// - the execution controller's retain step: a Deployment whose cluster copy (after overrides) carries
//   resourcetemplate.karmada.io/retain-replicas: "true" keeps the member's observed spec.replicas
//   (the built-in retention of workload replicas, documented for Deployments).
// With `failures`, Karmada's runtime failover once it has settled (pkg/controllers/cluster/taint_manager.go,
// pkg/controllers/applicationfailover, pkg/scheduler):
// - taint manager (eviction enabled): a binding scheduled to a cluster with NoExecute taints is evicted
//   from it unless its policy's clusterTolerations tolerate every one of them, and for less time than
//   the taint has been there (a toleration without tolerationSeconds tolerates for ever);
// - application failover: a binding whose policy has failover.application (and propagateDeps, which the
//   controller requires) is evicted from a cluster where its workload (a kind with a health interpreter)
//   has been unhealthy for longer than decisionConditions.tolerationSeconds;
// - scheduler: an evicted binding is scheduled again without the evicted clusters and without tainted
//   clusters it did not already hold (the cluster controller's NoSchedule taints keep them out);
// - purge: what was evicted leaves the cluster, except the workload an application failover evicts with
//   purgeMode Never, which stays there as it was (taint evictions purge Directly or Gracefully only).
import { applyPatch } from './json-patch';
import { type Delivered, hubState, type MemberCluster, MemberClusters, matchesSelector, servesApi } from './member-cluster';

type Obj = Record<string, any>;

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Job']);
const RESERVED_NAMESPACE = /^(default|kube-.*|karmada-.*)$/;

const RETAIN_REPLICAS = 'resourcetemplate.karmada.io/retain-replicas';

/** A NoExecute taint on a failed cluster, and how long it has been there. */
export interface ClusterTaint {
  readonly key: string;
  readonly value?: string;
  readonly seconds: number;
}

/** What has gone wrong in the fleet, for Karmada's runtime failover. */
export interface KarmadaFailures {
  /** NoExecute taints by cluster (eviction enabled in the controller). */
  readonly taints?: Readonly<Record<string, readonly ClusterTaint[]>>;
  /** Workloads unhealthy in a cluster, by cluster then `Kind namespace/name`, with the seconds they have been. */
  readonly unhealthy?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * What each member cluster holds once Karmada has propagated `hub`; `observed` is what members held before
 * (by cluster), for what Karmada retains from them; `failures`, what Karmada's failover reacts to.
 */
export function propagateKarmada(
  applied: readonly Obj[],
  clusters: readonly MemberCluster[],
  observed: Readonly<Record<string, readonly Obj[]>> = {},
  failures: KarmadaFailures = {},
): Delivered {
  const hub = hubState(applied);
  const members = new MemberClusters(clusters);
  // A policy matches templates of its own namespace; the cluster-wide kinds have none, so they match the
  // cluster-scoped templates here (Karmada also lets them match namespaced ones below any PropagationPolicy:
  // not simulated, and clusterset uses them for cluster-scoped objects only).
  const propagationPolicies = hub.filter((o) => o.kind === 'PropagationPolicy' || o.kind === 'ClusterPropagationPolicy');
  const overridePolicies = hub.filter((o) => o.kind === 'OverridePolicy' || o.kind === 'ClusterOverridePolicy');
  for (const misplaced of [...propagationPolicies, ...overridePolicies].filter((p) => p.kind.startsWith('Cluster') === (p.metadata.namespace !== undefined))) {
    members.problems.push(`${misplaced.kind} ${misplaced.metadata.name}: ${misplaced.kind.startsWith('Cluster') ? 'a cluster-wide policy has no namespace' : 'needs a namespace'}`);
  }
  for (const ns of hub.filter((o) => o.kind === 'Namespace' && !RESERVED_NAMESPACE.test(o.metadata.name))) {
    for (const c of clusters) members.apply(c.name, prune(ns));
  }
  // Namespaces reach the members by Karmada's namespace sync (above), not by policies.
  const templates = hub.filter((o) => !['PropagationPolicy', 'OverridePolicy', 'ClusterPropagationPolicy', 'ClusterOverridePolicy', 'Namespace'].includes(o.kind));
  for (const template of templates) {
    const where = `${template.kind} ${template.metadata.namespace}/${template.metadata.name}`;
    const policy = chosenPolicy(template, propagationPolicies);
    if (!policy) continue; // stays on the control plane
    const scheduled = schedule(template, policy, clusters, (why) => members.problems.push(`${where}: ${why}`));
    const evicted = evictions(template, policy, scheduled, failures);
    const tainted = Object.keys(failures.taints ?? {}).filter((c) => (failures.taints?.[c] ?? []).length > 0);
    const eligible = clusters.filter((c) => !evicted.some((e) => e.cluster === c.name) && (!tainted.includes(c.name) || scheduled.some((t) => t.cluster === c.name)));
    const rescheduled = evicted.length === 0 ? scheduled : eligible.length === 0 ? [] : schedule(template, policy, eligible, (why) => members.problems.push(`${where}, failed over: ${why}`), false);
    const kept = evicted.filter((e) => e.keep).map((e) => scheduled.find((t) => t.cluster === e.cluster) as Target);
    for (const target of [...rescheduled, ...kept]) {
      let copy = structuredClone(template);
      if (target.replicas !== undefined) copy.spec.replicas = target.replicas;
      try {
        copy = applyOverrides(copy, overridePolicies, clusters.find((c) => c.name === target.cluster) as MemberCluster);
      } catch (error) {
        members.problems.push(`${where} in "${target.cluster}": an override fails (${(error as Error).message}), so no Work is made`);
        continue;
      }
      members.apply(target.cluster, retain(prune(copy), observed[target.cluster] ?? []));
    }
  }
  return members.result();
}

/** A cluster Karmada's failover takes a binding from, and whether the evicted copy stays there (purgeMode Never). */
interface Eviction {
  readonly cluster: string;
  readonly keep: boolean;
}

/** The clusters of `scheduled` that the taint manager or the application failover controller evict the template from. */
function evictions(template: Obj, policy: Obj, scheduled: readonly Target[], failures: KarmadaFailures): Eviction[] {
  const found: Eviction[] = [];
  const application = policy.spec.failover?.application;
  const key = `${template.kind} ${template.metadata.namespace}/${template.metadata.name}`;
  for (const { cluster } of scheduled) {
    const taints = failures.taints?.[cluster] ?? [];
    if (taints.length > 0 && !tolerated(taints, policy.spec.placement?.clusterTolerations ?? [])) {
      found.push({ cluster, keep: false });
      continue;
    }
    const unhealthyFor = failures.unhealthy?.[cluster]?.[key];
    const interpreted = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'].includes(template.kind);
    if (application && policy.spec.propagateDeps === true && interpreted && unhealthyFor !== undefined && unhealthyFor > (application.decisionConditions?.tolerationSeconds ?? 300)) {
      found.push({ cluster, keep: (application.purgeMode ?? 'Gracefully') === 'Never' });
    }
  }
  return found;
}

/** Whether every taint is matched by a toleration (the first that matches it) whose time (none: for ever) has not run out. */
function tolerated(taints: readonly ClusterTaint[], tolerations: readonly Obj[]): boolean {
  return taints.every((taint) => {
    const used = tolerations.find((t) => {
      const effect = t.effect === undefined || t.effect === '' || t.effect === 'NoExecute';
      const key = t.key === undefined || t.key === '' ? t.operator === 'Exists' : t.key === taint.key;
      const value = t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
      return effect && key && value;
    });
    return used !== undefined && (used.tolerationSeconds === undefined || used.tolerationSeconds > taint.seconds);
  });
}

/** How precisely a selector picks the template: by name beats by label selector beats everything. */
function selectorPriority(template: Obj, selectors: readonly Obj[] | undefined): number {
  let best = 0;
  for (const s of selectors ?? []) {
    if (s.apiVersion !== template.apiVersion || s.kind !== template.kind) continue;
    if (s.namespace && s.namespace !== template.metadata.namespace) continue;
    if (s.name) {
      if (s.name === template.metadata.name) best = Math.max(best, 3);
    } else if (s.labelSelector) {
      if (matchesSelector(template.metadata.labels, s.labelSelector)) best = Math.max(best, 2);
    } else best = Math.max(best, 1);
  }
  return best;
}

function chosenPolicy(template: Obj, policies: readonly Obj[]): Obj | undefined {
  const candidates = policies
    .filter((p) => p.metadata.namespace === template.metadata.namespace)
    .map((p) => ({ p, explicit: p.spec.priority ?? 0, implicit: selectorPriority(template, p.spec.resourceSelectors) }))
    .filter((c) => c.implicit > 0);
  candidates.sort((a, b) => b.explicit - a.explicit || b.implicit - a.implicit || (a.p.metadata.name < b.p.metadata.name ? -1 : 1));
  return candidates[0]?.p;
}

interface Target {
  readonly cluster: string;
  /** The replicas Karmada writes into a workload, or undefined for anything else. */
  readonly replicas?: number;
}

/** `template`'s clusters under `policy`; a division that depends on a tie fails when `refuseTies` (a failover may re-divide either way: Karmada settles it by UID). */
function schedule(template: Obj, policy: Obj, clusters: readonly MemberCluster[], fail: (why: string) => void, refuseTies = true): Target[] {
  const placement = policy.spec.placement ?? {};
  const affinity = placement.clusterAffinity;
  const candidates = clusters.filter(
    (c) =>
      (!affinity ||
        (((affinity.clusterNames ?? []).length === 0 || affinity.clusterNames.includes(c.name)) &&
          !(affinity.exclude ?? []).includes(c.name) &&
          matchesSelector(c.labels, affinity.labelSelector))) &&
      servesApi(c, template.apiVersion),
  );
  if (candidates.length === 0) {
    fail(`PropagationPolicy ${policy.metadata.name} finds no cluster that fits`);
    return [];
  }
  const replicas: number = WORKLOAD_KINDS.has(template.kind) ? (template.spec?.replicas ?? 1) : 0;
  const requests = WORKLOAD_KINDS.has(template.kind) && (template.spec?.template?.spec?.containers ?? []).some((c: Obj) => Object.keys(c.resources?.requests ?? {}).length > 0);
  if (replicas === 0 && !requests) return candidates.map((c) => ({ cluster: c.name }));
  const scheduling = placement.replicaScheduling ?? { replicaSchedulingType: 'Duplicated' };
  let assigned: Array<{ cluster: string; replicas: number }>;
  if (scheduling.replicaSchedulingType !== 'Divided') {
    assigned = candidates.map((c) => ({ cluster: c.name, replicas }));
  } else if ((scheduling.replicaDivisionPreference ?? 'Weighted') === 'Weighted' && !scheduling.weightPreference?.dynamicWeight) {
    const weights = staticWeights(candidates, scheduling.weightPreference?.staticWeightList);
    const [ascending, descending] = [websterSeats(replicas, weights, 1), websterSeats(replicas, weights, -1)];
    if (refuseTies && JSON.stringify(ascending) !== JSON.stringify(descending)) fail(`the division of ${replicas} replicas depends on a tie Karmada breaks by the binding's UID`);
    assigned = ascending;
  } else {
    fail(`replica division ${scheduling.replicaDivisionPreference} / dynamic weights is not simulated`);
    return [];
  }
  return assigned.filter((a) => a.replicas > 0);
}

/** Each candidate's weight: the largest of the static rules naming it; none weighted means all weigh 1. */
function staticWeights(candidates: readonly MemberCluster[], rules: readonly Obj[] | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  for (const c of candidates) {
    let weight = 0;
    for (const rule of rules ?? []) {
      const t = rule.targetCluster ?? {};
      const named = (t.clusterNames ?? []).length === 0 || t.clusterNames.includes(c.name);
      if (named && !(t.exclude ?? []).includes(c.name) && matchesSelector(c.labels, t.labelSelector)) weight = Math.max(weight, rule.weight);
    }
    if (weight > 0) weights.set(c.name, weight);
  }
  if (weights.size === 0) for (const c of candidates) weights.set(c.name, 1);
  return weights;
}

/**
 * The Webster (Sainte-Laguë) method: each seat goes to the cluster with the highest weight / (2·seats + 1);
 * a tie goes to the one with fewer seats, then by name in the order `direction` gives (Karmada picks it
 * from the binding's UID, which a simulation cannot know: callers compare both orders).
 */
function websterSeats(seats: number, weights: ReadonlyMap<string, number>, direction: 1 | -1): Array<{ cluster: string; replicas: number }> {
  const parties = [...weights.entries()].map(([cluster, weight]) => ({ cluster, weight, replicas: 0 }));
  for (let i = 0; i < seats; i++) {
    parties.sort((a, b) => {
      const pa = a.weight / (2 * a.replicas + 1);
      const pb = b.weight / (2 * b.replicas + 1);
      if (pa !== pb) return pb - pa;
      if (a.replicas !== b.replicas) return a.replicas - b.replicas;
      return a.cluster < b.cluster ? -direction : direction;
    });
    parties[0].replicas++;
  }
  return parties.map(({ cluster, replicas }) => ({ cluster, replicas })).sort((a, b) => (a.cluster < b.cluster ? -1 : 1));
}

function applyOverrides(object: Obj, policies: readonly Obj[], cluster: MemberCluster): Obj {
  const matching = policies
    .filter((p) => p.metadata.namespace === object.metadata.namespace)
    .map((p) => ({ p, implicit: (p.spec.resourceSelectors ?? []).length === 0 ? 0 : selectorPriority(object, p.spec.resourceSelectors) }))
    .filter((m) => (m.p.spec.resourceSelectors ?? []).length === 0 || m.implicit > 0);
  matching.sort((a, b) => a.implicit - b.implicit || (a.p.metadata.name < b.p.metadata.name ? -1 : 1));
  let result = object;
  for (const { p } of matching) {
    const rules = p.spec.overrideRules ?? [{ targetCluster: p.spec.targetCluster, overriders: p.spec.overriders ?? {} }];
    for (const rule of rules) {
      const t = rule.targetCluster;
      const applies = !t || (((t.clusterNames ?? []).length === 0 || t.clusterNames.includes(cluster.name)) && !(t.exclude ?? []).includes(cluster.name) && matchesSelector(cluster.labels, t.labelSelector));
      if (applies) result = applyOverriders(result, rule.overriders ?? {});
    }
  }
  return result;
}

function applyOverriders(object: Obj, overriders: Obj): Obj {
  let result = object;
  for (const rule of overriders.imageOverrider ?? []) {
    if (rule.predicate) throw new Error('imageOverrider predicates are not simulated');
    const containers: Obj[] = podSpecOf(result)?.containers ?? [];
    result = applyPatch(
      result,
      containers.map((c, i) => ({ op: 'replace', path: `/spec/template/spec/containers/${i}/image`, value: overrideImage(String(c.image), rule) })),
    );
  }
  for (const field of ['commandOverrider', 'argsOverrider', 'fieldOverrider'] as const) {
    if ((overriders[field] ?? []).length > 0) throw new Error(`${field} is not simulated`);
  }
  for (const [field, key] of [
    ['labelsOverrider', 'labels'],
    ['annotationsOverrider', 'annotations'],
  ] as const) {
    for (const rule of overriders[field] ?? []) result = applyPatch(result, mapPatches(result, key, rule));
  }
  // plaintext overriders are JSON patches written with `operator` for `op`.
  return applyPatch(result, (overriders.plaintext ?? []).map((o: Obj) => ({ op: o.operator, path: o.path, value: o.value })));
}

/** A labels or annotations overrider: add creates the map if need be; replace and remove skip keys that are not there. */
function mapPatches(object: Obj, key: 'labels' | 'annotations', rule: Obj): Array<{ op: string; path: string; value?: unknown }> {
  const current: Record<string, string> | undefined = object.metadata?.[key];
  const ops: Array<{ op: string; path: string; value?: unknown }> = [];
  if (rule.operator === 'add' && current === undefined) object.metadata[key] = {};
  for (const [k, v] of Object.entries(rule.value ?? {})) {
    if ((rule.operator === 'replace' || rule.operator === 'remove') && !(current && k in current)) continue;
    ops.push({ op: rule.operator, path: `/metadata/${key}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: v });
  }
  return ops;
}

function podSpecOf(object: Obj): Obj | undefined {
  return WORKLOAD_KINDS.has(object.kind) || object.kind === 'DaemonSet' ? object.spec?.template?.spec : undefined;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/**
 * Karmada's image parser keeps a hostname (a first path part with "." or ":" or "localhost"), the repository,
 * and a tag *or* a digest: a reference with both keeps only its tag when written back.
 */
function overrideImage(image: string, rule: Obj): string {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const tagged = colon > named.lastIndexOf('/');
  let tag = tagged ? named.slice(colon + 1) : '';
  const name = tagged ? named.slice(0, colon) : named;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  let host = hasHost ? first : '';
  let repository = hasHost ? name.slice(slash + 1) : name;
  let dig = tag ? '' : digest;
  const value = String(rule.value ?? '');
  const setTagOrDigest = (input: string) => {
    if (TAG.test(input)) [tag, dig] = [input, ''];
    else if (DIGEST.test(input)) [tag, dig] = ['', input];
  };
  if (rule.component === 'Registry') host = rule.operator === 'add' ? host + value : rule.operator === 'replace' ? value : '';
  else if (rule.component === 'Repository') repository = rule.operator === 'add' ? repository + value : rule.operator === 'replace' ? value : '';
  else if (rule.component === 'Tag') {
    if (rule.operator === 'add') setTagOrDigest((tag || dig) + value);
    else if (rule.operator === 'replace') setTagOrDigest(value);
    else if (tag) tag = '';
    else dig = '';
  } else throw new Error(`unknown image component "${rule.component}"`);
  const full = host ? `${host}/${repository}` : repository;
  return tag ? `${full}:${tag}` : dig ? `${full}@${dig}` : full;
}

/** What Karmada removes before it writes a Work: status, server-owned metadata, a Service's addresses. */
function prune(object: Obj): Obj {
  const copy = structuredClone(object);
  delete copy.status;
  for (const field of ['creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields', 'resourceVersion', 'selfLink', 'uid', 'ownerReferences', 'finalizers']) delete copy.metadata?.[field];
  if (copy.kind === 'Service' && copy.spec?.clusterIP !== undefined && copy.spec.clusterIP !== 'None') {
    delete copy.spec.clusterIP;
    delete copy.spec.clusterIPs;
  }
  if (copy.kind === 'Deployment' && copy.metadata?.annotations) {
    delete copy.metadata.annotations['deployment.kubernetes.io/revision'];
    delete copy.metadata.annotations['deployment.kubernetes.io/revision-history'];
  }
  return copy;
}

/** The member's replicas kept where the cluster copy asks for it, as Karmada's retain step does before it updates the member. */
function retain(desired: Obj, observed: readonly Obj[]): Obj {
  if (desired.kind !== 'Deployment' || desired.metadata?.labels?.[RETAIN_REPLICAS] !== 'true') return desired;
  const live = observed.find((o) => o.kind === desired.kind && o.metadata?.namespace === desired.metadata.namespace && o.metadata?.name === desired.metadata.name);
  if (live?.spec?.replicas === undefined) return desired;
  return { ...desired, spec: { ...desired.spec, replicas: live.spec.replicas } };
}
