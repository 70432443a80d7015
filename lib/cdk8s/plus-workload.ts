// A cdk8s-plus-27 Deployment or StatefulSet handed over to a MultiClusterService: its pod template becomes
// the service's `podTemplate`, and the construct leaves its chart so that it is not written twice.
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { WorkloadKind } from '../core/api/service';
import { describeValue } from '../core/validate/input/describe';
import { jsonCopy } from '../core/emit/overriders';

/** The label cdk8s-plus selects a workload's pods by, derived from the construct path: different in every chart. */
const PATH_LABEL = 'cdk8s.io/metadata.addr';

/** What a handed-over workload gives the service. */
export interface HandedOverWorkload {
  readonly kind: WorkloadKind;
  readonly podTemplate: Record<string, unknown>;
}

/** Why `value` cannot be handed over, or undefined when it can. */
export function plusWorkloadProblem(value: unknown): string | undefined {
  if (value instanceof kplus.Deployment || value instanceof kplus.StatefulSet) return undefined;
  return `workloadTemplate must be a cdk8s-plus-27 Deployment or StatefulSet, got ${describeValue(value)}`;
}

/**
 * The pod template of a cdk8s-plus workload as cdk8s-plus renders it (containers, volumes, mounts, probes,
 * security context and cdk8s-plus defaults), without the path-derived selector label, and the construct
 * removed from its chart. Read once, when the fleet is planned, so that changes made after the service was
 * declared (another container, a mount) are kept.
 */
export function handOver(workload: kplus.Deployment | kplus.StatefulSet): HandedOverWorkload {
  const manifest = ApiObject.of(workload).toJson() as { spec?: { template?: Record<string, unknown> } };
  const template = jsonCopy(manifest.spec?.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (template.metadata?.labels) {
    delete template.metadata.labels[PATH_LABEL];
    if (Object.keys(template.metadata.labels).length === 0) delete template.metadata.labels;
  }
  workload.node.scope?.node.tryRemoveChild(workload.node.id);
  return { kind: workload instanceof kplus.StatefulSet ? WorkloadKind.STATEFUL_SET : WorkloadKind.DEPLOYMENT, podTemplate: template as Record<string, unknown> };
}
