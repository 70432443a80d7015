// How the API server gives a container its requests and limits in a namespace with a LimitRange: the
// LimitRange's own defaulting (`default` from `max`, `defaultRequest` from `default`), the pod's defaulting
// (a request left out takes the limit), then the LimitRanger admission filling what is still missing.
import type { ContainerAmounts, NamespaceLimitsProps } from '../api/guardrails';
import { quantityNanos } from './quantity';

/** The compute resources guardrails count. */
export const COMPUTE = ['cpu', 'memory'] as const;
export type Compute = (typeof COMPUTE)[number];

/** Some of cpu and memory, in billionths of a core and of a byte. */
export type ComputeAmounts = Partial<Record<Compute, bigint>>;

/** A LimitRange's container item after the API server's defaulting. */
export interface EffectiveLimits {
  readonly default: ComputeAmounts;
  readonly defaultRequest: ComputeAmounts;
  readonly max: ComputeAmounts;
}

/** A container's requests and limits once admitted, and which limits the LimitRange filled in. */
export interface AdmittedResources {
  readonly requests: ComputeAmounts;
  readonly limits: ComputeAmounts;
  readonly defaultedLimits: ReadonlySet<Compute>;
  readonly defaultedRequests: ReadonlySet<Compute>;
}

/** The container resources of a pod spec as written, before admission. */
export interface WrittenResources {
  readonly requests?: Readonly<Record<string, unknown>>;
  readonly limits?: Readonly<Record<string, unknown>>;
}

export function amountsOf(given: ContainerAmounts | Readonly<Record<string, unknown>> | undefined): ComputeAmounts {
  const result: ComputeAmounts = {};
  for (const r of COMPUTE) {
    const value = given?.[r];
    const nanos = typeof value === 'string' || typeof value === 'number' ? quantityNanos(String(value)) : undefined;
    if (nanos !== undefined) result[r] = nanos;
  }
  return result;
}

/** The LimitRange item as the API server stores it: an unset `default` takes `max`, an unset `defaultRequest` takes `default`. */
export function effectiveLimits(limits: NamespaceLimitsProps | undefined): EffectiveLimits {
  const max = amountsOf(limits?.max);
  const defaults = { ...max, ...amountsOf(limits?.default) };
  return { max, default: defaults, defaultRequest: { ...defaults, ...amountsOf(limits?.defaultRequest) } };
}

/** What a container holds once admitted in a namespace with `limits` (none: as written, limits copied to missing requests). */
export function admitted(resources: WrittenResources | undefined, limits: EffectiveLimits | undefined): AdmittedResources {
  const writtenLimits = amountsOf(resources?.limits);
  const requests: ComputeAmounts = { ...writtenLimits, ...amountsOf(resources?.requests) };
  const result = { requests: { ...requests }, limits: { ...writtenLimits }, defaultedLimits: new Set<Compute>(), defaultedRequests: new Set<Compute>() };
  for (const r of COMPUTE) {
    const limit = limits?.default[r];
    if (result.limits[r] === undefined && limit !== undefined) {
      result.limits[r] = limit;
      result.defaultedLimits.add(r);
    }
    const request = limits?.defaultRequest[r];
    if (result.requests[r] === undefined && request !== undefined) {
      result.requests[r] = request;
      result.defaultedRequests.add(r);
    }
  }
  return result;
}

/** A pod's amount of one kind (requests or limits): the larger of the containers' sum and the largest init container. */
export function podAmounts(containers: readonly ComputeAmounts[], initContainers: readonly ComputeAmounts[]): Record<Compute, bigint> {
  const one = (r: Compute) => {
    const sum = containers.reduce((total, c) => total + (c[r] ?? 0n), 0n);
    const init = initContainers.reduce((most, c) => ((c[r] ?? 0n) > most ? (c[r] ?? 0n) : most), 0n);
    return sum > init ? sum : init;
  };
  return { cpu: one('cpu'), memory: one('memory') };
}
