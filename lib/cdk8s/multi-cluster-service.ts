import type { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterSetValidationError } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { isObject } from '../core/validate/input/shape';
import type { MultiClusterServiceOptions } from '../core/api/service';
import { ClusterSet } from './cluster-set';

/** Props of a MultiClusterService in the cdk8s flavour. */
export interface MultiClusterServiceProps extends MultiClusterServiceOptions {
  /** The fleet to place the service on. @default - the nearest ClusterSet among the construct's scopes */
  readonly clusterSet?: ClusterSet;
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
    if (given.clusterSet !== undefined && !(given.clusterSet instanceof ClusterSet)) {
      throw new ClusterSetValidationError([`${this.node.path}: clusterSet must be a ClusterSet, got ${describeValue(given.clusterSet)}`]);
    }
    const fleet = given.clusterSet ?? nearestClusterSet(scope);
    if (!fleet) {
      throw new ClusterSetValidationError([`${this.node.path}: a MultiClusterService needs a ClusterSet; create it inside one, or pass clusterSet`]);
    }
    this.clusterSet = fleet;
    this.name = typeof given.name === 'string' ? given.name : id;
    this.namespace = typeof given.namespace === 'string' ? given.namespace : 'default';
    this.clustersetHost = `${this.name}.${this.namespace}.svc.clusterset.local`;
    // Props without a clusterSet go as given: a copy of a Map or a Date would hide what it is from the checks.
    const options = isObject(props) && 'clusterSet' in props ? withoutClusterSet(props) : props;
    fleet._addService({ path: this.node.path, name: this.name, options });
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

/** The options the core plans: the props less the fleet they were given for. */
function withoutClusterSet(props: MultiClusterServiceProps): MultiClusterServiceOptions {
  const { clusterSet: _fleet, ...options } = props;
  return options;
}

function nearestClusterSet(scope: Construct | undefined): ClusterSet | undefined {
  for (let s = scope; s; s = s.node.scope as Construct | undefined) {
    if (s instanceof ClusterSet) return s;
  }
  return undefined;
}
