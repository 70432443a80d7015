import { formatImage, parseImage } from './image';

/** Replaces parts of an image reference; unset parts are kept. */
export interface ImageOverride {
  /** Registry host (and port) to pull from, such as a private cloud's mirror. @default - the image's own registry (or the cluster's) */
  readonly registry?: string;
  /** Repository path within the registry. @default - the image's own repository */
  readonly repository?: string;
  /** Tag to run. @default - the image's own tag */
  readonly tag?: string;
}

/** Per-placement differences, applied over the service's own settings in the clusters of that placement. */
export interface Overrides {
  /** Replicas of the workload in each cluster of an active placement (placeholders always run 0). @default - the service's replicas */
  readonly replicas?: number;
  /** Parts of the image to replace. @default - the service's image, with the cluster's registry if it has one */
  readonly image?: ImageOverride;
  /** Labels added to (or replacing those of) the workload and its pods. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations added to (or replacing those of) the workload and its pods. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Environment variables added to (or replacing those of) the container. @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The image a cluster runs. Precedence, lowest first: the service's image, the cluster's `registry`,
 * the placement's image override.
 */
export function imageFor(image: string, clusterRegistry: string | undefined, override: ImageOverride | undefined): string {
  const ref = parseImage(image);
  return formatImage({
    ...ref,
    registry: override?.registry ?? clusterRegistry ?? ref.registry,
    repository: override?.repository ?? ref.repository,
    tag: override?.tag ?? ref.tag,
  });
}

/** Merges string maps left to right, later keys winning, with keys sorted so output is stable. */
export function mergeSorted(...maps: ReadonlyArray<Readonly<Record<string, string>> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const map of maps) Object.assign(merged, map ?? {});
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
