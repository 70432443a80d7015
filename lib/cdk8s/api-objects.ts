import { ApiObject, type ApiObjectMetadata, type Chart } from 'cdk8s';
import { ServiceExport, ServiceExportV1Beta1 } from '../../imports/multicluster.x-k8s.io';
import type { Manifest } from '../core/kube/manifest';

type Binding = (chart: Chart, id: string, manifest: Manifest) => ApiObject;

/** Kinds with typed bindings in imports/; everything else is carried as a plain ApiObject. */
const BINDINGS: Readonly<Record<string, Binding>> = {
  'multicluster.x-k8s.io/v1alpha1/ServiceExport': (chart, id, m) =>
    new ServiceExport(chart, id, { metadata: m.metadata as ApiObjectMetadata }),
  'multicluster.x-k8s.io/v1beta1/ServiceExport': (chart, id, m) =>
    new ServiceExportV1Beta1(chart, id, { metadata: m.metadata as ApiObjectMetadata }),
};

/** A construct id unique per chart: API group, kind, namespace and name. */
export function objectId(manifest: Manifest): string {
  const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : 'core';
  return [group, manifest.kind, manifest.metadata.namespace ?? '_', manifest.metadata.name].join('.');
}

/** Adds one planned object to a chart, unchanged. */
export function addApiObject(chart: Chart, manifest: Manifest): ApiObject {
  const id = objectId(manifest);
  const binding = BINDINGS[`${manifest.apiVersion}/${manifest.kind}`];
  return binding ? binding(chart, id, manifest) : new ApiObject(chart, id, manifest);
}
