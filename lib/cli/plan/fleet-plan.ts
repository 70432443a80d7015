// A fleet of the plan document seen as the FleetPlan the plan report's sections read, so `clusterset plan`
// prints the same header and replica tables as PlanReport without re-running the program.
import type { FleetPlan } from '../../core/model';
import type { FleetDocument } from '../../core/report/plan-document';
import { clip } from '../clip';

/** The longest `namespace/name` the report's tables show. */
const NAME = 40;

/** A service's namespace and name, cut so that `namespace/name` is at most NAME characters. */
function short<T extends { readonly namespace: string; readonly name: string }>(s: T): T {
  if (s.namespace.length + 1 + s.name.length <= NAME) return s;
  const namespace = clip(s.namespace, NAME / 2 - 1);
  return { ...s, namespace, name: clip(s.name, NAME - namespace.length - 1) };
}

/**
 * The summaries of `fleet` as a FleetPlan. The report sections read clusters by name only, so the clusters
 * carry no objects; the plan document does not hold earlier migration phases, which are left out. Long
 * service names are cut, as the report's tables do not cut cells.
 */
export function fleetPlanOf(fleet: FleetDocument): FleetPlan {
  return {
    clusters: fleet.clusters.map((c) => ({ cluster: c.cluster.name, objects: [] })),
    services: fleet.services.map(short),
    ...(fleet.usage ? { usage: fleet.usage } : {}),
    ...(fleet.operations ? { operations: { ...fleet.operations, services: fleet.operations.services.map(short) } } : {}),
    ...(fleet.northSouth ? { northSouth: fleet.northSouth } : {}),
  };
}
