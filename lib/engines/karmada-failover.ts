// Karmada's own runtime failover, opt-in: which fields the hub policies carry for it, and the checks of
// its props. Karmada may only move a workload's replicas between the clusters the plan made active;
// names (Services, exports, networking, dependencies) stay where the plan put them (docs/failover-karmada.md).
import { describeValue } from '../core/validate/input/describe';
import { INT32_MAX, integer, object, oneOf } from '../core/validate/input/shape';
import { enginePropsProblems } from './props-problems';

/** What Karmada does with the copy of a workload in the cluster it fails over from (the CRD's `purgeMode`). */
export enum KarmadaPurgeMode {
  /** Delete the old copy first, then reschedule its replicas: a gap in service, never two copies. */
  DIRECTLY = 'Directly',
  /** Reschedule first, delete the old copy once the new replicas are healthy or the grace period ends. */
  GRACEFULLY = 'Gracefully',
  /** Reschedule, and leave the old copy where it is for you to remove. */
  NEVER = 'Never',
}

/**
 * Karmada's runtime failover of workloads: application failover (a workload unhealthy in a cluster for
 * `tolerationSeconds`) and cluster failover (a cluster tainted `cluster.karmada.io/not-ready` or
 * `cluster.karmada.io/unreachable` with `NoExecute` for `clusterTolerationSeconds`). Either moves the
 * cluster's replicas to the service's other active clusters, never to a placeholder.
 */
export interface KarmadaFailover {
  /** How long a workload may stay unhealthy in a cluster before Karmada moves it away (0 moves it at once). @default 300 */
  readonly tolerationSeconds?: number;
  /** What becomes of the copy left in the cluster Karmada moved the workload from. @default KarmadaPurgeMode.GRACEFULLY */
  readonly purgeMode?: KarmadaPurgeMode;
  /**
   * With `KarmadaPurgeMode.GRACEFULLY`, the longest Karmada waits for the moved replicas to be healthy before it
   * deletes the old copy anyway. Only for that mode.
   * @default 600 with KarmadaPurgeMode.GRACEFULLY, none with the others
   */
  readonly gracePeriodSeconds?: number;
  /**
   * How long a workload stays in a cluster tainted not-ready or unreachable (`NoExecute`) before Karmada evicts it
   * (0 evicts at once). Everything else of the fleet tolerates those taints for ever.
   * @default 300
   */
  readonly clusterTolerationSeconds?: number;
}

/** Karmada settings of the fleet. */
export interface KarmadaProps {
  /** Karmada's runtime failover of the workloads, on top of what the plan places. @default - none: Karmada moves nothing by itself */
  readonly failover?: KarmadaFailover;
}

/** The factory named at the start of every props problem. */
export const KARMADA_FACTORY = 'Delivery.karmada()';

/** Karmada's default for both tolerations, kept explicit in the output. */
const DEFAULT_TOLERATION_SECONDS = 300;
/** Karmada's webhook default grace period for GRACEFULLY, kept explicit in the output. */
const DEFAULT_GRACE_PERIOD_SECONDS = 600;
/** cluster tolerationSeconds is an int64 in the CRD; JavaScript counts exactly up to here. */
const SAFE_SECONDS_MAX = Number.MAX_SAFE_INTEGER;

/** The taints Karmada clusters carry when they fail, which the policies tolerate. */
export const CLUSTER_FAILURE_TAINTS: readonly string[] = ['cluster.karmada.io/not-ready', 'cluster.karmada.io/unreachable'];

const failoverShape = object({
  tolerationSeconds: { shape: integer({ max: INT32_MAX }) },
  purgeMode: { shape: oneOf(Object.values(KarmadaPurgeMode)) },
  gracePeriodSeconds: { shape: integer({ max: INT32_MAX }) },
  clusterTolerationSeconds: { shape: integer({ max: SAFE_SECONDS_MAX }) },
});

const karmadaPropsShape = object({ failover: { shape: failoverShape } });

/** Problems of `Delivery.karmada(props)`: shapes first, then the values Karmada's webhook would refuse. */
export function karmadaPropsProblems(props: unknown): string[] {
  const shaped = enginePropsProblems(KARMADA_FACTORY, karmadaPropsShape, props);
  if (shaped.length > 0) return shaped;
  const failover = (props as KarmadaProps).failover;
  if (failover === undefined) return [];
  const found: string[] = [];
  const seconds = (field: 'tolerationSeconds' | 'gracePeriodSeconds' | 'clusterTolerationSeconds', least: number, fix: string) => {
    const value = failover[field];
    if (value !== undefined && (!Number.isInteger(value) || value < least)) {
      found.push(`${KARMADA_FACTORY}: failover.${field} is ${describeValue(value)}, but it must be a whole number of seconds, at least ${least}; ${fix}`);
    }
  };
  seconds('tolerationSeconds', 0, 'use 0 to fail over as soon as the workload is unhealthy');
  seconds('clusterTolerationSeconds', 0, 'use 0 to evict as soon as the cluster is tainted');
  seconds('gracePeriodSeconds', 1, 'give the seconds Karmada waits before it deletes the old copy, or leave it out for 600');
  const mode = failover.purgeMode ?? KarmadaPurgeMode.GRACEFULLY;
  if (failover.gracePeriodSeconds !== undefined && mode !== KarmadaPurgeMode.GRACEFULLY) {
    found.push(
      `${KARMADA_FACTORY}: failover.gracePeriodSeconds is ${failover.gracePeriodSeconds} with purgeMode "${mode}", but only KarmadaPurgeMode.GRACEFULLY waits ` +
        `(Karmada refuses the policy otherwise); remove gracePeriodSeconds or use KarmadaPurgeMode.GRACEFULLY`,
    );
  }
  return found;
}

type Json = Record<string, unknown>;

/** `placement.clusterTolerations` for the failure taints: for `seconds`, or for ever when undefined. */
export function failureTolerations(seconds?: number): Json[] {
  return CLUSTER_FAILURE_TAINTS.map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}) }));
}

/** The policy `spec.failover` of a workload Karmada may move, with every default written out. */
export function applicationFailover(failover: KarmadaFailover): Json {
  const purgeMode = failover.purgeMode ?? KarmadaPurgeMode.GRACEFULLY;
  return {
    application: {
      decisionConditions: { tolerationSeconds: failover.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS },
      purgeMode,
      ...(purgeMode === KarmadaPurgeMode.GRACEFULLY ? { gracePeriodSeconds: failover.gracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS } : {}),
    },
  };
}

/** How long a movable workload tolerates a failed cluster. */
export function clusterTolerationSeconds(failover: KarmadaFailover): number {
  return failover.clusterTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS;
}
