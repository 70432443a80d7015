// What the services of a fleet have claimed so far, and the checks that no two claim the same thing.
// planFleet claims a whole fleet on one ledger; the Pulumi ClusterSet keeps one for the life of the
// program and claims each MultiClusterService as it is constructed, on a branch that is committed only
// once the service is accepted. Either way each claim is checked against the ledger in one function, with
// one wording, and costs about the size of what is claimed, not of the fleet.
import type { Problems } from '../errors';
import { describeManifest, type Manifest } from '../kube/manifest';
import { dependencyContent, differentDependency } from '../emit/dependencies';
import { OwnerKind, type FleetPlan, type PlannedObject } from '../model';
import type { Cluster, ServiceModel } from '../resolved';
import type { Ipv4Cidr } from '../kube/cidr';
import { add, type Allocatable, type Amounts, NOTHING, overflowMessage, RESOURCES } from './capacity';

/** Claims of one kind, by cluster (or by any other scope): this ledger's own, then its parent's. */
class ScopedClaims<K, V> {
  private readonly own = new Map<string, Map<K, V>>();

  constructor(private readonly parent?: ScopedClaims<K, V>) {}

  get(scope: string, key: K): V | undefined {
    return this.own.get(scope)?.get(key) ?? this.parent?.get(scope, key);
  }

  set(scope: string, key: K, value: V): void {
    let claims = this.own.get(scope);
    if (!claims) this.own.set(scope, (claims = new Map()));
    claims.set(key, value);
  }

  /** Every key claimed in `scope`, the parent's included. */
  keys(scope: string): K[] {
    return [...(this.parent?.keys(scope) ?? []), ...(this.own.get(scope)?.keys() ?? [])];
  }

  /** Moves this level's claims into the parent. */
  commit(): void {
    if (!this.parent) return;
    for (const [scope, claims] of this.own) for (const [key, value] of claims) this.parent.set(scope, key, value);
    this.own.clear();
  }
}

/** The claim of a Namespace's object, which every service in that Namespace shares. */
const NAMESPACE_OBJECT = Symbol('a Namespace object');
/** The claim of an object of the fleet, in no service or Namespace. */
const FLEET_OBJECT = Symbol('a fleet object');
/** Who claimed an object: the service's path, or one of the markers above (no object per claim: a fleet has many). */
type ObjectClaim = string | typeof NAMESPACE_OBJECT | typeof FLEET_OBJECT;

/** The scope of claims that belong to the whole fleet rather than to one cluster. */
const FLEET = '';

/**
 * The fleet-wide claims: each service's `namespace/name`, each object emitted in a cluster, each ClusterIP
 * and Globalnet IP pinned or allocated in a cluster, and the pairs of clusters whose overlapping ranges
 * were already reported. A clash is reported with `Problems.addClash`, naming the service that claimed
 * the thing first.
 */
export class FleetLedger {
  private readonly services: ScopedClaims<string, string>;
  private readonly objects: ScopedClaims<string, ObjectClaim>;
  private readonly clusterIPs: ScopedClaims<number, string>;
  private readonly globalnetIPs: ScopedClaims<string, string>;
  private readonly overlaps: ScopedClaims<string, true>;
  /** The content of each dependency claimed, by cluster and object: services may share one they declare alike. */
  private readonly dependencies: ScopedClaims<string, string>;
  /** What each service takes in each cluster (pods, CPU and memory requests), by cluster and service path. */
  private readonly usage: ScopedClaims<string, Amounts>;
  /** The sum of `usage` in each cluster, kept as services are claimed so a claim costs its own clusters only. */
  private readonly usageTotals: ScopedClaims<string, Amounts>;

  constructor(parent?: FleetLedger) {
    this.usage = new ScopedClaims(parent?.usage);
    this.usageTotals = new ScopedClaims(parent?.usageTotals);
    this.services = new ScopedClaims(parent?.services);
    this.objects = new ScopedClaims(parent?.objects);
    this.clusterIPs = new ScopedClaims(parent?.clusterIPs);
    this.globalnetIPs = new ScopedClaims(parent?.globalnetIPs);
    this.overlaps = new ScopedClaims(parent?.overlaps);
    this.dependencies = new ScopedClaims(parent?.dependencies);
  }

  /** A ledger that sees every claim of this one and keeps its own apart until `commit`. */
  public branch(): FleetLedger {
    return new FleetLedger(this);
  }

