import { App, Chart, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterProps } from '../core/cluster';
import { ClusterSetValidationError } from '../core/errors';
import { describeManifest } from '../core/manifest';
import { type FleetPlan, planFleet, type ServiceSpec } from '../core/plan';
import { addApiObject } from './api-objects';

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
  private materialized = false;

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

  /** Plans and fills the charts once; runs as validation so a failing plan stops cdk8s before any file is written. */
  private materialize(): string[] {
    if (this.materialized) return [];
    let plan: FleetPlan;
    try {
      plan = this.plan();
    } catch (error) {
      if (error instanceof ClusterSetValidationError) return [...error.problems];
      throw error;
    }
    const collisions = this.folderCollisions(plan);
    if (collisions.length > 0) return collisions;
    for (const cluster of plan.clusters) {
      const chart = this.charts.get(cluster.cluster);
      if (!chart) continue;
      for (const planned of cluster.objects) addApiObject(chart, planned.manifest);
    }
    this.materialized = true;
    return [];
  }

  /**
   * cdk8s's own folder output names files `Kind.name`, so two objects that differ only by namespace
   * would overwrite each other; ClusterSetApp names files with the namespace and has no such limit.
   */
  private folderCollisions(plan: FleetPlan): string[] {
    const app = this.node.root;
    if (!(app instanceof App) || app.yamlOutputType !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE || isClusterSetApp(app)) {
      return [];
    }
    const problems: string[] = [];
    for (const cluster of plan.clusters) {
      const files = new Map<string, string>();
      for (const { manifest } of cluster.objects) {
        const file = `${manifest.kind}.${manifest.metadata.name}`;
        const earlier = files.get(file);
        if (earlier) {
          problems.push(
            `${describeManifest(manifest)} and ${earlier} would both be written to ${cluster.cluster}/${file}.k8s.yaml by ` +
              'cdk8s FOLDER_PER_CHART_FILE_PER_RESOURCE; use ClusterSetApp, whose file names include the namespace',
          );
        }
        files.set(file, describeManifest(manifest));
      }
    }
    return problems;
  }
}

/** Marks apps that write namespaced, wave-prefixed file names (see ClusterSetApp). */
export const NAMESPACED_FILES = Symbol.for('clusterset.NamespacedFiles');

function isClusterSetApp(app: App): boolean {
  return NAMESPACED_FILES in app;
}
