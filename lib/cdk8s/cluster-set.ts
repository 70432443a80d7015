import { App, Chart, type JsonPatch, Names } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterProps } from '../core/api/cluster';
import type { NamespaceProps } from '../core/api/namespace';
import { ClusterSetValidationError } from '../core/errors';
import { planFleet } from '../core/plan';
import { PlanReport } from '../core/report/plan-report';
import { NetworkTable } from '../core/report/network-table';
import type { FleetPlan, GovernanceSpec, MigrationSpec, MonitoringSpec, ServiceSpec } from '../core/model';
import { addApiObject } from './api-objects';
import { Delivery } from '../engines/delivery';
import type { DeliveryOutput, IDeliveryEngine } from '../engines/engine';
import { apiObjectsOf, FOLDER_FILES, NAMESPACED_FILES, outputLayoutProblems } from './output-layout';
import { clusterSetPropsProblems } from './props-shape';
import { isObject } from '../core/validate/input/shape';
import { dns1123LabelProblem } from '../core/kube/names';
import { handNamespaceProblems } from './hand-namespaces';
import { applyPendingPatches, type ObjectTarget, type PendingPatches, unknownTargetProblems } from './object-target';

/** The fleet: every cluster a chart of its own, written to `dist/<cluster>/` (or `dist/<cluster>.k8s.yaml`). */
export interface ClusterSetProps {
  /** The member clusters, each becoming one chart named after the cluster. @default - no default: a fleet needs clusters */
  readonly clusters: ClusterProps[];
  /**
   * How the objects reach the clusters: one of the `Delivery` factories or an `IDeliveryEngine` of your
   * own. The services stay as they are, except that an engine that drops ClusterIPs cannot carry them
   * (docs/delivery.md).
   * @default Delivery.direct()
   */
  readonly delivery?: IDeliveryEngine;
  /** Namespaces with labels and annotations, each placed in every cluster holding one of its services (docs/namespaces.md). @default [] */
  readonly namespaces?: NamespaceProps[];
}

/** A valid cluster name that no construct can take as its id. */
const UNUSABLE_CHART_ID = 'constructor';

/** The chart id of the hub's objects, for engines that write some. */
const HUB = 'hub';

/**
 * A set of clusters connected by Submariner, each synthesized apart. Services declared on it are
 * planned together at synth time (addresses are allocated fleet-wide) and translated into the charts.
 */
export class ClusterSet extends Construct {
  /** The chart id, and output folder, of the hub's objects for engines that write some (`dist/hub/`). */
  public static readonly HUB = HUB;

  /** The clusters as given. */
  public readonly clusters: ClusterProps[];
  /** How the objects reach the clusters. */
  public readonly delivery: IDeliveryEngine;
  private readonly namespaces?: NamespaceProps[];
  private readonly charts = new Map<string, Chart>();
  private readonly hub?: Chart;
  /** Each service's spec, or how to make it once the fleet is planned (a handed-over cdk8s-plus workload). */
  private readonly services: Array<ServiceSpec | (() => ServiceSpec)> = [];
  private readonly migrations: MigrationSpec[] = [];
  private readonly governance: GovernanceSpec[] = [];
  private readonly monitoring: MonitoringSpec[] = [];
  private readonly propsProblems: string[];
  private planned?: FleetPlan;
  private readonly pendingPatches: PendingPatches[] = [];
  /** The layout problems found once the charts were filled; undefined until then. */
  private materialized?: string[];

  constructor(scope: Construct, id: string, props: ClusterSetProps) {
    super(scope, id);
    // Props may come from JSON or YAML: nothing here may assume their types before the checks (at synth) do.
    this.propsProblems = clusterSetPropsProblems(props).map((p) => `${this.node.path}: ${p}`);
    const given: Partial<ClusterSetProps> = isObject(props) ? props : {};
    this.clusters = given.clusters as ClusterProps[];
    // A malformed engine is reported by the props checks; the fleet is built as if it were direct.
    this.delivery = this.propsProblems.length === 0 && given.delivery !== undefined ? given.delivery : Delivery.direct();
    this.namespaces = given.namespaces;
    // Charts hang off the root so that cdk8s names their output after the cluster alone.
    const root = this.node.root as Construct;
    // A hub engine deploys to the clusters itself: the output is the hub's objects only.
    for (const name of this.delivery.clusterFolders ? this.clusterNames() : []) {
      // A duplicate name is reported by validation, with the other problems.
      if (this.charts.has(name)) continue;
      if (name === UNUSABLE_CHART_ID) {
        this.propsProblems.push(
          `${this.node.path}: cluster "${name}" cannot have a cdk8s chart: the constructs library finds "${name}" among every construct's children ` +
            '(it is a property of every JavaScript object); rename the cluster',
        );
        continue;
      }
      if (root.node.tryFindChild(name)) {
        throw new ClusterSetValidationError([
          `${this.node.path}: cluster "${name}" needs the chart id "${name}" at the app root, which is taken ` +
            '(by another ClusterSet with the same cluster, or a chart of that name); one ClusterSet per app owns each cluster',
        ]);
      }
      this.charts.set(name, new Chart(root, name));
    }
    if (this.delivery.hubObjects && !this.clusterNames().includes(HUB)) this.hub = new Chart(root, HUB);
    // Thrown, not returned: cdk8s would wrap returned problems into a plain Error.
    this.node.addValidation({ validate: () => (checkedFleets(this.node.root), []) });
  }

