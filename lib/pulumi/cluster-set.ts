import * as os from 'node:os';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterProps } from '../core/api/cluster';
import type { NamespaceProps } from '../core/api/namespace';
import { ClusterSetValidationError, Problems } from '../core/errors';
import { describeValue } from '../core/validate/input/describe';
import { checkClusters } from '../core/validate/input/fleet-shape';
import { isObject, object } from '../core/validate/input/shape';
import { own } from '../core/kube/own';
import { pulumiClusterShape } from './args-shape';
import type { Manifest } from '../core/kube/manifest';
import { planOnLedger } from '../core/plan';
import { AddressResolution, type FleetPlan, type GovernanceSpec, type MigrationSpec, type MonitoringSpec, type PlanOptions, type ServiceSpec } from '../core/model';
import type { MigrationProps } from '../core/api/migration';
import { FleetLedger } from '../core/validate/fleet-ledger';
import { refKey, refOf } from '../core/kube/object-ref';
import { createResource } from './resources';

/**
 * How every plan of this flavour is made. Addresses are read from the clusters: a placeholder's EndpointSlice
 * takes the active Service's real ClusterIP. A Secret's plain strings are in the program, in Git, as in the
 * cdk8s flavour's files, so refused alike; values given as Pulumi Outputs (pulumi.secret, config.requireSecret)
 * are taken out before planning.
 */
const PLAN_OPTIONS: PlanOptions = { addresses: AddressResolution.LIVE };

/** One member cluster, with how Pulumi reaches it. */
export interface PulumiClusterProps extends ClusterProps {
  /** A kubeconfig file's path (`~/` expanded) or its content; always passed to the Provider as a secret. @default - the provider's default (KUBECONFIG, then ~/.kube/config) */
  readonly kubeconfig?: pulumi.Input<string>;
  /** The kubeconfig context to use. @default - the kubeconfig's current context */
  readonly context?: string;
  /** An existing kubernetes Provider to use instead of creating one. @default - one is created from kubeconfig and context */
  readonly provider?: k8s.Provider;
}

/** @internal One service planned on the fleet, not yet claimed on it. */
export interface ServiceTrial {
  /** The service's plan; undefined when a clash stopped it. */
  readonly plan?: FleetPlan;
  /** Its clashes with the services constructed before it. */
  readonly problems: Problems;
  /** What it claims, on a branch of the fleet's ledger. */
  readonly claims: FleetLedger;
  /** The service as planned, recorded once it is claimed for the whole-fleet plans of FleetGovernance and FleetMonitoring. */
  readonly spec: ServiceSpec;
}

/** @internal One object created in a cluster by a component of this fleet, as planned. */
export interface CreatedObject {
  /** The planned manifest, before live values and secret values were put in. */
  readonly manifest: Manifest;
  readonly resource: pulumi.CustomResource;
  /** The path of the component that created it (the fleet's name for Namespaces). */
  readonly by: string;
}

/** @internal A FleetGovernance or FleetMonitoring, as the ClusterSet records it. */
export type FleetPart = { readonly governance: GovernanceSpec } | { readonly monitoring: MonitoringSpec };

/** The fleet of a Pulumi program. */
export interface ClusterSetArgs {
  /** The member clusters, each getting one kubernetes Provider. @default - no default: a fleet needs clusters */
  readonly clusters: readonly PulumiClusterProps[];
  /** Namespaces with labels and annotations, each created in every cluster holding one of its services (docs/namespaces.md). @default [] */
  readonly namespaces?: readonly NamespaceProps[];
  /**
   * Migrations of services between clusters, each at its phase (docs/operations.md). Each service is planned
   * when it is constructed: a named service that is never constructed is reported only by a FleetGovernance or
   * FleetMonitoring, which plans the whole fleet.
   * @default []
   */
  readonly migrations?: readonly MigrationProps[];
}

