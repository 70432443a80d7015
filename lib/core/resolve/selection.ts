import type { Cluster } from '../resolved';
import { describeSelector, selectorMatches, selectorProblem } from '../kube/selector-match';
import type { Placement } from '../api/placement';

/**
 * The clusters one placement covers, in fleet order, less its `excludeClusters`; each problem goes to
 * `report`, starting with `field`.
 */
export function selectClusters(placement: Placement, fleet: readonly Cluster[], field: string, report: (message: string) => void): Cluster[] {
  const known = fleet.map((c) => c.name).join(', ');
  const excluded = placement.props.excludeClusters ?? [];
  for (const name of excluded.filter((n) => !fleet.some((c) => c.name === n))) {
    report(`${field} excludes cluster "${name}", which is not in the ClusterSet (known: ${known})`);
  }
  const chosen = included(placement, fleet, field, report);
  const kept = chosen.filter((c) => !excluded.includes(c.name));
  if (chosen.length > 0 && kept.length === 0) {
    report(`${field} excludes every cluster it selects (${chosen.map((c) => c.name).join(', ')}); remove an exclusion or select more clusters`);
  }
  return kept;
}

function included(placement: Placement, fleet: readonly Cluster[], field: string, report: (message: string) => void): Cluster[] {
  const { clusters: names, clusterLabelSelector: selector } = placement.props;
  const known = fleet.map((c) => c.name).join(', ');
  if ((names === undefined) === (selector === undefined)) {
    report(`${field} gives ${names === undefined ? 'neither' : 'both'} clusters and clusterLabelSelector; give exactly one of them`);
    return [];
  }
  if (names !== undefined) {
    if (names.length === 0) report(`${field} has an empty clusters list; name at least one cluster`);
    for (const name of names) {
      if (!fleet.some((c) => c.name === name)) {
        report(`${field} selects cluster "${name}", which is not in the ClusterSet (known: ${known})`);
      }
    }
    return fleet.filter((c) => names.includes(c.name));
  }
  const malformed = selectorProblem(selector ?? {});
  if (malformed) {
    report(`${field} clusterLabelSelector.${malformed}`);
    return [];
  }
  const chosen = fleet.filter((c) => selectorMatches(selector ?? {}, c.labels));
  if (chosen.length === 0) {
    const labels = fleet.map((c) => `${c.name} {${Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(',')}}`).join('; ');
    report(`${field} clusterLabelSelector "${describeSelector(selector ?? {})}" matches no cluster (clusters: ${labels})`);
  }
  return chosen;
}
