// Props in, per-cluster objects out: the one place that decides what exists where.
import type { Networking } from '../networking/networking';
import type { ActiveSource } from '../networking/wiring';
import { type AddressRequest, addressKey, type ResolvedAddress, resolveAddresses } from './addresses';
import type { Cluster, ClusterProps } from './cluster';
import { Problems } from './errors';
import { describeManifest, type Manifest } from './manifest';
import { namespaceManifest, type Role, serviceExportManifest, serviceManifest } from './objects';
import { imageFor, mergeSorted } from './overrides';
import { ActivePlacement, PlaceholderPlacement, type Placement } from './placement';
import { selectClusters } from './selection';
import { type MultiClusterServiceOptions, WorkloadKind } from './service';
import { LABELS, type ServiceModel } from './service-model';
import { checkCidrOverlaps, checkEnv, checkLabels, checkReplicas, validateClusters, validateServiceOptions } from './validate';
import { workloadManifest } from './workload';

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

/** When an object must be applied relative to the others; GitOps emitters turn it into sync waves. */
export enum ApplyWave {
  /** Namespaces, before anything lives in them. */
  NAMESPACES = 0,
  /** Workloads and Services. */
  WORKLOADS = 1,
  /** ServiceExports and placeholder wiring, once the Services they refer to exist. */
  NETWORKING = 2,
}

export interface PlannedObject {
  readonly manifest: Manifest;
  readonly wave: ApplyWave;
  /** Path of the service the object belongs to; undefined for shared Namespaces. */
  readonly servicePath?: string;
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
  /** Pinned or allocated addresses of the exported Service, by active cluster. */
  readonly addresses: Readonly<Record<string, ResolvedAddress>>;
}

export interface FleetPlan {
  /** One entry per cluster, in fleet order, including clusters that receive nothing. */
  readonly clusters: readonly ClusterPlan[];
  /** One entry per service, sorted by namespace and name. */
  readonly services: readonly ServiceSummary[];
}

interface Assignment {
  readonly cluster: Cluster;
  readonly placement: Placement;
}

interface ResolvedService {
  readonly spec: ServiceSpec;
  readonly model: ServiceModel;
  /** In fleet order. */
  readonly assignments: readonly Assignment[];
}

const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Turns a fleet and its services into the objects of every cluster. Pure and deterministic: the same
 * spec gives the same plan, whatever order services were declared in. Throws ClusterSetValidationError
 * with every problem found, before anything is built.
 */
export function planFleet(spec: FleetSpec): FleetPlan {
  const problems = new Problems();
  const clusters = validateClusters(spec.path, spec.clusters, problems);
  const overlapPairs = new Set<string>();
  const services = [...spec.services]
    .sort((a, b) => compare(serviceKey(a), serviceKey(b)))
    .map((s) => resolveService(s, clusters, overlapPairs, problems));
  checkDuplicateServices(services, problems);
  const addresses = resolveAddresses(addressRequests(services), problems);
  problems.throwIfAny();
  const plan = buildPlan(clusters, services, addresses);
  checkUniqueObjects(plan, problems);
  problems.throwIfAny();
  return plan;
}

