// One planned object created as a resource of the fleet, alike for a MultiClusterService, a FleetGovernance and a FleetMonitoring.
import type * as pulumi from '@pulumi/pulumi';
import type { Manifest } from '../core/kube/manifest';
import { refKey } from '../core/kube/object-ref';
import type { PlannedObject } from '../core/model';
import type { ClusterSet } from './cluster-set';
import { createResource, withOutputs } from './resources';

/** How one component creates the planned objects of one cluster. */
export interface PlannedIn {
  readonly clusterSet: ClusterSet;
  readonly cluster: string;
  /** The component creating the object: its parent. */
  readonly component: pulumi.Resource;
  /** The component's path, recorded as the object's creator. */
  readonly path: string;
  /** The resource of an object already created (or created now), by `cluster/apiVersion/Kind/namespace/name`. */
  readonly resourceOf: (key: string) => pulumi.CustomResource | undefined;
  /** The resource's fields from the manifest with live values as Outputs. @default - those fields as they are */
  readonly fields?: (manifest: Manifest, fields: Record<string, unknown>) => Record<string, unknown>;
}

/** Whether a planned object is a Namespace, which the ClusterSet creates once per cluster for every component. */
export function isNamespace(manifest: Manifest): boolean {
  return manifest.kind === 'Namespace' && manifest.apiVersion === 'v1';
}

/**
 * Creates one planned object under its cluster's Provider, after the objects it depends on, and records it on
 * the fleet: a Namespace is the ClusterSet's, and a dependency another service declared alike is that resource.
 */
export function createPlanned({ clusterSet, cluster, component, path, resourceOf, fields }: PlannedIn, planned: PlannedObject): pulumi.CustomResource {
  const { manifest } = planned;
  if (isNamespace(manifest)) return clusterSet._namespace(cluster, manifest);
  const dependsOn = planned.dependsOn.map((ref) => resourceOf(refKey(ref))).filter((r): r is pulumi.CustomResource => r !== undefined);
  const create = () => {
    const live = withOutputs(manifest, resourceOf);
    return createResource(resourceName(clusterSet.fleetName, cluster, manifest), manifest, fields ? fields(manifest, live) : live, {
      parent: component,
      provider: clusterSet.provider(cluster),
      dependsOn,
      // An address that changes needs a new Service; the old one must go first, or the new cannot take its name.
      ...(planned.replaceOnChanges ? { replaceOnChanges: [...planned.replaceOnChanges], deleteBeforeReplace: true } : {}),
    });
  };
  // A dependency another service declared alike in this cluster is that service's resource.
  const resource = planned.dependency ? clusterSet._dependency(cluster, manifest, create) : create();
  clusterSet._record(cluster, manifest, resource, path);
  return resource;
}

/**
 * `fleet/cluster/namespace/name`: unique per resource type within the stack, even with two fleets
 * sharing cluster names, and unambiguous since none of the parts can hold a "/".
 */
export function resourceName(fleet: string, cluster: string, manifest: Manifest): string {
  return [fleet, cluster, manifest.metadata.namespace, manifest.metadata.name].filter((p) => p !== undefined).join('/');
}
