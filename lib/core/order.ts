// How planned objects are ordered: apply waves between kinds, plain string order within.

/** When an object must be applied relative to the others; GitOps emitters turn it into sync waves. */
export enum ApplyWave {
  /** Namespaces, before anything lives in them. */
  NAMESPACES = 0,
  /** Workloads and Services. */
  WORKLOADS = 1,
  /** ServiceExports and placeholder wiring, once the Services they refer to exist. */
  NETWORKING = 2,
}

/** The wave of any object, planned or added by hand: Namespaces, then core and apps objects, then the rest. */
export function applyWaveOf(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): ApplyWave {
  if (object.kind === 'Namespace') return ApplyWave.NAMESPACES;
  if (object.apiVersion === 'v1' || object.apiVersion === 'apps/v1') return ApplyWave.WORKLOADS;
  return ApplyWave.NETWORKING;
}

/** Code-unit string order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