function serviceKey(s: ServiceSpec): string {
  return `${s.options.namespace ?? 'default'}/${s.name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolveService(spec: ServiceSpec, fleet: readonly Cluster[], overlapPairs: Set<string>, problems: Problems): ResolvedService {
  const { path, name, options } = spec;
  validateServiceOptions(path, name, options, problems);
  const namespace = options.namespace ?? 'default';
  const selector = { [LABELS.name]: name };
  const model: ServiceModel = {
    path,
    name,
    namespace,
    ports: options.ports,
    headless: options.workload === WorkloadKind.STATEFUL_SET,
    labels: mergeSorted(options.labels, selector, { [LABELS.managedBy]: LABELS.managerValue }),
    selector,
    clustersetHost: `${name}.${namespace}.svc.clusterset.local`,
    localHost: `${name}.${namespace}.svc.cluster.local`,
  };
  const byCluster = new Map<string, { assignment: Assignment; field: string }>();
  options.placements.forEach((placement, i) => {
    const field = `placements[${i}] (${placement.role})`;
    const report = (message: string) => problems.add(path, message);
    checkPlacement(placement, field, report);
    const chosen = selectClusters(placement, fleet, field, report);
    if (placement instanceof ActivePlacement && chosen.length > 1) {
      for (const pinned of ['clusterIP', 'globalnetIP'] as const) {
        if (placement.props[pinned] !== undefined) {
          report(`${field} sets ${pinned} but selects ${chosen.length} clusters; a pinned IP belongs to one cluster, so split the placement`);
        }
      }
    }
    for (const cluster of chosen) {
      const earlier = byCluster.get(cluster.name);
      if (earlier) {
        report(
          `cluster "${cluster.name}" is selected by ${earlier.field} and again by ${field}; ` +
            'a service is placed once per cluster, so remove it from one placement',
        );
        continue;
      }
      byCluster.set(cluster.name, { assignment: { cluster, placement }, field });
    }
  });
  const assignments = fleet.flatMap((c) => {
    const chosen = byCluster.get(c.name);
    return chosen ? [chosen.assignment] : [];
  });
  checkRoles(model, assignments, problems);
  checkCidrOverlaps(path, assignments.map((a) => a.cluster), overlapPairs, problems);
  return { spec, model, assignments };
}

function checkPlacement(placement: Placement, field: string, report: (message: string) => void): void {
  const overrides = placement.props.overrides;
  if (placement instanceof PlaceholderPlacement) {
    if (!placement.props.networking?.wiring) {
      report(`${field} has no networking; choose Networking.ENDPOINT_SLICE, Networking.ISTIO or Networking.EXTERNAL_NAME`);
    }
    if (overrides?.replicas !== undefined) {
      report(`${field} overrides replicas to ${overrides.replicas}, but placeholders always run 0; use an ActivePlacement to run replicas there`);
    }
  }
  checkReplicas(`${field} overrides.replicas`, overrides?.replicas, report);
  checkLabels(`${field} overrides.labels`, overrides?.labels, report);
  checkEnv(`${field} overrides.env`, overrides?.env, report);
}

function checkRoles(model: ServiceModel, assignments: readonly Assignment[], problems: Problems): void {
  const active = assignments.filter((a) => a.placement.role === 'active');
  const placeholders = assignments.filter((a) => a.placement instanceof PlaceholderPlacement);
  if (placeholders.length > 0 && active.length === 0) {
    problems.add(
      model.path,
      `has placeholders in ${placeholders.map((p) => `"${p.cluster.name}"`).join(', ')} but no active cluster for them to reach; ` +
        'add an ActivePlacement (or turn one placeholder into an ActivePlacement)',
    );
  }
  if (placeholders.length > 0) {
    for (const a of active.filter((x) => !x.cluster.mcs)) {
      problems.add(
        model.path,
        `active cluster "${a.cluster.name}" sets mcs: false, so the service cannot be exported to its placeholders; enable mcs on that cluster`,
      );
    }
  }
  for (const p of placeholders) {
    const networking = (p.placement as PlaceholderPlacement).props.networking;
    if (!networking?.wiring) continue;
    const sources = active.map((a) => ({ cluster: a.cluster }));
    for (const message of networking.wiring.problems({ service: model, cluster: p.cluster, sources })) {
      problems.add(model.path, message);
    }
  }
}

function checkDuplicateServices(services: readonly ResolvedService[], problems: Problems): void {
  const seen = new Map<string, string>();
  for (const s of services) {
    const key = `${s.model.namespace}/${s.model.name}`;
    const earlier = seen.get(key);
    if (earlier) problems.add(s.model.path, `service "${key}" is already defined by ${earlier}; give one of them another name or namespace`);
    else seen.set(key, s.model.path);
  }
}

function networkingOf(a: Assignment): Networking | undefined {
  return a.placement instanceof PlaceholderPlacement ? a.placement.props.networking : undefined;
}

function addressRequests(services: readonly ResolvedService[]): AddressRequest[] {
  const requests: AddressRequest[] = [];
  for (const s of services.filter((x) => !x.model.headless)) {
    const placeholders = s.assignments.filter((a) => networkingOf(a)?.wiring);
    for (const a of s.assignments.filter((x) => x.placement instanceof ActivePlacement)) {
      const props = (a.placement as ActivePlacement).props;
      const needs = placeholders.map((p) => networkingOf(p)?.wiring.addressNeeded(p.cluster, a.cluster));
      const request = {
        cluster: a.cluster,
        serviceKey: `${s.model.namespace}/${s.model.name}`,
        path: s.model.path,
        needsClusterIP: needs.includes('clusterIP'),
        needsGlobalnetIP: needs.includes('globalnet'),
        pinnedClusterIP: props.clusterIP,
        pinnedGlobalnetIP: props.globalnetIP,
      };
      if (request.needsClusterIP || request.needsGlobalnetIP || props.clusterIP || props.globalnetIP) requests.push(request);
    }
  }
  return requests;
}

function buildPlan(clusters: readonly Cluster[], services: readonly ResolvedService[], addresses: Map<string, ResolvedAddress>): FleetPlan {
  const objects = new Map<string, PlannedObject[]>(clusters.map((c) => [c.name, []]));
  const namespaces = new Map<string, Set<string>>(clusters.map((c) => [c.name, new Set()]));
  const summaries: ServiceSummary[] = [];
  for (const s of services) {
    const key = `${s.model.namespace}/${s.model.name}`;
    const active = s.assignments.filter((a) => a.placement instanceof ActivePlacement);
    const sources: ActiveSource[] = active.map((a) => ({ cluster: a.cluster }));
    for (const a of s.assignments) {
      namespaces.get(a.cluster.name)?.add(s.model.namespace);
      const emitted = emitAssignment(s, a, sources, (cluster) => addresses.get(addressKey(cluster, key)));
      objects.get(a.cluster.name)?.push(...emitted.map((manifest) => ({ manifest, wave: applyWaveOf(manifest), servicePath: s.model.path })));
    }
    summaries.push({
      path: s.model.path,
      name: s.model.name,
      namespace: s.model.namespace,
      clustersetHost: s.model.clustersetHost,
      active: active.map((a) => a.cluster.name),
      placeholders: s.assignments
        .filter((a) => a.placement instanceof PlaceholderPlacement)
        .map((a) => ({ cluster: a.cluster.name, networking: String(networkingOf(a)) })),
      addresses: Object.fromEntries(active.flatMap((a) => {
        const found = addresses.get(addressKey(a.cluster.name, key));
        return found ? [[a.cluster.name, found]] : [];
      })),
    });
  }
  return {
    clusters: clusters.map((c) => {
      const nsObjects = [...(namespaces.get(c.name) ?? [])]
        .filter((ns) => !BUILT_IN_NAMESPACES.has(ns))
        .sort(compare)
        .map((ns) => ({ manifest: namespaceManifest(ns), wave: ApplyWave.NAMESPACES }));
      // Array.prototype.sort is stable: within a wave, objects keep service order.
      const rest = [...(objects.get(c.name) ?? [])].sort((a, b) => a.wave - b.wave);
      return { cluster: c.name, objects: [...nsObjects, ...rest] };
    }),
    services: summaries,
  };
}

function emitAssignment(
  s: ResolvedService,
  a: Assignment,
  sources: readonly ActiveSource[],
  addressOf: (cluster: string) => ResolvedAddress | undefined,
): Manifest[] {
  const { options } = s.spec;
  const overrides = a.placement.props.overrides;
  const role: Role = a.placement.role;
  const workload = workloadManifest(s.model, {
    kind: options.workload ?? WorkloadKind.DEPLOYMENT,
    role,
    image: imageFor(options.image, a.cluster.registry, overrides?.image),
    replicas: role === 'active' ? (overrides?.replicas ?? options.replicas ?? 1) : 0,
    labels: mergeSorted(overrides?.labels),
    annotations: mergeSorted(options.annotations, overrides?.annotations),
    env: mergeSorted(options.env, overrides?.env),
    command: options.command,
    args: options.args,
    resources: options.resources,
  });
  if (a.placement instanceof PlaceholderPlacement) {
    const wiring = a.placement.props.networking.wiring;
    const withAddresses = sources.map((src) => {
      const need = wiring.addressNeeded(a.cluster, src.cluster);
      const found = addressOf(src.cluster.name);
      return { ...src, address: need === 'globalnet' ? found?.globalnetIP : need === 'clusterIP' ? found?.clusterIP : undefined };
    });
    return [workload, ...wiring.objects({ service: s.model, cluster: a.cluster, sources: withAddresses })];
  }
  const emitted = [workload, serviceManifest(s.model, { role, withSelector: true, clusterIP: addressOf(a.cluster.name)?.clusterIP })];
  if (a.cluster.mcs) emitted.push(serviceExportManifest(s.model, a.cluster.mcs.apiVersion));
  return emitted;
}

/** The wave of any object, planned or added by hand: Namespaces, then core and apps objects, then the rest. */
export function applyWaveOf(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): ApplyWave {
  if (object.kind === 'Namespace') return ApplyWave.NAMESPACES;
  if (object.apiVersion === 'v1' || object.apiVersion === 'apps/v1') return ApplyWave.WORKLOADS;
  return ApplyWave.NETWORKING;
}

/** Two services could still emit one name (service "a" from cluster "b-c" and service "a-b" from "c"); refuse rather than overwrite. */
function checkUniqueObjects(plan: FleetPlan, problems: Problems): void {
  for (const c of plan.clusters) {
    const seen = new Map<string, string | undefined>();
    for (const o of c.objects) {
      const id = `${o.manifest.apiVersion.split('/')[0]}|${describeManifest(o.manifest)}`;
      if (seen.has(id)) {
        problems.add(
          o.servicePath ?? c.cluster,
          `emits ${describeManifest(o.manifest)} in cluster "${c.cluster}", which ${seen.get(id) ?? 'another object'} emits too; rename one of the services`,
        );
      } else seen.set(id, o.servicePath);
    }
  }
}
