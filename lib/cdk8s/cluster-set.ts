import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterProps } from '../core/cluster';
import { ClusterSetValidationError } from '../core/errors';
import { type FleetPlan, planFleet, type ServiceSpec } from '../core/plan';
import { addApiObject } from './api-objects';
import { apiObjectsOf, outputLayoutProblems } from './output-layout';

/** The fleet: every cluster a chart of its own, written to `dist/<cluster>/` (or `dist/<cluster>.k8s.yaml`). */
export interface ClusterSetProps {
  /** The member clusters, each becoming one chart named after the cluster. @default - no default: a fleet needs clusters */
  readonly clusters: readonly ClusterProps[];
}

/**
 * A set of clusters connected by Submariner, each synthesized apart. Services declared on it are
 * planned together at synth time (addresses are allocated fleet-wide) and translated into the charts.
 */
export class ClusterSet extends Construct {
  /** The clusters as given. */
  public readonly clusters: readonly ClusterProps[];
  private readonly charts = new Map<string, Chart>();
  private readonly services: ServiceSpec[] = [];
  private planned?: FleetPlan;
  /** The layout problems found once the charts were filled; undefined until then. */
  private materialized?: string[];

  constructor(scope: Construct, id: string, props: ClusterSetProps) {
    super(scope, id);
    this.clusters = props.clusters;
    // Charts hang off the root so that cdk8s names their output after the cluster alone.
    const root = this.node.root as Construct;
    for (const cluster of props.clusters) {
      // A duplicate name is reported by validation, with the other problems.
      if (this.charts.has(cluster.name)) continue;
      if (root.node.tryFindChild(cluster.name)) {
        throw new Error(
          `${this.node.path}: cluster "${cluster.name}" needs the chart id "${cluster.name}" at the app root, which is taken ` +
            '(by another ClusterSet with the same cluster, or a chart of that name); one ClusterSet per app owns each cluster',
        );
      }
      this.charts.set(cluster.name, new Chart(root, cluster.name));
    }
    this.node.addValidation({ validate: () => this.materialize() });
  }

  /** The chart of one cluster, to add objects of your own next to what clusterset emits. */
  public chart(cluster: string): Chart {
    const chart = this.charts.get(cluster);
    if (!chart) {
      throw new Error(`${this.node.path}: no cluster "${cluster}" in this ClusterSet (known: ${[...this.charts.keys()].join(', ')})`);
    }
    return chart;
  }

  /** The per-cluster plan of every service; throws ClusterSetValidationError listing every problem. */
  public plan(): FleetPlan {
    this.planned ??= planFleet({
      path: this.node.path,
      clusters: this.clusters,
      services: this.services,
    });
    return this.planned;
  }

  /** @internal Called by MultiClusterService. */
  public _addService(spec: ServiceSpec): void {
    if (this.planned) throw new Error(`${this.node.path}: services cannot be added after the fleet was synthesized`);
    this.services.push(spec);
  }

  /**
   * Plans and fills the charts once. It runs as validation, so a failing plan stops cdk8s before any
   * file is written. Objects added by hand depend on the planned Namespaces, so Namespaces come first
   * in every output layout.
   */
  private materialize(): string[] {
    if (this.materialized) return this.materialized;
    let plan: FleetPlan;
    try {
      plan = this.plan();
    } catch (error) {
      if (error instanceof ClusterSetValidationError) return [...error.problems];
      throw error;
    }
    for (const cluster of plan.clusters) {
      const chart = this.charts.get(cluster.cluster);
      if (!chart) continue;
      const byHand = apiObjectsOf(chart);
      const planned = cluster.objects.map((o) => addApiObject(chart, o.manifest));
      // Planned objects are already in apply order; only objects added by hand need an edge to come later.
      const namespaces = planned.filter((o) => o.kind === 'Namespace');
      for (const object of byHand.filter((o) => o.kind !== 'Namespace')) object.node.addDependency(...namespaces);
    }
    this.materialized = outputLayoutProblems(this.node.root, [...this.charts.values()]);
    return this.materialized;
  }
}
