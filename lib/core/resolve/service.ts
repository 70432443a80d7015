// A service with its placements resolved to clusters: what validation and emission both work from.
import type { Assignment, ResolvedService, ServiceSpec } from '../model';
import { type Cluster, LABELS, type ServiceModel } from '../resolved';
import type { Problems } from '../errors';
import type { FleetLedger } from '../validate/fleet-ledger';
import { mergeSorted } from '../kube/maps';
import { own } from '../kube/own';
import { ActivePlacement, type Placement, PlaceholderPlacement } from '../api/placement';
import { checkActiveReplicas, checkHeadlessPorts, checkSliceAddressesRoutable } from '../validate/routes';
import { selectClusters } from './selection';
import { ReplicaScheduling } from '../api/scheduling';
import { replicasByCluster, schedulingProblems } from './replica-shares';
import { idleNetworking } from './idle-networking';
import { WorkloadKind } from '../api/service';
import { ClusterStatus } from '../api/cluster';
import { checkPodTemplate } from '../validate/pod-template';
import { checkAutoscaling, checkClusterScaling, checkDisruptionBudget } from '../validate/autoscaling';
import { checkCidrOverlaps, checkOverrides, checkPinnedAddresses, checkPlacement, checkRoles, validateServiceOptions } from '../validate/checks';

/**
 * Checks a service and resolves its placements to clusters as if every cluster were ready, reporting every
 * problem of its props; `checkAssignments` checks what it becomes once operations moved it.
 */
export function resolveService(spec: ServiceSpec, fleet: readonly Cluster[], problems: Problems): ResolvedService & { readonly scalingValid: boolean } {
  const { path, name, options } = spec;
  validateServiceOptions(path, name, options, problems);
  checkPodTemplate(name, options, (message) => problems.add(path, message));
  const scalingValid = [checkAutoscaling(options.autoscaling, (m) => problems.add(path, m)), checkDisruptionBudget(options.disruptionBudget, (m) => problems.add(path, m))].every(Boolean);
  const namespace = options.namespace ?? 'default';
  const selector = { [LABELS.name]: name };
  const model: ServiceModel = {
    path,
    name,
    namespace,
    ports: [...options.ports],
    headless: options.workload === WorkloadKind.STATEFUL_SET,
    labels: mergeSorted(options.labels, selector, { [LABELS.managedBy]: LABELS.managerValue }),
    selector,
    clustersetHost: `${name}.${namespace}.svc.clusterset.local`,
    localHost: `${name}.${namespace}.svc.cluster.local`,
  };
  const byCluster = new Map<string, { cluster: Cluster; placement: Placement; field: string }>();
  options.placements.forEach((placement, i) => {
    const field = `placements[${i}] (${placement.role})`;
    const report = (message: string) => problems.add(path, message);
    checkPlacement(placement, field, options.image, report);
    const chosen = selectClusters(placement, fleet, field, report);
    if (placement instanceof ActivePlacement) checkPinnedAddresses(placement, field, chosen.length, model.headless, report);
    for (const cluster of chosen) {
      const earlier = byCluster.get(cluster.name);
      if (earlier) {
        report(
          `cluster "${cluster.name}" is selected by ${earlier.field} and again by ${field}; ` +
            'a service is placed once per cluster, so remove it from one placement',
        );
        continue;
      }
      byCluster.set(cluster.name, { cluster, placement, field });
    }
  });
  const placed = fleet.flatMap((c) => {
    const chosen = byCluster.get(c.name);
    return chosen ? [chosen] : [];
  });
  checkClusterOverrides(spec, placed, (message) => problems.add(path, message));
  const assignments = schedule(spec, model, placed, (message) => problems.add(path, message));
  checkHeadlessPorts(model, problems);
  return { spec, model, assignments, scalingValid };
}

/**
 * Checks a service's final assignments, after cluster status and migrations moved its replicas: every
 * placeholder reaches an exporting cluster, every active one runs pods, addresses route.
 */
export function checkAssignments(s: ResolvedService, scalingValid: boolean, fleet: readonly Cluster[], ledger: FleetLedger, problems: Problems): void {
  const { spec, model, assignments } = s;
  checkRoles(model, assignments, problems);
  // A cluster that is down serves no client; a StatefulSet's stays active at 0 replicas there (see operate/status.ts).
  checkActiveReplicas(model, spec.options.scheduling, assignments.filter((a) => a.cluster.status !== ClusterStatus.UNAVAILABLE), problems);
  checkSliceAddressesRoutable(model, assignments, fleet, problems);
  checkCidrOverlaps(spec.path, assignments.map((a) => a.cluster), ledger, problems);
  if (scalingValid) checkClusterScaling({ spec, model, assignments }, (m) => problems.add(spec.path, m));
}