/**
 * The fleet as a Pulumi component: one `kubernetes.Provider` per cluster, and the Namespaces its
 * services need, created once per cluster. Clusters are validated when it is constructed. It records every
 * service and every object created, for the FleetGovernance and FleetMonitoring constructed after the services.
 */
export class ClusterSet extends pulumi.ComponentResource {
  public static readonly TYPE = 'clusterset:index:ClusterSet';

  /**
   * The fleet from stack configuration, key `clusterset:clusters` (a list of clusters as in
   * `PulumiClusterProps`), so one program runs as several stacks: `Pulumi.dev.yaml`, `Pulumi.prod.yaml`.
   */
  public static fromConfig(name: string, opts?: pulumi.ComponentResourceOptions, configNamespace = 'clusterset'): ClusterSet {
    const key = `${configNamespace}:clusters`;
    let clusters: unknown;
    try {
      clusters = new pulumi.Config(configNamespace).getObject<unknown>('clusters');
    } catch {
      throw new ClusterSetValidationError([`${name}: stack configuration ${key} is not valid JSON or YAML; give it as a list of clusters such as [{ name, serviceCidr, podCidr }]`]);
    }
    if (clusters === undefined) {
      throw new ClusterSetValidationError([
        `${name}: stack configuration has no ${key}; set it in Pulumi.<stack>.yaml as a list of clusters such as [{ name, serviceCidr, podCidr }]`,
      ]);
    }
    return new ClusterSet(name, { clusters: clusters as PulumiClusterProps[] }, opts);
  }

  /** The fleet's name, the root of every path in errors. */
  public readonly fleetName: string;
  /** The clusters, without their connection settings. */
  public readonly clusters: readonly ClusterProps[];
  /** The Provider of each cluster, by cluster name. */
  public readonly providers: Readonly<Record<string, k8s.Provider>>;
  /** The declared Namespaces, which every service's plan places. */
  public readonly declaredNamespaces: readonly NamespaceProps[];
  /** The migrations, as the planner takes them. */
  private readonly migrations: MigrationSpec[];
  /** The services claimed so far, as planned. */
  private readonly services: ServiceSpec[] = [];
  /** The FleetGovernance and FleetMonitoring components constructed so far, in order. */
  private readonly parts: FleetPart[] = [];
  /** What the services constructed so far claimed: names, objects, addresses. */
  private readonly ledger = new FleetLedger();
  /**
   * Every object created in the clusters so far, by `cluster/apiVersion/Kind/namespace/name`: each Namespace and
   * each dependency once per cluster, whichever services need it.
   */
  private readonly created = new Map<string, CreatedObject>();

  constructor(name: string, args: ClusterSetArgs, opts?: pulumi.ComponentResourceOptions) {
    // The same checks as the cdk8s flavour, before anything is registered: a bad fleet leaves nothing behind.
    const clusters = checkedClusters(name, args);
    super(ClusterSet.TYPE, name, {}, opts);
    this.fleetName = name;
    this.declaredNamespaces = args.namespaces ?? [];
    this.migrations = partSpecs(name, 'migrations', args.migrations) as MigrationSpec[];
    this.clusters = clusters.map(withoutConnection);
    this.providers = Object.fromEntries(
      clusters.map((c) => [
        c.name,
        c.provider ??
          new k8s.Provider(
            `${name}-${c.name}`,
            { kubeconfig: c.kubeconfig === undefined ? undefined : pulumi.secret(pulumi.output(c.kubeconfig).apply(expandHome)), context: c.context },
            { parent: this },
          ),
      ]),
    );
    this.registerOutputs({ clusters: this.clusters.map((c) => c.name) });
  }

  /** The Provider of one cluster. */
  public provider(cluster: string): k8s.Provider {
    const provider = own(this.providers, cluster);
    if (!provider) throw new ClusterSetValidationError([`${this.fleetName}: no cluster "${String(cluster)}" in this ClusterSet (known: ${Object.keys(this.providers).join(', ')})`]);
    return provider;
  }

