// Public API of clusterset: the backend-neutral core and the cdk8s flavour.
export { ClusterSet, type ClusterSetProps, HUB } from './cdk8s/cluster-set';
export type { IDeliveredAddresses } from './core/api/delivery';
export { Delivery } from './engines/delivery';
export type { ClusterDelivery, DeliveryInput, DeliveryOutput, IDeliveryEngine, IFolderFile } from './engines/engine';
export { DirectDelivery } from './engines/direct';
export { applicationSet, ArgoCdDelivery, type ArgoCdProps, SYNC_WAVE, withSyncWaves } from './engines/argocd';
export { FluxDelivery, type FluxProps } from './engines/flux';
export { KarmadaDelivery, karmadaObjects } from './engines/karmada';
export { KubeVelaDelivery, type KubeVelaProps, kubeVelaApplications } from './engines/kubevela';
export { kustomization, KustomizationFile } from './engines/kustomization';
export { hubNamespaces } from './engines/service-objects';
export { ClusterSetApp, type RenderedFile, type RenderedFolder } from './cdk8s/cluster-set-app';
export { YamlWriter } from './cdk8s/yaml-writer';
export { MultiClusterService, type MultiClusterServiceProps } from './cdk8s/multi-cluster-service';
export { type ClusterProps, type McsProps, MeshMtls, type MeshProps } from './core/api/cluster';
export { ClusterSetValidationError } from './core/errors';
export { type Replacement, replacementsBetween } from './core/kube/immutable';
export type { LabelSelector, LabelSelectorRequirement } from './core/api/label-selector';
export type { Manifest, ObjectMeta } from './core/kube/manifest';
export type { ImageOverride, Overrides } from './core/api/overrides';
export type { ImageComponent, ImageOverrider, JsonPatchOperation, ListOverrider, MapOverrider } from './core/api/overriders';
export {
  ActivePlacement,
  type ActivePlacementProps,
  PlaceholderPlacement,
  type PlaceholderPlacementProps,
  Placement,
  type PlacementProps,
} from './core/api/placement';
export { ApplyWave, applyWaveOf, planFleet } from './core/plan';
export { type NamespaceProps } from './core/api/namespace';
export { AddressResolution, type ClusterPlan, type Owner, OwnerKind, type FleetPlan, type FleetSpec, type PlannedObject, type PlanOptions, type ServiceSpec, type ServiceSummary } from './core/model';
export { type MultiClusterServiceOptions, WorkloadKind } from './core/api/service';
export { type PortProtocol, type ServicePort } from './core/api/port';
export { type ContainerResources } from './core/api/resources';
export { IstioProtocol } from './networking/istio';
export type { IstioNetworkingProps, IstioRetryProps } from './networking/istio-options';
export { Networking } from './networking/networking';
export { type ActiveContext, type ActiveObjects, type ActiveSource, AddressKind, type IActiveWiring, type INetworkingMode, type IPlaceholderWiring, type WiringContext } from './core/wiring';
export { type Cluster, type ClusterMcs, type ClusterMesh, IstioApiVersion, McsApiVersion, type ServiceModel } from './core/resolved';
export type { Ipv4Cidr } from './core/kube/cidr';
export { PlaceholderService, type PlaceholderServiceOptions } from './networking/placeholder-service';
export { LiveValue, type ObjectRef } from './core/kube/object-ref';
export { type ClusterPreference, planReplicas, type ReplicaPlan, type ReplicaPlanInput } from './core/resolve/replicas';
export { ReplicaScheduling, type SchedulingProps } from './core/api/scheduling';
export {
  ServiceExport,
  type ServiceExportProps,
  type ServiceExportSpec,
  ServiceExportV1Beta1,
  ServiceImport,
  type ServiceImportPort,
  type ServiceImportProps,
  type ServiceImportSpec,
  ServiceImportV1Beta1,
} from '../imports/multicluster.x-k8s.io';
