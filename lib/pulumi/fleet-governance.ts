import * as pulumi from '@pulumi/pulumi';
import type { GovernanceProps } from '../core/api/governance';
import type { ClusterSet } from './cluster-set';
import { onResource } from './errors';
import { checkedPart, createPart, plannedPart } from './fleet-part';

/** Args of a FleetGovernance in the Pulumi flavour: the cdk8s props, plus the fleet. */
export interface FleetGovernanceArgs extends GovernanceProps {
  /** The fleet it governs, whose services must all be constructed before it. @default - no default: a Pulumi component has no scope to find it in */
  readonly clusterSet: ClusterSet;
}

/**
 * Guardrails, admission policies and traffic rules for namespaces of the fleet, as a Pulumi component
 * (docs/governance.md): constructed after every service of its ClusterSet, it plans the whole fleet as the cdk8s
 * flavour does, with every check (quota totals, admission of the fleet's own pods, the call graph, trust domains),
 * and creates, as its children under each cluster's Provider, every object of that plan the services did not
 * create: LimitRanges, ResourceQuotas, Gatekeeper constraints, PeerAuthentications, AuthorizationPolicies,
 * NetworkPolicies. A check that fails throws ClusterSetValidationError before anything of it is registered.
 */
export class FleetGovernance extends pulumi.ComponentResource {
  public static readonly TYPE = 'clusterset:index:FleetGovernance';

  /** The fleet it governs. */
  public readonly clusterSet: ClusterSet;
  /** Every resource it created, by `cluster/apiVersion/Kind/namespace/name` (Namespaces are the ClusterSet's). */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** `Kind namespace/name` of every object it created, by cluster. Also a registered output. */
  public readonly objects: Readonly<Record<string, readonly string[]>>;
  /**
   * The Gatekeeper library's ConstraintTemplates each cluster needs before its constraints, by URL at a pinned
   * commit (every FleetGovernance of the fleet constructed so far): clusterset installs them by reference and never
   * fetches them; apply them to each cluster before `pulumi up` (docs/governance.md#admission-policies-gatekeeper).
   * Also a registered output.
   */
  public readonly constraintTemplates: Readonly<Record<string, readonly string[]>>;

  constructor(name: string, args: FleetGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
    // The whole fleet is planned and checked before anything is registered: a refused governance leaves nothing behind.
    const checked = checkedPart('FleetGovernance', name, args, '{ clusterSet, namespaces: [...], limits, quota, ... }', (path, props) => ({
      governance: { path, props: props as unknown as GovernanceProps },
    }));
    const plan = plannedPart(checked);
    super(FleetGovernance.TYPE, name, {}, opts);
    this.clusterSet = checked.clusterSet;
    this.clusterSet._addPart(checked.part);
    const created = onResource(this, checked.path, () => createPart(this, checked, plan));
    this.resources = created.resources;
    this.objects = created.objects;
    this.constraintTemplates = Object.fromEntries(plan.clusters.filter((c) => (c.remoteResources ?? []).length > 0).map((c) => [c.cluster, [...(c.remoteResources ?? [])]]));
    this.registerOutputs({ objects: this.objects, constraintTemplates: this.constraintTemplates });
  }
}