  /**
   * @internal Plans one service on the fleet, its fleet-wide checks made against what the services
   * constructed before it claimed (`FleetLedger`, the same checks as planFleet's). Throws
   * ClusterSetValidationError if the service has problems of its own; clashes with other services are
   * kept in the result, for `_claim` to raise once the service's component is registered.
   */
  public _plan(service: ServiceSpec): ServiceTrial {
    const [first] = this.parts.map(partPath);
    if (first !== undefined) {
      throw new ClusterSetValidationError([
        `${service.path}: is constructed after ${first}, which planned the fleet's services as they were then: its guardrails, rules and ` +
          `monitoring would not count this one; construct every MultiClusterService of ${this.fleetName} before its FleetGovernance and FleetMonitoring`,
      ]);
    }
    const claims = this.ledger.branch();
    const problems = new Problems();
    const plan = planOnLedger(
      { path: this.fleetName, clusters: [...this.clusters], services: [service], namespaces: [...this.declaredNamespaces], migrations: this.migrations },
      PLAN_OPTIONS,
      claims,
      problems,
      { wholeFleet: false },
    );
    problems.throwIfAnyBesidesClashes();
    return { plan, problems, claims, spec: service };
  }

  /**
   * @internal Raises the clashes of a planned service as ClusterSetValidationError, or adds what it
   * claims to the fleet's ledger and returns its plan.
   */
  public _claim(trial: ServiceTrial): FleetPlan {
    trial.problems.throwIfAny();
    if (!trial.plan) throw new Error('internal: planning stopped without a problem');
    trial.claims.commit();
    this.services.push(trial.spec);
    return trial.plan;
  }

  /**
   * @internal Plans the whole fleet as the cdk8s flavour does (every service claimed so far, every governance
   * and monitoring constructed so far, and `part`), with every check of planFleet; reports into `problems` and
   * returns the plan, or undefined when a problem stopped it.
   */
  public _planWholeFleet(part: FleetPart, problems: Problems): FleetPlan | undefined {
    const parts = [...this.parts, part];
    const governance = parts.flatMap((p) => ('governance' in p ? [p.governance] : []));
    const monitoring = parts.flatMap((p) => ('monitoring' in p ? [p.monitoring] : []));
    return planOnLedger(
      {
        path: this.fleetName,
        clusters: [...this.clusters],
        services: [...this.services],
        namespaces: [...this.declaredNamespaces],
        migrations: this.migrations,
        ...(governance.length > 0 ? { governance } : {}),
        ...(monitoring.length > 0 ? { monitoring } : {}),
      },
      PLAN_OPTIONS,
      new FleetLedger(),
      problems,
    );
  }

  /** @internal Records a FleetGovernance or FleetMonitoring whose whole-fleet plan was accepted: no service may join after it. */
  public _addPart(part: FleetPart): void {
    this.parts.push(part);
  }

  /** @internal Records an object created in a cluster; the first record of an object stays (a shared dependency is one resource). */
  public _record(cluster: string, manifest: Manifest, resource: pulumi.CustomResource, by: string): void {
    const key = refKey(refOf(cluster, manifest));
    if (!this.created.has(key)) this.created.set(key, { manifest, resource, by });
  }

  /** @internal Every object created in the clusters so far, by `cluster/apiVersion/Kind/namespace/name`. */
  public get _created(): ReadonlyMap<string, CreatedObject> {
    return this.created;
  }

  /**
   * @internal A dependency of a service in one cluster: the resource `create` makes the first time a service
   * needs it (its caller records it), the same resource for every other service that declares it alike (the
   * ledger refused any other).
   */
  public _dependency(cluster: string, manifest: Manifest, create: () => pulumi.CustomResource): pulumi.CustomResource {
    return this.created.get(refKey(refOf(cluster, manifest)))?.resource ?? create();
  }