  /** Adds a branch's claims to the ledger it was taken from. */
  public commit(): void {
    for (const claims of [this.services, this.objects, this.clusterIPs, this.globalnetIPs, this.overlaps, this.dependencies, this.usage]) claims.commit();
    this.usageTotals.commit();
  }

  /** What the services claimed so far take in a cluster. */
  public usedIn(cluster: string): Amounts {
    return this.usageTotals.get(cluster, FLEET) ?? NOTHING;
  }

  /** Two services may not share a namespace and name: they would be one Service in every cluster. */
  public claimService(model: ServiceModel, problems: Problems): void {
    const key = `${model.namespace}/${model.name}`;
    const earlier = this.services.get(FLEET, key);
    if (earlier) problems.addClash(model.path, `service "${key}" is already defined by ${earlier}; give one of them another name or namespace`);
    else this.services.set(FLEET, key, model.path);
  }

  /**
   * What the services of a fleet take in a cluster must fit what it declares it can hold. Claims, service by
   * service in the order given, what `usage` (by cluster, then service path) says each takes; a service that
   * would overflow a cluster is refused there, naming the cluster, the total and the services that take the
   * most, and its usage is left out, as the Pulumi flavour leaves out a refused service.
   */
  public claimUsage(services: readonly string[], usage: ReadonlyMap<string, ReadonlyMap<string, Amounts>>, allocatable: ReadonlyMap<string, Allocatable>, problems: Problems): void {
    for (const path of services) {
      let fits = true;
      for (const [cluster, byService] of usage) {
        const taken = byService.get(path);
        const limits = allocatable.get(cluster);
        if (!taken || !limits) continue;
        const total = add(this.usageTotals.get(cluster, FLEET) ?? NOTHING, taken);
        for (const resource of RESOURCES) {
          const limit = limits[resource];
          if (limit === undefined || total[resource] <= limit || taken[resource] === 0n) continue;
          // Only a refusal lists the services of the cluster.
          const takers = new Map(this.usage.keys(cluster).map((p) => [p, this.usage.get(cluster, p) ?? NOTHING]));
          takers.set(path, add(takers.get(path) ?? NOTHING, taken));
          problems.addClash(path, overflowMessage(cluster, resource, limit, takers));
          fits = false;
        }
      }
      if (!fits) continue;
      for (const [cluster, byService] of usage) {
        const taken = byService.get(path);
        if (!taken) continue;
        this.usage.set(cluster, path, add(this.usage.get(cluster, path) ?? NOTHING, taken));
        this.usageTotals.set(cluster, FLEET, add(this.usageTotals.get(cluster, FLEET) ?? NOTHING, taken));
      }
    }
  }

  /**
   * A ClusterIP belongs to one Service of a cluster. `ip` is a usable address of `cidr`, pinned (as
   * `text`) or allocated for the service at `path`; returns whether it was free.
   */
  public claimClusterIP(cluster: Cluster, cidr: Ipv4Cidr, ip: number, text: string, path: string, problems: Problems): boolean {
    const owner = this.clusterIPs.get(cluster.name, ip);
    if (owner !== undefined) {
      problems.addClash(
        path,
        `clusterIP "${text}" is already taken by ${owner} in cluster "${cluster.name}"; pick a free address of ${cidr.text} (cluster "${cluster.name}"), best in its static band`,
      );
      return false;
    }
    this.clusterIPs.set(cluster.name, ip, path);
    return true;
  }

  /** The ClusterIPs claimed in one cluster so far. */
  public claimedClusterIPs(cluster: string): number[] {
    return this.clusterIPs.keys(cluster);
  }

  /** Submariner gives each exported Service its own Globalnet IP, so a pinned one belongs to one service. */
  public claimGlobalnetIP(cluster: Cluster, ip: string, path: string, problems: Problems): boolean {
    const owner = this.globalnetIPs.get(cluster.name, ip);
    if (owner !== undefined) {
      problems.addClash(
        path,
        `globalnetIP "${ip}" is already pinned by ${owner} in cluster "${cluster.name}"; Submariner gives each exported ` +
          'Service its own Globalnet IP, so pin the one it allocated to this Service',
      );
      return false;
    }
    this.globalnetIPs.set(cluster.name, ip, path);
    return true;
  }

