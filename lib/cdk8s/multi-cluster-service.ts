import type { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import type * as kplus from 'cdk8s-plus-27';
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { isObject } from '../core/validate/input/shape';
import type { MultiClusterServiceOptions } from '../core/api/service';
import { type ClusterSet } from './cluster-set';
import { fleetOf } from './nearest-cluster-set';
import { handOver, plusWorkloadProblem } from './plus-workload';

/** Props of a MultiClusterService in the cdk8s flavour. */
export interface MultiClusterServiceProps extends MultiClusterServiceOptions {
  /** The fleet to place the service on. @default - the nearest ClusterSet among the construct's scopes */
  readonly clusterSet?: ClusterSet;
  /**
   * A cdk8s-plus-27 Deployment or StatefulSet to take the pods from, instead of `podTemplate`: its containers,
   * volumes, mounts, probes, security context and cdk8s-plus defaults become the pod template (read when the
   * fleet is planned), its kind the service's `workload`, and its path-derived selector label gives way to the
   * service's stable one. It is handed over: removed from its chart, so it is written only by clusterset, in
   * every cluster of the service. Its workload-level settings (strategy, replicas) are not read.
   * @default - the pods come from `podTemplate` and the short-form props
   */
  readonly workloadTemplate?: kplus.Workload;
}

/**
 * One application across the fleet: the real workload, its Service and a ServiceExport in active
 * clusters; a scaled-to-zero workload, a same-named Service and the chosen networking in placeholder
 * clusters, so clients everywhere keep calling `{app}.{ns}.svc`.
 */
export class MultiClusterService extends Construct {
  /** The Service name. */
  public readonly name: string;
  /** The namespace, the same in every cluster. */
  public readonly namespace: string;
  /** `{app}.{ns}.svc.clusterset.local`, served by Lighthouse once the service is exported. */
  public readonly clustersetHost: string;
  public readonly clusterSet: ClusterSet;

  constructor(scope: Construct, id: string, props: MultiClusterServiceProps) {
    super(scope, id);
    // Props may come from JSON or YAML: their shape is checked with the fleet's plan, at synth.
    const given: Partial<MultiClusterServiceProps> = isObject(props) ? props : {};
    const fleet = fleetOf(this, 'MultiClusterService', given.clusterSet);
    this.clusterSet = fleet;
    this.name = typeof given.name === 'string' ? given.name : id;
    this.namespace = typeof given.namespace === 'string' ? given.namespace : 'default';
    this.clustersetHost = `${this.name}.${this.namespace}.svc.clusterset.local`;
    // Props without a clusterSet go as given: a copy of a Map or a Date would hide what it is from the checks.
    const options = isObject(props) && ('clusterSet' in props || 'workloadTemplate' in props) ? withoutConstructs(props) : props;
    const template: unknown = given.workloadTemplate;
    if (template === undefined) {
      fleet._addService({ path: this.node.path, name: this.name, options });
      return;
    }
    const problem = plusWorkloadProblem(template) ?? handOverProblem(given);
    if (problem) throw new ClusterSetValidationError([`${this.node.path}: ${problem}`]);
    // Read at plan time: the workload may still gain containers or mounts after this line.
    fleet._addService(() => {
      const { kind, podTemplate } = handOver(template as kplus.Deployment);
      return { path: this.node.path, name: this.name, options: { ...options, workload: kind, podTemplate } };
    });
  }

  /**
   * Adds cdk8s JSON patches to one of this service's objects in one cluster, found by kind and the
   * service's name and namespace (such as its `Deployment` or `Service`); for any other object use
   * `ClusterSet.addJsonPatch`. Applied after every override, as cdk8s's `addJsonPatch` is (docs/workloads.md).
   */
  public addJsonPatch(cluster: string, kind: string, ...patches: JsonPatch[]): void {
    this.clusterSet._addJsonPatch({ cluster, kind, name: this.name, namespace: this.namespace }, patches, this.node.path);
  }
}

/** The options the core plans: the props less the constructs they were given with. */
function withoutConstructs(props: MultiClusterServiceProps): MultiClusterServiceOptions {
  const { clusterSet: _fleet, workloadTemplate: _template, ...options } = props;
  return options;
}

/** A handed-over workload says what the pods are and what kind runs them: the props may not say it again. */
function handOverProblem(props: Partial<MultiClusterServiceProps>): string | undefined {
  if (props.podTemplate !== undefined) return 'give either workloadTemplate or podTemplate, not both: the handed-over workload is the pod template';
  if (props.workload !== undefined) return `workload ${describeValue(props.workload)} is set by workloadTemplate (a Deployment or StatefulSet); remove workload`;
  return undefined;
}
