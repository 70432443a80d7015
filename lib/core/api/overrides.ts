import type { ImageOverrider, JsonPatchOperation, ListOverrider, MapOverrider } from './overriders';
import type { ContainerResources } from './resources';
import type { Manifest } from '../kube/manifest';

/** Replaces parts of an image reference; unset parts are kept. */
export interface ImageOverride {
  /** Registry host (and port) to pull from, such as a private cloud's mirror. @default - the image's own registry (or the cluster's) */
  readonly registry?: string;
  /** Repository path within the registry. @default - the image's own repository */
  readonly repository?: string;
  /** Tag to run. @default - the image's own tag */
  readonly tag?: string;
}

/**
 * Differences in some clusters, applied over the service's own settings: per placement, or per cluster
 * (`clusterOverrides`). Precedence, lowest first: the service, the cluster's `registry`, the placement's
 * overrides, the cluster's overrides; within one set, shorthands (`image`, `labels`...) come before the
 * Karmada-style overriders, and `patches` come last.
 */
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
  /** Container compute resources, replacing the service's. @default - the service's resources */
  readonly resources?: ContainerResources;
  /** Karmada imageOverrider rules (Registry, Repository, Tag; add, remove, replace), applied in order. @default [] */
  readonly imageOverriders?: ImageOverrider[];
  /** Karmada labelsOverrider rules on the workload's labels, applied in order. @default [] */
  readonly labelsOverriders?: MapOverrider[];
  /** Karmada annotationsOverrider rules on the workload's annotations, applied in order. @default [] */
  readonly annotationsOverriders?: MapOverrider[];
  /** Karmada commandOverrider rules (add, remove) on the container's command. @default [] */
  readonly commandOverriders?: ListOverrider[];
  /** Karmada argsOverrider rules (add, remove) on the container's args. @default [] */
  readonly argsOverriders?: ListOverrider[];
  /** JSON patch operations on the workload, last of all (KubeFed clusterOverrides, Karmada plaintext). @default [] */
  readonly patches?: JsonPatchOperation[];
  /** Dependencies replacing the service's declared ones of the same kind and name in these clusters (a ConfigMap's values...). @default [] */
  readonly dependencies?: Manifest[];
}