  /** @internal A planned Namespace of one cluster, created the first time a service needs it. */
  public _namespace(cluster: string, manifest: Manifest): pulumi.CustomResource {
    const made = this.created.get(refKey(refOf(cluster, manifest)))?.resource;
    if (made) return made;
    const namespace = createResource(`${this.fleetName}/${cluster}/${manifest.metadata.name}`, manifest, { ...manifest }, { parent: this, provider: this.provider(cluster) });
    this._record(cluster, manifest, namespace, this.fleetName);
    return namespace;
  }
}

const argsShape = object({ clusters: { shape: () => true }, namespaces: { shape: () => true }, migrations: { shape: () => true } });

/** Fields of the fleet's args that are components of their own now, each with the component to construct instead. */
const MOVED_TO_COMPONENTS: Readonly<Record<string, string>> = {
  governance: "new FleetGovernance('guardrails', { clusterSet, namespaces, ... })",
  monitoring: "new FleetMonitoring('monitoring', { clusterSet, environment, remoteWrite })",
};

/** The path of a recorded part, for errors. */
function partPath(part: FleetPart): string {
  return 'governance' in part ? part.governance.path : part.monitoring.path;
}

/** A list of fleet-level props of the args (migrations), each with its path for errors. */
function partSpecs(name: string, field: string, parts: unknown): Array<{ path: string; props: unknown }> {
  return Array.isArray(parts) ? parts.map((props: unknown, i) => ({ path: `${name}/${field}[${i}]`, props })) : [];
}

/** The clusters of `args`, once their shape and the fleet-wide checks passed; throws ClusterSetValidationError otherwise. */
function checkedClusters(name: string, args: unknown): PulumiClusterProps[] {
  const problems = new Problems();
  const path = typeof name === 'string' ? name : 'ClusterSet';
  const report = (message: string) => problems.add(path, message);
  let clusters: PulumiClusterProps[] | undefined;
  if (!isObject(args)) report(`args must be an object such as { clusters: [...] }, got ${describeValue(args)}`);
  else {
    // Whole-fleet parts are planned once every service is constructed: they are components, constructed after the services.
    const moved = Object.keys(MOVED_TO_COMPONENTS).filter((field) => args[field] !== undefined);
    for (const field of moved) report(`${field} is not a field of ClusterSetArgs; construct ${MOVED_TO_COMPONENTS[field]} after the fleet's services instead (docs/governance.md)`);
    if (moved.length === 0 && argsShape(args, '', report)) clusters = checkClusters(path, args.clusters, problems, pulumiClusterShape) as PulumiClusterProps[] | undefined;
  }
  problems.throwIfAny();
  const namespaces = isObject(args) ? (args.namespaces as NamespaceProps[] | undefined) : undefined;
  const migrations = isObject(args) ? args.migrations : undefined;
  if (migrations !== undefined && !Array.isArray(migrations)) problems.add(path, `migrations must be a list of { from, to, phase }, got ${describeValue(migrations)}`);
  problems.throwIfAny();
  // The fleet-wide checks, migrations' clusters among them; their services are checked as each is constructed.
  const fleetProblems = new Problems();
  planOnLedger(
    { path, clusters: (clusters ?? []).map(withoutConnection), services: [], ...(namespaces !== undefined ? { namespaces } : {}), migrations: partSpecs(path, 'migrations', migrations) as MigrationSpec[] },
    {},
    new FleetLedger(),
    fleetProblems,
    { wholeFleet: false },
  );
  fleetProblems.throwIfAny();
  return clusters ?? [];
}

/** A cluster without how Pulumi reaches it: what the core plans with. */
function withoutConnection({ kubeconfig: _kubeconfig, context: _context, provider: _provider, ...cluster }: PulumiClusterProps): ClusterProps {
  return cluster;
}

/** `~/x` as the Provider would not expand it; kubeconfig contents pass unchanged. */
function expandHome(kubeconfig: string): string {
  return kubeconfig.startsWith('~/') ? `${os.homedir()}${kubeconfig.slice(1)}` : kubeconfig;
}
