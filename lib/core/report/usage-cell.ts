// One resource of a cluster as the report shows it: what the plan puts there against what the cluster declares.
import { quantityNanos } from '../kube/quantity';

/**
 * `used` alone when the cluster declares no limit for the resource, else `used/allocatable pct%` with the
 * whole percent rounded down (as the capacity refusal counts shares); no percent against a limit of 0.
 */
export function usageCell(used: string, allocatable: string | undefined): string {
  if (allocatable === undefined) return used;
  const usedNanos = quantityNanos(used);
  const limitNanos = quantityNanos(allocatable);
  if (usedNanos === undefined || limitNanos === undefined || limitNanos <= 0n) return `${used}/${allocatable}`;
  return `${used}/${allocatable} ${(usedNanos * 100n) / limitNanos}%`;
}
