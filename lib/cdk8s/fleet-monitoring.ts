import { Construct } from 'constructs';
import { isObject } from '../core/validate/input/shape';
import type { MonitoringProps } from '../core/api/monitoring';
import { type ClusterSet } from './cluster-set';
import { fleetOf, partProps } from './nearest-cluster-set';

/** Props of a FleetMonitoring in the cdk8s flavour. */
export interface FleetMonitoringProps extends MonitoringProps {
  /** The fleet it monitors. @default - the nearest ClusterSet among the construct's scopes */
  readonly clusterSet?: ClusterSet;
}

/**
 * A Prometheus in every cluster of the fleet, each labelled with its cluster, environment and zone and
 * writing to one central store, and a ServiceMonitor for every service port named `metrics` or
 * `http-metrics` in each cluster running the service (docs/governance.md#monitoring-identity).
 */
export class FleetMonitoring extends Construct {
  /** The fleet it monitors. */
  public readonly clusterSet: ClusterSet;

  constructor(scope: Construct, id: string, props: FleetMonitoringProps) {
    super(scope, id);
    // Props may come from JSON or YAML: their shape is checked with the fleet's plan, at synth.
    const given: Partial<FleetMonitoringProps> = isObject(props) ? props : {};
    this.clusterSet = fleetOf(this, 'FleetMonitoring', given.clusterSet);
    this.clusterSet._addMonitoring({ path: this.node.path, props: partProps<MonitoringProps>(props) });
  }
}