  /** The names of the clusters that can have a chart: well-formed names only, the others are reported at synth. */
  private clusterNames(): string[] {
    const clusters: unknown = this.clusters;
    if (!Array.isArray(clusters)) return [];
    return clusters.flatMap((c: unknown) => (isObject(c) && typeof c.name === 'string' && !dns1123LabelProblem(c.name) ? [c.name] : []));
  }

  /** The chart of one cluster, to add objects of your own next to what clusterset emits. */
  public chart(cluster: string): Chart {
    const chart = typeof cluster === 'string' ? this.charts.get(cluster) : undefined;
    if (!chart && !this.delivery.clusterFolders) {
      throw new ClusterSetValidationError([
        `${this.node.path}: ${this.delivery.name} writes only the hub's objects, so there is no chart for cluster "${cluster}"; ` +
          'add your objects to the hub, or use Delivery.direct()',
      ]);
    }
    if (!chart) {
      throw new ClusterSetValidationError([`${this.node.path}: no cluster "${String(cluster)}" in this ClusterSet (known: ${[...this.charts.keys()].join(', ')})`]);
    }
    return chart;
  }

  /**
   * Adds cdk8s JSON patches to an object clusterset writes (cdk8s's `addJsonPatch` escape hatch): they are
   * applied to the object's ApiObject when the charts are filled at synth, after every override, so they
   * reach the YAML as written. A target that matches no object, or several, is a synth error.
   */
  public addJsonPatch(target: ObjectTarget, ...patches: JsonPatch[]): void {
    this._addJsonPatch(target, patches, this.node.path);
  }

  /** @internal Records patches for `target`; `path` is the construct that asked, for errors. */
  public _addJsonPatch(target: ObjectTarget, patches: JsonPatch[], path: string): void {
    if (this.materialized) throw new ClusterSetValidationError([`${path}: addJsonPatch was called after the fleet was synthesized; add patches before synth`]);
    this.pendingPatches.push({ target: { ...target }, patches: [...patches], path });
  }

  /** The per-cluster plan of every service; throws ClusterSetValidationError listing every problem. */
  public plan(): FleetPlan {
    this.planned ??= planFleet(
      {
        path: this.node.path,
        clusters: this.clusters,
        services: this.resolvedServices(),
        ...(this.namespaces !== undefined ? { namespaces: this.namespaces } : {}),
        ...(this.migrations.length > 0 ? { migrations: this.migrations } : {}),
        ...(this.governance.length > 0 ? { governance: this.governance } : {}),
        ...(this.monitoring.length > 0 ? { monitoring: this.monitoring } : {}),
      },
      { delivery: this.delivery },
    );
    return this.planned;
  }

  /**
   * The plan as a plain-text report for a terminal or a review comment (docs/operations.md#see-it): clusters
   * with their status and usage against allocatable, replicas per service and cluster, what moved, what was
   * degraded, and the earlier phases of a migration. Plans the fleet (so call it once every service and
   * migration is declared); throws ClusterSetValidationError listing every problem, as `plan()` does.
   */
  public report(): string {
    return PlanReport.text(this.plan(), { title: this.node.path });
  }

  /**
   * The fleet's network table as plain text (docs/governance.md#the-network-table): each cluster's service,
   * pod and Globalnet ranges, which pairs overlap and need Globalnet, the static addresses, and what the
   * planned NetworkPolicies admit. Plans the fleet; throws ClusterSetValidationError listing every problem,
   * as `plan()` does.
   */
  public networkTable(): string {
    return NetworkTable.text(this.plan(), this.clusters, { title: this.node.path });
  }

  /** The services' specs, those made at plan time made once (handing a workload over removes it from its chart). */
  private resolvedServices(): ServiceSpec[] {
    for (const [i, spec] of this.services.entries()) if (typeof spec === 'function') this.services[i] = spec();
    return this.services as ServiceSpec[];
  }

  /** @internal Called by FleetGovernance. */
  public _addGovernance(spec: GovernanceSpec): void {
    if (this.planned) throw new ClusterSetValidationError([`${this.node.path}: governance cannot be added after the fleet was synthesized`]);
    this.governance.push(spec);
  }

  /** @internal Called by FleetMonitoring. */
  public _addMonitoring(spec: MonitoringSpec): void {
    if (this.planned) throw new ClusterSetValidationError([`${this.node.path}: monitoring cannot be added after the fleet was synthesized`]);
    this.monitoring.push(spec);
  }

