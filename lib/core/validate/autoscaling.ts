// The checks of `autoscaling` and `disruptionBudget`: their values, then what they give each cluster.
import type { Assignment, ResolvedService } from '../model';
import type { AutoscalingProps } from '../api/autoscaling';
import type { DisruptionBudgetProps } from '../api/disruption-budget';
import { ActivePlacement } from '../api/placement';
import { own } from '../kube/own';
import { ReplicaScheduling } from '../api/scheduling';
import { autoscalerBounds, clusterBudget, fewestPods, runsPods } from '../resolve/cluster-scaling';

type Report = (message: string) => void;

/** `report`, and whether it was called: a check passes when it reported nothing. */
function recording(report: Report): { fail: Report; failed: () => boolean } {
  let count = 0;
  return {
    fail: (message) => {
      count++;
      report(message);
    },
    failed: () => count > 0,
  };
}

/** The MetricSpec types of autoscaling/v2, each with the field that holds its source. */
const METRIC_SOURCES: Readonly<Record<string, string>> = {
  Resource: 'resource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
  ContainerResource: 'containerResource',
};

const whole = (n: number) => Number.isInteger(n);

/** The bounds and targets of `autoscaling`, before any cluster is looked at. */
export function checkAutoscaling(autoscaling: AutoscalingProps | undefined, report: Report): boolean {
  if (!autoscaling) return true;
  const { fail, failed } = recording(report);
  const { minReplicas, maxReplicas } = autoscaling;
  if (!whole(minReplicas) || minReplicas < 1) {
    fail(`autoscaling.minReplicas ${minReplicas} must be a whole number, 1 or more (an autoscaler never scales to 0); give minReplicas: 1 or more`);
  }
  if (!whole(maxReplicas) || maxReplicas < 1) fail(`autoscaling.maxReplicas ${maxReplicas} must be a whole number, 1 or more`);
  else if (whole(minReplicas) && minReplicas > maxReplicas) {
    fail(`autoscaling.minReplicas ${minReplicas} is above maxReplicas ${maxReplicas}; raise maxReplicas to ${minReplicas} or more, or lower minReplicas`);
  }
  for (const field of ['cpuUtilization', 'memoryUtilization'] as const) {
    const value = autoscaling[field];
    if (value !== undefined && (!whole(value) || value < 1 || value > 100)) {
      fail(`autoscaling.${field} ${value} must be a whole percentage from 1 to 100 of the pods' ${field === 'cpuUtilization' ? 'CPU' : 'memory'} request`);
    }
  }
  (autoscaling.metrics ?? []).forEach((metric, i) => {
    const field = `autoscaling.metrics[${i}]`;
    // The type is one of METRIC_SOURCES' keys (the input shape checked it); its source must be there.
    const type = String(metric.type);
    const source = METRIC_SOURCES[type];
    if (source !== undefined && metric[source] === undefined) {
      fail(`${field} has type "${String(type)}" but no "${source}" source; add ${source}: { ... } as the MetricSpec describes`);
    }
  });
  return !failed();
}

