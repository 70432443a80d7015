// The difference between two synthesized outputs, per fleet and cluster: objects added, removed and changed
// (with their fields), the changes `kubectl apply` refuses, and the routes that break.
import type { Manifest } from '../../core/kube/manifest';
import { type Replacement, replacementsBetween } from '../../core/kube/immutable';
import type { LoadedFleet, LoadedOutput } from '../output';
import { type FieldChange, fieldChanges } from './fields';
import { type BrokenRoute, brokenRoutes } from './routes';

/** Whether something exists on one side only, or on both. */
export enum Presence {
  ADDED = 'added',
  REMOVED = 'removed',
  KEPT = 'kept',
}

/** One object of one cluster that differs. */
export interface ObjectDiff {
  /** `Kind namespace/name` */
  readonly object: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** ADDED, REMOVED, or KEPT with changed fields. */
  readonly presence: Presence;
  /** The fields that differ (KEPT only). */
  readonly fields: readonly FieldChange[];
  /** The immutable fields among them: `kubectl apply` refuses the new version (KEPT only). */
  readonly refused: readonly Replacement[];
}

/** One cluster of one fleet. */
export interface ClusterDiff {
  readonly cluster: string;
  /** ADDED or REMOVED when the cluster is in one output's fleet only. */
  readonly presence: Presence;
  /** The objects that differ, sorted by kind, namespace and name. */
  readonly objects: readonly ObjectDiff[];
  /** Routes from this cluster that work before and fail after. */
  readonly brokenRoutes: readonly BrokenRoute[];
}

/** One fleet (a ClusterSet, by construct path). */
export interface FleetDiff {
  readonly path: string;
  readonly presence: Presence;
  readonly delivery: string;
  /** Every cluster of either side, sorted by name, unchanged ones included (with no objects). */
  readonly clusters: readonly ClusterDiff[];
}

/** Compares two outputs fleet by fleet (matched by construct path), sorted by path. */
export function compareOutputs(before: LoadedOutput, after: LoadedOutput): FleetDiff[] {
  const paths = [...new Set([...before.fleets, ...after.fleets].map((f) => f.document.path))].sort(compare);
  return paths.map((p) => compareFleets(before.fleets.find((f) => f.document.path === p), after.fleets.find((f) => f.document.path === p), p));
}

function compareFleets(before: LoadedFleet | undefined, after: LoadedFleet | undefined, fleetPath: string): FleetDiff {
  const presence = !before ? Presence.ADDED : !after ? Presence.REMOVED : Presence.KEPT;
  const routes = before && after ? brokenRoutes(before, after) : [];
  const names = [...new Set([...Object.keys(before?.objects ?? {}), ...Object.keys(after?.objects ?? {})])].sort(compare);
  const clusters = names.map((cluster): ClusterDiff => {
    const was = before?.objects[cluster];
    const is = after?.objects[cluster];
    return {
      cluster,
      presence: !was ? Presence.ADDED : !is ? Presence.REMOVED : Presence.KEPT,
      objects: compareObjects(cluster, was ?? [], is ?? []),
      brokenRoutes: routes.filter((r) => r.cluster === cluster),
    };
  });
  return { path: fleetPath, presence, delivery: (after ?? before)?.document.delivery ?? '', clusters };
}

/** The objects of one cluster that differ, matched by API group, kind, namespace and name. */
function compareObjects(cluster: string, before: readonly Manifest[], after: readonly Manifest[]): ObjectDiff[] {
  const was = new Map(before.map((o) => [identity(o), o]));
  const is = new Map(after.map((o) => [identity(o), o]));
  const diffs: ObjectDiff[] = [];
  for (const key of [...new Set([...was.keys(), ...is.keys()])]) {
    const old = was.get(key);
    const now = is.get(key);
    const shown = (now ?? old) as Manifest;
    const base = {
      object: `${shown.kind} ${shown.metadata.namespace ? `${shown.metadata.namespace}/` : ''}${shown.metadata.name}`,
      apiVersion: shown.apiVersion,
      kind: shown.kind,
      ...(shown.metadata.namespace ? { namespace: shown.metadata.namespace } : {}),
      name: shown.metadata.name,
    };
    if (!old || !now) {
      diffs.push({ ...base, presence: old ? Presence.REMOVED : Presence.ADDED, fields: [], refused: [] });
      continue;
    }
    const fields = fieldChanges(old, now);
    if (fields.length === 0) continue;
    // One object at a time, so each replacement belongs to this pair (and carries replacementsBetween's fix).
    const refused = replacementsBetween({ [cluster]: [old] }, { [cluster]: [now] });
    diffs.push({ ...base, presence: Presence.KEPT, fields, refused });
  }
  return diffs.sort((a, b) => compare(sortKey(a), sortKey(b)));
}

function identity(o: Manifest): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

function sortKey(d: ObjectDiff): string {
  return `${d.kind}\u0000${d.namespace ?? ''}\u0000${d.name}\u0000${d.apiVersion}`;
}

/** Code-unit order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a diff flags: each refused change and each broken route. */
export function flaggedCount(fleets: readonly FleetDiff[]): { readonly refused: number; readonly broken: number } {
  const clusters = fleets.flatMap((f) => f.clusters);
  return {
    refused: clusters.reduce((n, c) => n + c.objects.reduce((m, o) => m + o.refused.length, 0), 0),
    broken: clusters.reduce((n, c) => n + c.brokenRoutes.length, 0),
  };
}
