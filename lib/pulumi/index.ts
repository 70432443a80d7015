// Public API of the Pulumi flavour: the same props as the cdk8s flavour, translated from the same core plan.
export { ClusterSet, type ClusterSetArgs, type PulumiClusterProps } from './cluster-set';
export { type DeployedCluster, MultiClusterService, type MultiClusterServiceArgs } from './multi-cluster-service';
export { type ClusterProps, type McsProps, MeshMtls, type MeshProps } from '../core/cluster';
export { ClusterSetValidationError } from '../core/errors';
export type { LabelSelector, LabelSelectorRequirement } from '../core/label-selector';
export type { ImageOverride, Overrides } from '../core/overrides';
export type { ImageComponent, ImageOverrider, JsonPatchOperation, ListOverrider, MapOverrider } from '../core/overrider-types';
export { ActivePlacement, type ActivePlacementProps, PlaceholderPlacement, type PlaceholderPlacementProps } from '../core/placement';
export { type MultiClusterServiceOptions, WorkloadKind } from '../core/service';
export { type ServicePort } from '../core/port';
export { type ContainerResources } from '../core/resources';
export { type ClusterPreference, planReplicas } from '../core/replicas';
export { ReplicaScheduling, type SchedulingProps } from '../core/scheduling';
export { Networking } from '../networking/networking';
export { formatPreview } from './preview/format';
export { type PreviewOptions, previewStack, type StackPreview } from './preview/preview';
export type { PreviewedResource } from './preview/resource';
