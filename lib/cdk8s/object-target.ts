// Which object clusterset writes a JSON patch is meant for (ClusterSet.addJsonPatch).
import type { ApiObject, JsonPatch } from 'cdk8s';

/** One object clusterset writes into a cluster's chart (or the hub's), found by its kind and name. */
export interface ObjectTarget {
  /** The cluster whose chart holds the object, or `ClusterSet.HUB` for what a hub engine writes. @default - no default */
  readonly cluster: string;
  /** The object's kind, such as `Deployment`. @default - no default */
  readonly kind: string;
  /** The object's name. @default - no default */
  readonly name: string;
  /** The object's namespace. @default - any namespace, when only one object of that kind and name is written there */
  readonly namespace?: string;
  /** The object's apiVersion, such as `apps/v1`. @default - any apiVersion */
  readonly apiVersion?: string;
}

/** Patches waiting for the object they target, and who asked for them (for errors). */
export interface PendingPatches {
  readonly target: ObjectTarget;
  readonly patches: JsonPatch[];
  readonly path: string;
}

/** How a problem shows a target: `Deployment shop/web in cluster "a"`. */
export function describeTarget(target: ObjectTarget): string {
  return `${target.apiVersion ? `${target.apiVersion} ` : ''}${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name} in cluster "${target.cluster}"`;
}

/**
 * Adds each pending set of patches to the one object of `objects` (a chart's planned objects) it targets;
 * returns a problem for each target that matches none, or several.
 */
export function applyPendingPatches(chartName: string, objects: readonly ApiObject[], pending: readonly PendingPatches[]): string[] {
  const problems: string[] = [];
  for (const { target, patches, path } of pending.filter((p) => p.target.cluster === chartName)) {
    const matches = objects.filter(
      (o) =>
        o.kind === target.kind &&
        o.metadata.name === target.name &&
        (target.namespace === undefined || o.metadata.namespace === target.namespace) &&
        (target.apiVersion === undefined || o.apiVersion === target.apiVersion),
    );
    if (matches.length === 1) {
      matches[0].addJsonPatch(...patches);
      continue;
    }
    const sameKind = objects.filter((o) => o.kind === target.kind).map((o) => `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    problems.push(
      matches.length === 0
        ? `${path}: addJsonPatch targets ${describeTarget(target)}, which clusterset does not write there ` +
            `(${sameKind.length > 0 ? `its ${target.kind} objects: ${sameKind.join(', ')}` : `it writes no ${target.kind}`}); fix the target`
        : `${path}: addJsonPatch targets ${describeTarget(target)}, which matches ${matches.length} objects (in ${matches.map((o) => o.metadata.namespace).join(', ')}); give its namespace`,
    );
  }
  return problems;
}

/** Targets naming a cluster that has no chart. */
export function unknownTargetProblems(charts: readonly string[], pending: readonly PendingPatches[]): string[] {
  return pending
    .filter((p) => !charts.includes(p.target.cluster))
    .map((p) => `${p.path}: addJsonPatch targets ${describeTarget(p.target)}, but there is no such chart (charts: ${charts.join(', ')}); give a cluster of the fleet, or ClusterSet.HUB for a hub engine's objects`);
}
