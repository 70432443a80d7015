// String maps as Kubernetes metadata uses them, merged in a stable key order.

/** Merges string maps left to right, later keys winning, with keys sorted so output is stable. */
export function mergeSorted(...maps: ReadonlyArray<Readonly<Record<string, string>> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const map of maps) Object.assign(merged, map ?? {});
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
