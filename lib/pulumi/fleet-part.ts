// What FleetGovernance and FleetMonitoring share: each is constructed after the services it governs, plans the
// whole fleet with every check of the cdk8s flavour, and creates the objects of that plan nothing created yet.
import type * as pulumi from '@pulumi/pulumi';
import { Problems } from '../core/errors';
import { describeManifest } from '../core/kube/manifest';
import { refKey, refOf } from '../core/kube/object-ref';
import type { FleetPlan, PlannedObject } from '../core/model';
import type { ClusterSet, FleetPart } from './cluster-set';
import { componentArgs } from './component-args';
import { firstDifference } from './manifest-difference';
import { createPlanned, isNamespace } from './planned-resource';

/** A FleetGovernance's or FleetMonitoring's args, checked: its fleet, its path for errors, and the part it adds. */
export interface CheckedPart {
  readonly clusterSet: ClusterSet;
  readonly path: string;
  readonly part: FleetPart;
}

/**
 * The fleet and the part of a component's args; throws ClusterSetValidationError when they are no object or
 * name no ClusterSet. The props themselves are checked by the plan, as the cdk8s flavour checks them.
 */
export function checkedPart(kind: string, name: unknown, args: unknown, example: string, toPart: (path: string, props: unknown) => FleetPart): CheckedPart {
  const { clusterSet, path, props } = componentArgs(kind, name, args, example, 'the fleet whose services it governs');
  return { clusterSet, path, part: toPart(path, props) };
}

/**
 * The whole fleet planned with `part` added, once every check passed and every object created before is
 * planned alike; throws ClusterSetValidationError listing every problem otherwise.
 */
export function plannedPart({ clusterSet, path, part }: CheckedPart): FleetPlan {
  const problems = new Problems();
  const plan = clusterSet._planWholeFleet(part, problems);
  problems.throwIfAny();
  if (!plan) throw new Error('internal: planning stopped without a problem');
  for (const message of changedObjects(clusterSet, plan)) problems.add(path, message);
  problems.throwIfAny();
  return plan;
}

/**
 * Objects created before that the whole-fleet plan gives other content, or no longer holds: a resource cannot
 * change within one run, and Pulumi would deploy what was planned before, not what the checks passed.
 */
function changedObjects(clusterSet: ClusterSet, plan: FleetPlan): string[] {
  const planned = new Map(plan.clusters.flatMap((c) => c.objects.map((o) => [refKey(refOf(c.cluster, o.manifest)), { cluster: c.cluster, object: o }] as const)));
  const found: string[] = [];
  for (const [key, created] of clusterSet._created) {
    const cluster = key.split('/')[0];
    const what = `${describeManifest(created.manifest)} in cluster "${cluster}", which ${created.by} created`;
    const now = planned.get(key);
    if (!now) {
      found.push(`the whole-fleet plan no longer holds ${what}; ${REPLAN}`);
      continue;
    }
    const difference = firstDifference(created.manifest, now.object.manifest);
    if (difference) {
      const at = difference.field === '' ? '' : ` at ${difference.field}`;
      found.push(`the whole-fleet plan gives ${what}, other content${at}: ${difference.before} when created, ${difference.after} in the whole fleet; ${REPLAN}`);
    }
  }
  return found;
}

/** Why an object created before cannot differ in the whole-fleet plan, and what to do. */
const REPLAN =
  'a resource cannot change within one run, and the services were planned one at a time as each was constructed, so what they created ' +
  'must be what the whole fleet plans; where replicas are degraded to fit a cluster\'s allocatable (lower degrade.priority first, then namespace/name), ' +
  'construct the services the whole fleet degrades after those it keeps, or give the cluster room for every service';

/** What a FleetGovernance or FleetMonitoring created. */
export interface CreatedPart {
  /** Every resource it created, by `cluster/apiVersion/Kind/namespace/name` (Namespaces are the ClusterSet's). */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** `Kind namespace/name` of every object it created, by cluster (clusters where it created nothing left out). */
  readonly objects: Record<string, string[]>;
}

/**
 * Creates, as children of `component` under each cluster's Provider, every object of `plan` no component of the
 * fleet created yet (a Namespace as the ClusterSet's), each after the objects it depends on.
 */
export function createPart(component: pulumi.ComponentResource, { clusterSet, path }: CheckedPart, plan: FleetPlan): CreatedPart {
  const pending = new Map<string, { readonly cluster: string; readonly planned: PlannedObject }>();
  for (const c of plan.clusters) {
    for (const planned of c.objects) {
      const key = refKey(refOf(c.cluster, planned.manifest));
      if (!clusterSet._created.has(key)) pending.set(key, { cluster: c.cluster, planned });
    }
  }
  const resources = new Map<string, pulumi.CustomResource>();
  const objects: Record<string, string[]> = {};
  const resourceOf = (key: string): pulumi.CustomResource | undefined => {
    const made = clusterSet._created.get(key)?.resource;
    if (made) return made;
    const next = pending.get(key);
    if (!next) return undefined;
    pending.delete(key);
    const { cluster, planned } = next;
    const resource = createPlanned({ clusterSet, cluster, component, path, resourceOf }, planned);
    if (isNamespace(planned.manifest)) return resource;
    resources.set(key, resource);
    (objects[cluster] ??= []).push(describeManifest(planned.manifest));
    return resource;
  };
  for (const key of [...pending.keys()]) resourceOf(key);
  return { resources, objects };
}
