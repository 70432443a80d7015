import * as pulumi from '@pulumi/pulumi';
import { describeManifest, type Manifest } from '../core/kube/manifest';
import { refKey, refOf } from '../core/kube/object-ref';
import type { ClusterPlan, NorthSouthTable } from '../core/model';
import type { MultiClusterServiceOptions } from '../core/api/service';
import type { ClusterSet, ServiceTrial } from './cluster-set';
import { componentArgs } from './component-args';
import { onResource } from './errors';
import { createPlanned } from './planned-resource';
import { type SealedValues, sealSecretValues, unsealed } from './secret-values';

/** Props of a MultiClusterService in the Pulumi flavour: the cdk8s props, plus the fleet. */
export interface MultiClusterServiceArgs extends MultiClusterServiceOptions {
  /** The fleet to place the service on. @default - no default: a Pulumi component has no scope to find it in */
  readonly clusterSet: ClusterSet;
}

/** What one cluster received. */
export interface DeployedCluster {
  readonly role: 'active' | 'placeholder';
  /** How the placeholder reaches the active clusters; undefined for active clusters. */
  readonly networking?: string;
  /** `Kind namespace/name` of every object created there, Namespaces included. */
  readonly objects: readonly string[];
  /** Replicas of the workload there (0 in placeholders). */
  readonly replicas: number;
  /** For a StatefulSet in an active cluster, its pods' names `{pod}.{cluster}.{svc}.{ns}.svc.clusterset.local`. */
  readonly podHosts?: readonly string[];
}

/**
 * One application across the fleet, as a Pulumi component: the same plan as the cdk8s flavour, each
 * object a @pulumi/kubernetes resource under its cluster's Provider. Placeholders wait for the active
 * clusters' Service and ServiceExport, and an EndpointSlice without a pinned ClusterIP takes the active
 * Service's real `spec.clusterIP`.
 */
export class MultiClusterService extends pulumi.ComponentResource {
  public static readonly TYPE = 'clusterset:index:MultiClusterService';

  public readonly serviceName: string;
  public readonly namespace: string;
  /** `{app}.{ns}.svc.clusterset.local`, served by Lighthouse once the service is exported. */
  public readonly clustersetHost: string;
  /** `{app}.{ns}.svc.cluster.local`, the name clients call in every cluster. */
  public readonly localHost: string;
  /** What each cluster received, by cluster name. */
  public readonly clusters: Readonly<Record<string, DeployedCluster>>;
  /** Every resource created, by `cluster/apiVersion/Kind/namespace/name` (Namespaces are the ClusterSet's). */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /**
   * How the outer load balancer weighs this service across the ingress nodes of the clusters running it,
   * as the cdk8s flavour writes it to `north-south/` (`NorthSouth.nginxUpstream(table)` gives the nginx
   * block); undefined when the service has no HTTP port or no such cluster declares ingressNodes
   * (docs/north-south.md). Also a registered output.
   */
  public readonly northSouth?: NorthSouthTable;

  constructor(name: string, args: MultiClusterServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // The service's own checks run before anything is registered; the fleet-wide ones need the component.
    const { clusterSet, path, trial, sealed } = planned(name, args);
    super(MultiClusterService.TYPE, name, {}, opts);
    const plan = onResource(this, path, () => clusterSet._claim(trial));
    this.serviceName = plan.services[0].name;
    this.namespace = plan.services[0].namespace;
    const [summary] = plan.services;
    this.clustersetHost = summary.clustersetHost;
    this.localHost = `${this.serviceName}.${this.namespace}.svc.cluster.local`;
    const created = new Map<string, pulumi.CustomResource>();
    // Active clusters first: placeholders depend on their Services and read their addresses.
    const byRole = (c: ClusterPlan) => (summary.active.includes(c.cluster) ? 0 : 1);
    for (const cluster of [...plan.clusters].filter((c) => c.objects.length > 0).sort((a, b) => byRole(a) - byRole(b))) {
      const fields = (manifest: Manifest, live: Record<string, unknown>) => unsealed(manifest, live, sealed);
      const into = { clusterSet, cluster: cluster.cluster, component: this, path, resourceOf: (key: string) => created.get(key), fields };
      for (const planned of cluster.objects) created.set(refKey(refOf(cluster.cluster, planned.manifest)), createPlanned(into, planned));
    }
    this.resources = new Map([...created].filter(([key]) => !key.includes('/v1/Namespace/')));
    this.clusters = Object.fromEntries(
      plan.clusters
        .filter((c) => c.objects.length > 0)
        .map((c) => {
          const placeholder = summary.placeholders.find((p) => p.cluster === c.cluster);
          const deployed: DeployedCluster = {
            role: placeholder ? 'placeholder' : 'active',
            ...(placeholder ? { networking: placeholder.networking } : {}),
            objects: c.objects.map((o) => describeManifest(o.manifest)),
            replicas: summary.replicas[c.cluster] ?? 0,
            ...(summary.podHosts?.[c.cluster] ? { podHosts: summary.podHosts[c.cluster] } : {}),
          };
          return [c.cluster, deployed];
        }),
    );
    // One service per plan: its table, if it has one, is the plan's only one.
    this.northSouth = plan.northSouth?.[0];
    this.registerOutputs({ clustersetHost: this.clustersetHost, localHost: this.localHost, clusters: this.clusters, northSouth: this.northSouth });
  }
}

/**
 * Checks `args` and plans the service on its fleet; throws ClusterSetValidationError with every problem
 * of its own, and keeps its clashes with other services for once the component is registered.
 */
function planned(name: string, args: unknown): { clusterSet: ClusterSet; path: string; trial: ServiceTrial; sealed: SealedValues } {
  const { clusterSet, name: where, path, props: options } = componentArgs('MultiClusterService', name, args, '{ clusterSet, image, ports, placements }', 'the fleet');
  // A malformed name is reported from the options; the resource name stands in meanwhile.
  const serviceName = typeof options.name === 'string' ? options.name : where;
  const { options: plain, sealed } = sealSecretValues(options);
  const trial = clusterSet._plan({ path, name: serviceName, options: plain as unknown as MultiClusterServiceOptions });
  return { clusterSet, path, trial, sealed };
}