  /**
   * Whether the overlap of two clusters' ranges is still to be reported: once per pair in a fleet, by the
   * first service that spans both. Records the pair.
   */
  public firstOverlapReport(a: string, b: string): boolean {
    const pair = [a, b].sort().join('|');
    if (this.overlaps.get(FLEET, pair)) return false;
    this.overlaps.set(FLEET, pair, true);
    return true;
  }

  /**
   * Two services could still emit one name (service "a" from cluster "b-c" and service "a-b" from "c");
   * refuse rather than overwrite. A Namespace's object is shared by the services in it.
   */
  public claimObjects(plan: FleetPlan, problems: Problems): void {
    for (const c of plan.clusters) {
      for (const o of c.objects) {
        const id = `${o.manifest.apiVersion.split('/')[0]}|${describeManifest(o.manifest)}`;
        const claim = claimOf(o);
        if (typeof claim === 'string' && o.manifest.kind === 'ServiceExport') this.claimExport(o.manifest, claim, problems);
        const earlier = this.objects.get(c.cluster, id);
        if (o.dependency && typeof claim === 'string' && this.sharesDependency(c.cluster, id, o.manifest, earlier, claim, problems)) continue;
        const content = claim === FLEET_OBJECT ? dependencyContent(o.manifest) : undefined;
        if (earlier === undefined) {
          this.objects.set(c.cluster, id, claim);
          if (content !== undefined) this.dependencies.set(c.cluster, id, content);
        }
        // A Namespace's objects are shared by the services in it (its guardrails check their own owners), and
        // an object of the fleet is in the plan of every service of the Pulumi flavour that holds it: alike.
        else if (earlier === NAMESPACE_OBJECT && claim === NAMESPACE_OBJECT) continue;
        else if (earlier === FLEET_OBJECT && claim === FLEET_OBJECT) {
          if (this.dependencies.get(c.cluster, id) !== content) {
            problems.addClash(o.owner.name, `emits ${describeManifest(o.manifest)} in cluster "${c.cluster}", which another part of the fleet emits differently; give one of them another name`);
          }
        } else {
          problems.addClash(
            typeof claim === 'string' ? claim : o.owner.name,
            `emits ${describeManifest(o.manifest)} in cluster "${c.cluster}", which ${typeof earlier === 'string' ? earlier : 'another object'} emits too; rename one of the services`,
          );
        }
      }
    }
  }

  /**
   * A dependency (ConfigMap, Secret...) that services declare alike is one object of the cluster: true when
   * `manifest` is new or the same as the one claimed earlier; a different content is reported as planFleet
   * reports it within one plan.
   */
  private sharesDependency(cluster: string, id: string, manifest: Manifest, earlier: ObjectClaim | undefined, path: string, problems: Problems): boolean {
    const content = dependencyContent(manifest);
    const claimed = this.dependencies.get(cluster, id);
    if (earlier === undefined) {
      this.objects.set(cluster, id, path);
      this.dependencies.set(cluster, id, content);
      return true;
    }
    if (claimed === undefined) return false;
    if (claimed !== content && typeof earlier === 'string') problems.addClash(path, differentDependency(manifest, cluster, earlier));
    return true;
  }

  /**
   * An exported name belongs to one service in the whole clusterset: exports of one name from two services
   * would be merged into one ServiceImport (a networking mode may export a name of its own, such as an alias).
   */
  private claimExport(manifest: PlannedObject['manifest'], path: string, problems: Problems): void {
    const name = `${manifest.metadata.namespace ?? 'default'}/${manifest.metadata.name}`;
    const earlier = this.services.get(FLEET, `export ${name}`);
    if (earlier === undefined) this.services.set(FLEET, `export ${name}`, path);
    else if (earlier !== path) {
      // The service of that namespace and name keeps it; the other one exports a name that is not its own.
      const blamed = this.services.get(FLEET, name) === path ? earlier : path;
      const other = blamed === path ? earlier : path;
      problems.addClash(blamed, `exports ${name}, which ${other} exports too; Lighthouse would merge them into one ServiceImport; give the mode's export a name of its own`);
    }
  }
}

function claimOf(o: PlannedObject): ObjectClaim {
  if (o.owner.kind === OwnerKind.SERVICE) return o.owner.name;
  return o.owner.kind === OwnerKind.NAMESPACE ? NAMESPACE_OBJECT : FLEET_OBJECT;
}