  /** @internal Called by Migration. */
  public _addMigration(spec: MigrationSpec): void {
    if (this.planned) throw new ClusterSetValidationError([`${this.node.path}: migrations cannot be added after the fleet was synthesized`]);
    this.migrations.push(spec);
  }

  /** @internal Called by MultiClusterService. */
  public _addService(spec: ServiceSpec | (() => ServiceSpec)): void {
    if (this.planned) throw new ClusterSetValidationError([`${this.node.path}: services cannot be added after the fleet was synthesized`]);
    this.services.push(spec);
  }

  /**
   * @internal Plans and fills the charts once, returning the problems found. It runs as validation (and
   * before ClusterSetApp renders), so a failing plan stops cdk8s before any file is written. Objects added
   * by hand depend on the planned Namespaces, so Namespaces come first in every output layout.
   */
  public _materialize(): string[] {
    if (this.materialized) return this.materialized;
    const deliveryProblems = this.propsProblems.length > 0 ? [...this.propsProblems] : this.deliveryProblems();
    let plan: FleetPlan;
    try {
      plan = this.plan();
    } catch (error) {
      if (error instanceof ClusterSetValidationError) return [...error.problems, ...deliveryProblems];
      throw error;
    }
    if (deliveryProblems.length > 0) return deliveryProblems;
    const output = this.delivery.deliver({ fleetName: Names.toDnsLabel(this), clusters: [...this.clusters], plan });
    const outputProblems = this.outputProblems(output);
    if (outputProblems.length > 0) return outputProblems;
    const patchProblems = unknownTargetProblems([...this.charts.keys(), ...(this.hub ? [HUB] : [])], this.pendingPatches);
    if (this.delivery.hubObjects && this.hub) {
      const hubObjects = (output.hub ?? []).map((manifest) => addApiObject(this.hub as Chart, manifest));
      patchProblems.push(...applyPendingPatches(HUB, hubObjects, this.pendingPatches));
    }
    const handProblems: string[] = [];
    for (const folder of this.delivery.clusterFolders ? (output.clusters ?? []) : []) {
      const chart = this.charts.get(folder.cluster);
      if (!chart) continue;
      // ClusterSetApp writes these next to the objects, once it knows the folder's file names.
      if ((folder.files ?? []).length > 0) Object.defineProperty(chart, FOLDER_FILES, { value: folder.files });
      const byHand = apiObjectsOf(chart);
      const plannedNamespaces = new Set(folder.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
      handProblems.push(...handNamespaceProblems(this.node.path, chart, byHand, plannedNamespaces));
      const planned = folder.objects.map((manifest) => addApiObject(chart, manifest));
      patchProblems.push(...applyPendingPatches(folder.cluster, planned, this.pendingPatches));
      // Planned objects are already in apply order; only objects added by hand need an edge to come later.
      const namespaces = planned.filter((o) => o.kind === 'Namespace');
      for (const object of byHand.filter((o) => o.kind !== 'Namespace')) object.node.addDependency(...namespaces);
    }
    this.materialized = [...patchProblems, ...handProblems, ...outputLayoutProblems(this.node.root, [...this.charts.values()])];
    return this.materialized;
  }

  /** Why the chosen delivery cannot work with these props. */
  private deliveryProblems(): string[] {
    if (this.delivery.hubObjects && this.clusterNames().includes(HUB)) {
      return [`${this.node.path}: a cluster is named "${HUB}", the output ${this.delivery.name} writes the hub's objects to; rename the cluster`];
    }
    return [];
  }

  /** The engine's own problems, and files it adds to folders that only ClusterSetApp writes. */
  private outputProblems(output: DeliveryOutput): string[] {
    const problems = (output.problems ?? []).map((p) => `${this.node.path}: ${p}`);
    const root = this.node.root;
    const files = [...new Set((this.delivery.clusterFolders ? (output.clusters ?? []) : []).flatMap((c) => (c.files ?? []).map((f) => f.name)))];
    if (files.length > 0 && !(root instanceof App && NAMESPACED_FILES in root)) {
      problems.push(`${this.node.path}: ${this.delivery.name} writes ${files.join(', ')} into each cluster folder, which only ClusterSetApp does; use new ClusterSetApp()`);
    }
    return problems;
  }
}

/**
 * Plans every ClusterSet of the app (each once) and throws one ClusterSetValidationError with all their
 * problems; returns them otherwise. Runs as the ClusterSets' cdk8s validation and before ClusterSetApp renders anything.
 */
export function checkedFleets(root: Construct): ClusterSet[] {
  const fleets = root.node.findAll().filter((c): c is ClusterSet => c instanceof ClusterSet);
  const problems = fleets.flatMap((fleet) => fleet._materialize());
  if (problems.length > 0) throw new ClusterSetValidationError(problems);
  return fleets;
}
