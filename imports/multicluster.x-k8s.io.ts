// Typed bindings for the Multi-Cluster Services API (kubernetes-sigs/mcs-api), hand-written in the
// shape `cdk8s import` produces: the version listed first gets the plain class name.
import { ApiObject, type ApiObjectMetadata, type GroupVersionKind } from 'cdk8s';
import type { Construct } from 'constructs';

/** ServiceExport declares that the Service of the same name and namespace is exported to the clusterset. */
export interface ServiceExportProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec?: ServiceExportSpec;
}

/** spec of a ServiceExport. */
export interface ServiceExportSpec {
  /** Annotations to export with the service (optional for implementations). */
  readonly exportedAnnotations?: { [key: string]: string };
  /** Labels to export with the service (optional for implementations). */
  readonly exportedLabels?: { [key: string]: string };
}

/** One port of a ServiceImport. */
export interface ServiceImportPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly appProtocol?: string;
}

/** How a ServiceImport is reached: through a clusterset VIP, or by the pods' own addresses. */
export enum ServiceImportSpecType {
  /** A VIP in `ips`. */
  CLUSTER_SET_IP = 'ClusterSetIP',
  /** No VIP: DNS answers with the pods' addresses. */
  HEADLESS = 'Headless',
}

/** spec of a ServiceImport. */
export interface ServiceImportSpec {
  /** ClusterSetIP (a VIP in `ips`) or Headless. */
  readonly type: ServiceImportSpecType;
  readonly ports: ServiceImportPort[];
  readonly ips?: string[];
  readonly sessionAffinity?: string;
}

/** ServiceImport describes a service imported from clusters in a clusterset. */
export interface ServiceImportProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: ServiceImportSpec;
}

function manifestOf(gvk: GroupVersionKind, props: { metadata?: ApiObjectMetadata; spec?: object }): Record<string, unknown> {
  return { ...gvk, ...(props.metadata ? { metadata: props.metadata } : {}), ...(props.spec ? { spec: props.spec } : {}) };
}

/** ServiceExport, multicluster.x-k8s.io/v1alpha1: the version Submariner Lighthouse serves. */
export class ServiceExport extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport' };
  /** The object as JSON, without a construct. */
  public static manifest(props: ServiceExportProps = {}): Record<string, unknown> {
    return manifestOf(ServiceExport.GVK, props);
  }
  public constructor(scope: Construct, id: string, props: ServiceExportProps = {}) {
    super(scope, id, { ...ServiceExport.GVK, ...props });
  }
}

/** ServiceExport, multicluster.x-k8s.io/v1beta1. */
export class ServiceExportV1Beta1 extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'multicluster.x-k8s.io/v1beta1', kind: 'ServiceExport' };
  public static manifest(props: ServiceExportProps = {}): Record<string, unknown> {
    return manifestOf(ServiceExportV1Beta1.GVK, props);
  }
  public constructor(scope: Construct, id: string, props: ServiceExportProps = {}) {
    super(scope, id, { ...ServiceExportV1Beta1.GVK, ...props });
  }
}

/** ServiceImport, multicluster.x-k8s.io/v1alpha1. MCS controllers usually create these; clusterset only reads them. */
export class ServiceImport extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport' };
  public static manifest(props: ServiceImportProps): Record<string, unknown> {
    return manifestOf(ServiceImport.GVK, props);
  }
  public constructor(scope: Construct, id: string, props: ServiceImportProps) {
    super(scope, id, { ...ServiceImport.GVK, ...props });
  }
}

/** ServiceImport, multicluster.x-k8s.io/v1beta1. */
export class ServiceImportV1Beta1 extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'multicluster.x-k8s.io/v1beta1', kind: 'ServiceImport' };
  public static manifest(props: ServiceImportProps): Record<string, unknown> {
    return manifestOf(ServiceImportV1Beta1.GVK, props);
  }
  public constructor(scope: Construct, id: string, props: ServiceImportProps) {
    super(scope, id, { ...ServiceImportV1Beta1.GVK, ...props });
  }
}
