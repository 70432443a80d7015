// One cluster's copy of a service's workload: the service's settings, then each set of overrides that
// applies there, lowest precedence first, each applied whole before the next.
import type { Manifest } from '../kube/manifest';
import type { Assignment, ResolvedService, Role } from '../model';
import { applyJsonPatches, jsonCopy, overrideImage, overrideList, overrideMap } from './overriders';
import { type Overrides } from '../api/overrides';
import { mergeSorted } from '../kube/maps';
import { imageFor } from '../kube/image';
import { describeValue } from '../validate/input/describe';
import { isObject } from '../validate/input/shape';
import { own } from '../kube/own';
import { WorkloadKind } from '../api/service';
import { workloadManifest } from './workload';
import { autoscalerBounds } from '../resolve/cluster-scaling';

type Json = Record<string, unknown>;

/** The override sets of one cluster, lowest precedence first: the placement's, then the cluster's own. */
function layersOf(s: ResolvedService, a: Assignment): Overrides[] {
  return [a.placement.props.overrides, own(s.spec.options.clusterOverrides, a.cluster.name)].filter((o): o is Overrides => o !== undefined);
}

/**
 * Builds the workload for one assignment: the service's settings with the cluster's registry, then each
 * override set in turn (shorthands, then Karmada-style overriders, then JSON patches), so a cluster's
 * own overrides always win over its placement's. Overrides that point at nothing go to `report`.
 */
export function clusterWorkload(s: ResolvedService, a: Assignment, report: (message: string) => void): Manifest {
  const { options } = s.spec;
  let workload = workloadManifest(s.model, {
    kind: options.workload ?? WorkloadKind.DEPLOYMENT,
    role: a.role as Role,
    image: imageFor(options.image, a.cluster.registry, undefined),
    // An autoscaler owns the replicas where there is one: a written count would reset it on every apply.
    replicas: autoscalerBounds(s, a) ? undefined : a.replicas,
    labels: {},
    annotations: mergeSorted(options.annotations),
    env: mergeSorted(options.env),
    command: options.command,
    args: options.args,
    resources: options.resources,
    podTemplate: options.podTemplate,
    volumeClaimTemplates: options.volumeClaimTemplates,
    podSecurity: options.podSecurity,
  });
  const where = (m: string) => report(`cluster "${a.cluster.name}": ${m}`);
  for (const layer of layersOf(s, a)) workload = applyLayer(workload, layer, where);
  return workload;
}

/**
 * The container's env with `env` set over it: each variable named there is replaced by its value, and
 * every other entry is kept whole, `valueFrom` included (a patch may have added it). Sorted by name, as
 * the service's own env is.
 */
function overrideEnv(current: unknown, env: Readonly<Record<string, string>>, report: (message: string) => void): unknown {
  if (current !== undefined && !Array.isArray(current)) {
    report(`env: the container's env is ${describeValue(current)} after earlier patches, not a list of variables; fix that patch`);
    return current;
  }
  const byName = new Map<string, unknown>();
  const unnamed: unknown[] = [];
  for (const entry of (current ?? []) as unknown[]) {
    if (isObject(entry) && typeof entry.name === 'string') byName.set(entry.name, entry);
    else unnamed.push(entry);
  }
  for (const [name, value] of Object.entries(env)) byName.set(name, { name, value });
  const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  return [...sorted, ...unnamed];
}

/** Applies one set of overrides to a workload: shorthands, overriders, then patches. */
function applyLayer(workload: Manifest, layer: Overrides, report: (message: string) => void): Manifest {
  const next = jsonCopy(workload) as unknown as Json & { metadata: Json; spec: Json };
  const template = next.spec.template as Json & { metadata: Json; spec: { containers: Json[] } };
  // The service's container comes first (see mergedPod), named like the service or as the template names it.
  const container = template.spec.containers[0];
  const containerName = String(container.name);
  if (layer.image) container.image = imageFor(String(container.image), undefined, layer.image);
  if (layer.imageOverriders) container.image = overrideImage(String(container.image), layer.imageOverriders, report);
  for (const [target, labels] of [[next.metadata, layer.labels], [template.metadata, layer.labels]] as const) {
    if (labels) target.labels = mergeSorted(target.labels as Record<string, string>, labels);
  }
  for (const target of [next.metadata, template.metadata]) {
    if (layer.annotations) target.annotations = mergeSorted(target.annotations as Record<string, string> | undefined, layer.annotations);
  }
  if (layer.env) container.env = overrideEnv(container.env, layer.env, report);
  if (layer.resources) container.resources = jsonCopy(layer.resources);
  for (const field of ['command', 'args'] as const) {
    const rules = field === 'command' ? layer.commandOverriders : layer.argsOverriders;
    if (!rules) continue;
    const list = overrideList(`${field}Overriders`, containerName, container[field] as string[] | undefined, rules, report, template.spec.containers.map((c) => String(c.name)));
    if (list) container[field] = list;
    else delete container[field];
  }
  if (layer.labelsOverriders) next.metadata.labels = mergeSorted(overrideMap('labelsOverriders', next.metadata.labels as Record<string, string>, layer.labelsOverriders, report));
  if (layer.annotationsOverriders) {
    const annotations = overrideMap('annotationsOverriders', (next.metadata.annotations ?? {}) as Record<string, string>, layer.annotationsOverriders, report);
    if (Object.keys(annotations).length > 0) next.metadata.annotations = mergeSorted(annotations);
    else delete next.metadata.annotations;
  }
  const patched = next as unknown as Manifest;
  return layer.patches && layer.patches.length > 0 ? applyJsonPatches(patched, layer.patches, report) : patched;
}