/**
 * Gives each placed cluster its role and replicas. Under DIVIDED scheduling an active cluster whose
 * share is 0 stays as a placeholder, so its clients keep reaching the clusters that run the service.
 */
function schedule(
  spec: ServiceSpec,
  model: ServiceModel,
  placed: ReadonlyArray<{ readonly cluster: Cluster; readonly placement: Placement; readonly field: string }>,
  report: (message: string) => void,
): Assignment[] {
  const { options } = spec;
  const scheduling = options.scheduling;
  const divided = scheduling?.type === ReplicaScheduling.DIVIDED;
  const active = placed.filter((p) => p.placement instanceof ActivePlacement);
  const serviceReplicas = options.replicas ?? 1;
  const replicasOverride = (p: (typeof placed)[number]) => own(options.clusterOverrides, p.cluster.name)?.replicas ?? p.placement.props.overrides?.replicas;
  const problems = schedulingProblems(scheduling, serviceReplicas, active.map((a) => a.cluster.name));
  if (divided) {
    for (const a of active.filter((x) => replicasOverride(x) !== undefined)) {
      const where = a.placement.props.overrides?.replicas !== undefined ? a.field : `clusterOverrides["${a.cluster.name}"]`;
      problems.push(`${where} overrides replicas, but ReplicaScheduling.DIVIDED sets each cluster's share; use scheduling.preferences instead`);
    }
  }
  problems.forEach(report);
  // With the scheduling in error, plan as duplicated so its problems do not cascade into others.
  const shares =
    problems.length > 0
      ? new Map(active.map((a) => [a.cluster.name, replicasOverride(a) ?? serviceReplicas]))
      : replicasByCluster(
          scheduling,
          active.map((a) => ({ cluster: a.cluster, replicas: replicasOverride(a) ?? serviceReplicas })),
          serviceReplicas,
          `${model.namespace}/${model.name}`,
        );
  if (divided && problems.length === 0) {
    const total = scheduling?.totalReplicas ?? serviceReplicas;
    const placedReplicas = [...shares.values()].reduce((a, b) => a + b, 0);
    if (placedReplicas < total) {
      report(
        `scheduling places only ${placedReplicas} of ${total} replicas: the active clusters' maxReplicas and capacity ` +
          `(${active.map((a) => `${a.cluster.name}: ${shares.get(a.cluster.name) ?? 0}`).join(', ')}) leave no room for the rest; raise them or lower totalReplicas`,
      );
    }
  }
  const idle = idleNetworking(options, placed.map((p) => p.placement));
  return placed.map(({ cluster, placement }) => {
    if (placement instanceof PlaceholderPlacement) return { cluster, placement, role: 'placeholder', networking: placement.props.networking, replicas: 0 };
    const replicas = shares.get(cluster.name) ?? 0;
    // A headless Service cannot turn into a placeholder's (its clusterIP None is immutable), so an idle
    // StatefulSet cluster stays active at 0 replicas.
    if (divided && replicas === 0 && !model.headless) return { cluster, placement, role: 'placeholder', networking: idle, replicas: 0 };
    return { cluster, placement, role: 'active', replicas };
  });
}

/** Cluster overrides must name a cluster of the service, and cannot give a placeholder replicas. */
function checkClusterOverrides(
  spec: ServiceSpec,
  placed: ReadonlyArray<{ readonly cluster: Cluster; readonly placement: Placement }>,
  report: (message: string) => void,
): void {
  for (const [cluster, overrides] of Object.entries(spec.options.clusterOverrides ?? {})) {
    const field = `clusterOverrides["${cluster}"]`;
    const here = placed.find((p) => p.cluster.name === cluster);
    if (!here) {
      report(`${field} names a cluster this service is not placed in (placed in: ${placed.map((p) => p.cluster.name).join(', ')}); remove it or place the service there`);
      continue;
    }
    if (here.placement instanceof PlaceholderPlacement && overrides.replicas !== undefined) {
      report(`${field} overrides replicas to ${overrides.replicas}, but "${cluster}" is a placeholder and runs 0; use an ActivePlacement to run replicas there`);
    }
    checkOverrides(field, overrides, spec.options.image, report);
  }
}
