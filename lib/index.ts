// Public API of clusterset: the backend-neutral core and the cdk8s flavour.
export { ClusterSet, type ClusterSetProps, HUB } from './cdk8s/cluster-set';
export { Delivery, type GitOpsProps } from './core/delivery';
export { applicationSet, kustomization, SYNC_WAVE, withSyncWaves } from './engines/argocd';
export { karmadaObjects } from './engines/karmada';
export { type KubeVelaProps, kubeVelaApplications } from './engines/kubevela';
export { hubNamespaces } from './engines/service-objects';
export { ClusterSetApp, type RenderedFile, type RenderedFolder } from './cdk8s/cluster-set-app';
export { YamlWriter } from './cdk8s/yaml-writer';
export { MultiClusterService, type MultiClusterServiceProps } from './cdk8s/multi-cluster-service';
export { type ClusterProps, type McsProps, MeshMtls, type MeshProps } from './core/cluster';
export { ClusterSetValidationError } from './core/errors';
export { type Replacement, replacementsBetween } from './core/immutable';
export type { LabelSelector, LabelSelectorRequirement } from './core/label-selector';
export type { Manifest, ObjectMeta } from './core/manifest';
export type { ImageOverride, Overrides } from './core/overrides';
export type { ImageComponent, ImageOverrider, JsonPatchOperation, ListOverrider, MapOverrider } from './core/overrider-types';
export {
  ActivePlacement,
  type ActivePlacementProps,
  PlaceholderPlacement,
  type PlaceholderPlacementProps,
  Placement,
  type PlacementProps,
} from './core/placement';
export { ApplyWave, applyWaveOf, planFleet } from './core/plan';
export { AddressResolution, type ClusterPlan, type FleetPlan, type FleetSpec, type PlannedObject, type PlanOptions, type ServiceSpec, type ServiceSummary } from './core/model';
export { type MultiClusterServiceOptions, WorkloadKind } from './core/service';
export { type PortProtocol, type ServicePort } from './core/port';
export { type ContainerResources } from './core/resources';
export { ENDPOINT_SLICE_MANAGER } from './networking/endpoint-slice';
export { istioProtocol } from './networking/istio';
export { Networking } from './networking/networking';
export type { ActiveSource, AddressKind, PlaceholderWiring, WiringContext } from './core/wiring';
export { LiveValue, type ObjectRef } from './core/object-ref';
export { type ClusterPreference, planReplicas, type ReplicaPlan, type ReplicaPlanInput } from './core/replicas';
export { ReplicaScheduling, type SchedulingProps } from './core/scheduling';
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
