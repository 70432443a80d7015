// Public API of the Pulumi flavour: the same props as the cdk8s flavour, translated from the same core plan.
export { ClusterSet, type ClusterSetArgs, type PulumiClusterProps } from './cluster-set';
export { type DeployedCluster, MultiClusterService, type MultiClusterServiceArgs } from './multi-cluster-service';
export { type ClusterProps, IstioApiVersion, McsApiVersion, type McsProps, MeshMtls, type MeshProps } from '../core/api/cluster';
export { type NamespaceProps } from '../core/api/namespace';
export { ClusterSetErrors, ClusterSetValidationError } from '../core/errors';
export { type LabelSelector, LabelSelectorOperator, type LabelSelectorRequirement } from '../core/api/label-selector';
export type { ImageOverride, Overrides } from '../core/api/overrides';
export { ImageComponent, type ImageOverrider, JsonPatchOp, type JsonPatchOperation, type ListOverrider, type MapOverrider, OverriderOperator } from '../core/api/overriders';
export { ActivePlacement, type ActivePlacementProps, PlaceholderPlacement, type PlaceholderPlacementProps, PlacementRole } from '../core/api/placement';
export { type MultiClusterServiceOptions, WorkloadKind } from '../core/api/service';
export { PortProtocol, type ServicePort } from '../core/api/port';
export { type ContainerResources } from '../core/api/resources';
export { type ClusterPreference, planReplicas, ReplicaPlanner } from '../core/resolve/replicas';
export { ReplicaScheduling, type SchedulingProps } from '../core/api/scheduling';
export { Networking } from '../networking/networking';
export { formatPreview } from './preview/format';
export { type PreviewOptions, previewStack, type StackPreview } from './preview/preview';
export type { PreviewedResource } from './preview/resource';