/** Exactly one field of `disruptionBudget`, and never one that blocks every voluntary disruption. */
export function checkDisruptionBudget(budget: DisruptionBudgetProps | undefined, report: Report): boolean {
  if (!budget) return true;
  const { fail, failed } = recording(report);
  const given = (['maxUnavailable', 'maxUnavailablePercent', 'minAvailable', 'minAvailablePercent'] as const).filter((f) => budget[f] !== undefined);
  if (given.length !== 1) {
    fail(
      `disruptionBudget gives ${given.length === 0 ? 'no field' : given.join(' and ')}; give exactly one of maxUnavailable, maxUnavailablePercent, minAvailable, minAvailablePercent`,
    );
    return false;
  }
  const { maxUnavailable, maxUnavailablePercent, minAvailable, minAvailablePercent } = budget;
  if (maxUnavailable !== undefined && (!whole(maxUnavailable) || maxUnavailable < 1)) {
    fail(`disruptionBudget.maxUnavailable ${maxUnavailable} must be a whole number, 1 or more: ${maxUnavailable === 0 ? '0 blocks every voluntary disruption (node drains never finish)' : 'a count of pods'}`);
  }
  if (maxUnavailablePercent !== undefined && (!whole(maxUnavailablePercent) || maxUnavailablePercent < 1 || maxUnavailablePercent > 100)) {
    fail(`disruptionBudget.maxUnavailablePercent ${maxUnavailablePercent} must be a whole percentage from 1 to 100${maxUnavailablePercent === 0 ? ': 0% blocks every voluntary disruption (node drains never finish)' : ''}`);
  }
  if (minAvailable !== undefined && (!whole(minAvailable) || minAvailable < 1)) {
    fail(`disruptionBudget.minAvailable ${minAvailable} must be a whole number, 1 or more; to protect nothing, remove disruptionBudget`);
  }
  if (minAvailablePercent !== undefined && (!whole(minAvailablePercent) || minAvailablePercent < 1 || minAvailablePercent > 99)) {
    fail(`disruptionBudget.minAvailablePercent ${minAvailablePercent} must be a whole percentage from 1 to 99${minAvailablePercent === 100 ? ': 100% blocks every voluntary disruption' : ''}`);
  }
  return !failed();
}

/** Kubernetes' rounding of a percentage of pods: up, as the disruption controller does. */
function podsOf(percent: string, pods: number): number {
  return Math.ceil((Number(percent.slice(0, -1)) * pods) / 100);
}

/**
 * What the settings give each cluster: an active cluster's replicas overrides would be ignored under an
 * autoscaler, and a budget whose `minAvailable` reaches the pods a cluster may run (its replicas, or its
 * autoscaler's minimum) would block every voluntary disruption there.
 */
export function checkClusterScaling(s: ResolvedService, report: Report): void {
  const { autoscaling, disruptionBudget, clusterOverrides, placements, scheduling } = s.spec.options;
  // Divided scheduling refuses replicas overrides already, with its own message.
  if (autoscaling && scheduling?.type !== ReplicaScheduling.DIVIDED) {
    const fix = 'remove the override: the autoscaler sets the replicas between minReplicas and maxReplicas';
    placements.forEach((p, i) => {
      if (p instanceof ActivePlacement && p.props.overrides?.replicas !== undefined) report(`placements[${i}] (${p.role}) overrides replicas, which autoscaling leaves to each cluster's autoscaler; ${fix}`);
    });
    for (const a of s.assignments.filter((x) => x.placement instanceof ActivePlacement && own(clusterOverrides, x.cluster.name)?.replicas !== undefined)) {
      report(`clusterOverrides["${a.cluster.name}"] overrides replicas, which autoscaling leaves to the cluster's autoscaler; ${fix}`);
    }
  }
  if (!disruptionBudget) return;
  for (const a of s.assignments.filter(runsPods)) checkClusterBudget(s, a, report);
}

function checkClusterBudget(s: ResolvedService, a: Assignment, report: Report): void {
  const budget = clusterBudget(s, a);
  if (budget?.minAvailable === undefined) return;
  const fewest = fewestPods(s, a);
  const available = typeof budget.minAvailable === 'number' ? budget.minAvailable : podsOf(budget.minAvailable, fewest);
  if (available < fewest) return;
  const of = autoscalerBounds(s, a) ? `its autoscaler's minReplicas ${fewest}` : `its ${fewest} replica${fewest === 1 ? '' : 's'}`;
  const given = typeof budget.minAvailable === 'number' ? `minAvailable ${budget.minAvailable}` : `minAvailable ${budget.minAvailable} (${available} pod${available === 1 ? '' : 's'})`;
  report(
    `disruptionBudget gives cluster "${a.cluster.name}" ${given}, as many as ${of}, which blocks every voluntary disruption there (node drains never finish); ` +
      'lower minAvailable, or use maxUnavailable',
  );
}
