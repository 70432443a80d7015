// Public API of clusterset: the backend-neutral core and the cdk8s flavour. It compiles with jsii
// (`npm run lint:jsii`): classes, structs, behavioural interfaces and string enums only.
export { ClusterSet, type ClusterSetProps } from './cdk8s/cluster-set';
export type { ObjectTarget } from './cdk8s/object-target';
export type { IDeliveredAddresses } from './core/api/delivery';
export { Delivery } from './engines/delivery';
export type { ClusterDelivery, DeliveryInput, DeliveryOutput, IDeliveryEngine, IFolderFile } from './engines/engine';
export { DirectDelivery } from './engines/direct';
export { ArgoCdDelivery, type ArgoCdProps } from './engines/argocd';
export { FluxDelivery, type FluxProps } from './engines/flux';
export { KarmadaDelivery } from './engines/karmada';
export { type KarmadaFailover, type KarmadaProps, KarmadaPurgeMode } from './engines/karmada-failover';
export { KubeVelaDelivery, type KubeVelaProps } from './engines/kubevela';
export { KustomizationFile } from './engines/kustomization';
export { ClusterSetApp, type RenderedFile, type RenderedFolder } from './cdk8s/cluster-set-app';
export { YamlWriter } from './cdk8s/yaml-writer';
export { MultiClusterService, type MultiClusterServiceProps } from './cdk8s/multi-cluster-service';
export { Migration, type MigrationConstructProps } from './cdk8s/migration';
export { FleetGovernance, type FleetGovernanceProps } from './cdk8s/fleet-governance';
export type { GovernanceProps } from './core/api/governance';
export { AdmissionEnforcement, type AdmissionProps } from './core/api/admission';
export type { ContainerAmounts, GovernanceClusterOverrides, NamespaceLimitsProps, NamespaceQuotaProps } from './core/api/guardrails';
export { FleetMonitoring, type FleetMonitoringProps } from './cdk8s/fleet-monitoring';
export { type AlertmanagerProps, AlertmanagerScheme, type MonitoringLabel, type MonitoringProps, type RemoteWriteProps } from './core/api/monitoring';
export type { MeshGovernanceProps } from './core/api/mesh-governance';
export type { NetworkPolicyGovernanceProps } from './core/api/network-policy-governance';
export type { IngressSourceProps } from './core/api/ingress-source';
export { MigrationPhase, type MigrationProps } from './core/api/migration';
export type { DegradeProps } from './core/api/degrade';
export { type AllocatableProps, type ClusterProps, ClusterStatus, IstioApiVersion, McsApiVersion, type McsProps, MeshMtls, type MeshProps } from './core/api/cluster';
export { ClusterSetErrors } from './core/errors';
export { type Replacement, Replacements } from './core/kube/immutable';
export { type LabelSelector, LabelSelectorOperator, type LabelSelectorRequirement } from './core/api/label-selector';
export type { Manifest, ObjectMeta } from './core/kube/manifest';
export type { ImageOverride, Overrides } from './core/api/overrides';
export { ImageComponent, type ImageOverrider, JsonPatchOp, type JsonPatchOperation, type ListOverrider, type MapOverrider, OverriderOperator } from './core/api/overriders';
export {
  ActivePlacement,
  type ActivePlacementProps,
  PlaceholderPlacement,
  type PlaceholderPlacementProps,
  Placement,
  type PlacementProps,
  PlacementRole,
} from './core/api/placement';
export { FleetPlanner } from './core/fleet-planner';
export { NorthSouth } from './core/north-south';
export type { NorthSouthFile } from './core/emit/north-south-files';
export { PlanReport, type PlanReportOptions } from './core/report/plan-report';
export { NetworkTable, type NetworkTableOptions } from './core/report/network-table';
export { type NamespaceProps } from './core/api/namespace';
export {
  AddressResolution,
  ApplyWave,
  type ClusterPlan,
  type ClusterStatusEntry,
  type ClusterUsage,
  type FleetPlan,
  type FleetSpec,
  type GovernanceSpec,
  type MigrationSpec,
  type MigrationSummary,
  type MonitoringSpec,
  type Move,
  MoveReason,
  type OperationsSummary,
  type PhasePlan,
  type NorthSouthEntry,
  type NorthSouthNode,
  type NorthSouthTable,
  type Owner,
  OwnerKind,
  type PlaceholderSummary,
  type PlannedObject,
  type PlanOptions,
  type ResolvedAddress,
  type ServiceOperations,
  type ServiceSpec,
  type ServiceSummary,
} from './core/model';
export { type MultiClusterServiceOptions, WorkloadKind } from './core/api/service';
export { PodSecurityLevel } from './core/api/pod-security';
export type { ExternalDependency } from './core/api/dependencies';
export type { AutoscalingProps } from './core/api/autoscaling';
export type { DisruptionBudgetProps } from './core/api/disruption-budget';
export { PortProtocol, type ServicePort } from './core/api/port';
export { type ContainerResources } from './core/api/resources';
export { IstioProtocol } from './networking/istio';
export type { IstioNetworkingProps, IstioRetryProps } from './networking/istio-options';
export { Networking } from './networking/networking';
export { type ActiveContext, type ActiveObjects, type ActiveSource, AddressKind, type IActiveWiring, type INetworkingMode, type IPlaceholderWiring, type WiringContext } from './core/wiring';
export type { Cluster, ClusterMcs, ClusterMesh, ServiceModel } from './core/resolved';
export type { Ipv4Cidr } from './core/kube/cidr';
export { PlaceholderService, type PlaceholderServiceOptions } from './networking/placeholder-service';
export { LiveValue, type ObjectRef } from './core/kube/object-ref';
export { type ClusterPreference, type ReplicaPlan, type ReplicaPlanInput, ReplicaPlanner } from './core/resolve/replicas';
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
  ServiceImportSpecType,
  ServiceImportV1Beta1,
} from '../imports/multicluster.x-k8s.io';
