// A service with its placements resolved to clusters: what validation and emission both work from.
import type { Networking } from '../networking/networking';
import type { Cluster } from './cluster';
import type { Problems } from './errors';
import { mergeSorted } from './overrides';
import { ActivePlacement, type Placement, PlaceholderPlacement } from './placement';
import type { ServiceSpec } from './plan';
import { selectClusters } from './selection';
import { WorkloadKind } from './service';
import { LABELS, type ServiceModel } from './service-model';
import { checkCidrOverlaps, checkPinnedAddresses, checkPlacement, checkRoles, validateServiceOptions } from './validate';

/** One cluster of a service, with the placement that put it there. */
export interface Assignment {
  readonly cluster: Cluster;
  readonly placement: Placement;
}

/** A service after its placements were resolved; `assignments` are in fleet order. */
export interface ResolvedService {
  readonly spec: ServiceSpec;
  readonly model: ServiceModel;
  /** In fleet order. */
  readonly assignments: readonly Assignment[];
}

/**
 * Checks a service and resolves its placements to clusters, reporting every problem; CIDR overlaps
 * already reported for a pair of clusters (in `overlapPairs`) are not reported again.
 */
export function resolveService(spec: ServiceSpec, fleet: readonly Cluster[], overlapPairs: Set<string>, problems: Problems): ResolvedService {
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

/** The networking of a placeholder assignment; undefined for active ones. */
export function networkingOf(a: Assignment): Networking | undefined {
  return a.placement instanceof PlaceholderPlacement ? a.placement.props.networking : undefined;
}
