// Props in, per-cluster objects out: the one place that decides what exists where.
import { addressRequests, type ResolvedAddress, resolveAddresses } from './addresses';
import type { ClusterProps } from './cluster';
import { checkClustersetNames } from './clusterset-names';
import { checkDeliveredAddresses } from './delivered-addresses';
import { Delivery } from './delivery';
import { buildPlan, checkUniqueObjects } from './emit';
import { Problems } from './errors';
import { checkFleetShape } from './input/fleet-shape';
import { describeValue } from './input/describe';
import { isObject, object, oneOf } from './input/shape';
import { type ApplyWave, compare } from './order';
import type { Manifest } from './manifest';
import { checkMcsConsistency } from './mcs-consistency';
import type { ObjectRef } from './object-ref';
import { resolveService } from './resolved-service';
import type { ReplicaScheduling } from './scheduling';
import type { MultiClusterServiceOptions } from './service';
import { checkDuplicateServices, validateClusters } from './validate';

export { ApplyWave, applyWaveOf } from './order';

/** One service as a backend hands it to the planner. */
export interface ServiceSpec {
  /** Construct path (cdk8s) or resource name path (Pulumi), for errors. */
  readonly path: string;
  readonly name: string;
  readonly options: MultiClusterServiceOptions;
}

/** The whole fleet and every service placed on it. */
export interface FleetSpec {
  readonly path: string;
  readonly clusters: readonly ClusterProps[];
  readonly services: readonly ServiceSpec[];
}

export interface PlannedObject {
  readonly manifest: Manifest;
  readonly wave: ApplyWave;
  /**
   * Objects that must exist first: the Namespace it lives in and, for placeholder objects, the active
   * clusters' Services and ServiceExports. Deploying backends (Pulumi) order by it; file backends apply by wave.
   */
  readonly dependsOn: readonly ObjectRef[];
  /** Path of the service the object belongs to; undefined for shared Namespaces. */
  readonly servicePath?: string;
  /**
   * Immutable fields the object sets (such as a Service's `spec.clusterIP`): a change of one needs the object
   * deleted and created again, which deploying backends do (Pulumi `replaceOnChanges`, delete first).
   */
  readonly replaceOnChanges?: readonly string[];
}

/** Everything one cluster receives, in apply order. */
export interface ClusterPlan {
  readonly cluster: string;
  readonly objects: readonly PlannedObject[];
}

/** Where one service landed, for outputs and docs. */
export interface ServiceSummary {
  readonly path: string;
  readonly name: string;
  readonly namespace: string;
  /** `{app}.{ns}.svc.clusterset.local` */
  readonly clustersetHost: string;
  readonly active: readonly string[];
  readonly placeholders: ReadonlyArray<{ readonly cluster: string; readonly networking: string }>;
  /** Replicas of each active cluster after scheduling. */
  readonly replicas: Readonly<Record<string, number>>;
  /** How the replicas were spread: duplicated, or divided into the shares in `replicas`. */
  readonly scheduling: ReplicaScheduling;
  /** For a StatefulSet, each active cluster's per-pod names `{pod}.{cluster}.{svc}.{ns}.svc.clusterset.local`. */
  readonly podHosts?: Readonly<Record<string, readonly string[]>>;
  /** Pinned or allocated addresses of the exported Service, by active cluster. */
  readonly addresses: Readonly<Record<string, ResolvedAddress>>;
}

export interface FleetPlan {
  /** One entry per cluster, in fleet order, including clusters that receive nothing. */
  readonly clusters: readonly ClusterPlan[];
  /** One entry per service, sorted by namespace and name. */
  readonly services: readonly ServiceSummary[];
}

/** How the IPs that placeholders point at become known. */
export enum AddressResolution {
  /** At synth time: pinned on the ActivePlacement or allocated from the static band (files, GitOps). */
  STATIC = 'static',
  /** Pinned where given, else read from the deployed Service (Pulumi outputs); nothing is allocated. */
  LIVE = 'live',
}

/** How to plan. */
export interface PlanOptions {
  /** Where placeholder addresses come from. @default AddressResolution.STATIC */
  readonly addresses?: AddressResolution;
  /** How the objects reach the clusters, for what a delivery engine changes on the way (Karmada drops ClusterIPs). @default Delivery.DIRECT */
  readonly delivery?: Delivery;
}

/**
 * Turns a fleet and its services into the objects of every cluster. Pure and deterministic: the same
 * spec gives the same plan, whatever order services were declared in. Throws ClusterSetValidationError
 * with every problem found, before anything is built.
 */
export function planFleet(spec: FleetSpec, options: PlanOptions = {}): FleetPlan {
  const problems = new Problems();
  checkPlanOptions(options, problems);
  const opts: PlanOptions = isObject(options) ? options : {};
  // Shapes first: fleets come from JSON and YAML, and the checks below read fields as their types say.
  const shaped = checkFleetShape(spec, problems);
  if (!shaped.clusters) problems.throwIfAny();
  const clusters = validateClusters(shaped.path, shaped.clusters ?? [], problems);
  const overlapPairs = new Set<string>();
  const services = [...shaped.services]
    .sort((a, b) => compare(serviceKey(a), serviceKey(b)))
    .map((s) => resolveService(s, clusters, overlapPairs, problems));
  checkDuplicateServices(services, problems);
  for (const s of services) checkClustersetNames(s, problems);
  checkDeliveredAddresses(opts.delivery ?? Delivery.DIRECT, services, problems);
  const live = opts.addresses === AddressResolution.LIVE;
  // Karmada drops every ClusterIP on the way (its own API server would even refuse addresses outside its range).
  const allocate = !live && opts.delivery !== Delivery.KARMADA;
  const addresses = resolveAddresses(addressRequests(services), problems, { allocate });
  problems.throwIfAny();
  const plan = buildPlan(clusters, services, addresses, live, problems);
  checkUniqueObjects(plan, problems);
  checkMcsConsistency(plan, problems);
  problems.throwIfAny();
  return plan;
}

const planOptionsShape = object({ addresses: { shape: oneOf(Object.values(AddressResolution)) }, delivery: { shape: oneOf(Object.values(Delivery)) } });

function checkPlanOptions(options: unknown, problems: Problems): void {
  if (options === undefined) return;
  const report = (message: string) => problems.add('planFleet', message);
  if (!isObject(options)) report(`options must be an object such as { addresses: AddressResolution.STATIC }, got ${describeValue(options)}`);
  else planOptionsShape(options, 'options', report);
}

function serviceKey(s: ServiceSpec): string {
  return `${s.options.namespace ?? 'default'}/${s.name}`;
}

