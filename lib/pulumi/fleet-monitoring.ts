import * as pulumi from '@pulumi/pulumi';
import type { MonitoringProps } from '../core/api/monitoring';
import type { ClusterSet } from './cluster-set';
import { onResource } from './errors';
import { checkedPart, createPart, plannedPart } from './fleet-part';

/** Args of a FleetMonitoring in the Pulumi flavour: the cdk8s props, plus the fleet. */
export interface FleetMonitoringArgs extends MonitoringProps {
  /** The fleet it monitors, whose services must all be constructed before it. @default - no default: a Pulumi component has no scope to find it in */
  readonly clusterSet: ClusterSet;
}

/**
 * A Prometheus in every cluster of the fleet, each labelled with its cluster, environment and zone and writing to
 * one central store, and a ServiceMonitor for every service port named `metrics` or `http-metrics` in each cluster
 * running the service, as a Pulumi component (docs/governance.md#monitoring-identity). Constructed after every
 * service of its ClusterSet, it plans the whole fleet as the cdk8s flavour does and creates, as its children
 * under each cluster's Provider, every object of that plan the services did not create (the Prometheus, its
 * account and RBAC, the ServiceMonitors). A check that fails throws ClusterSetValidationError before anything of
 * it is registered.
 */
export class FleetMonitoring extends pulumi.ComponentResource {
  public static readonly TYPE = 'clusterset:index:FleetMonitoring';

  /** The fleet it monitors. */
  public readonly clusterSet: ClusterSet;
  /** Every resource it created, by `cluster/apiVersion/Kind/namespace/name` (Namespaces are the ClusterSet's). */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** `Kind namespace/name` of every object it created, by cluster. Also a registered output. */
  public readonly objects: Readonly<Record<string, readonly string[]>>;

  constructor(name: string, args: FleetMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    // The whole fleet is planned and checked before anything is registered: a refused monitoring leaves nothing behind.
    const checked = checkedPart('FleetMonitoring', name, args, '{ clusterSet, environment, remoteWrite: { url } }', (path, props) => ({
      monitoring: { path, props: props as unknown as MonitoringProps },
    }));
    const plan = plannedPart(checked);
    super(FleetMonitoring.TYPE, name, {}, opts);
    this.clusterSet = checked.clusterSet;
    this.clusterSet._addPart(checked.part);
    const created = onResource(this, checked.path, () => createPart(this, checked, plan));
    this.resources = created.resources;
    this.objects = created.objects;
    this.registerOutputs({ objects: this.objects });
  }
}
