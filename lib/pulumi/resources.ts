import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Manifest } from '../core/kube/manifest';
import { LiveValue, refKey } from '../core/kube/object-ref';

type ResourceClass = new (name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Kinds with a typed @pulumi/kubernetes class; they take the manifest without apiVersion and kind. */
const TYPED: Readonly<Record<string, ResourceClass>> = {
  'v1/Namespace': k8s.core.v1.Namespace as unknown as ResourceClass,
  'v1/Service': k8s.core.v1.Service as unknown as ResourceClass,
  'apps/v1/Deployment': k8s.apps.v1.Deployment as unknown as ResourceClass,
  'apps/v1/StatefulSet': k8s.apps.v1.StatefulSet as unknown as ResourceClass,
  'discovery.k8s.io/v1/EndpointSlice': k8s.discovery.v1.EndpointSlice as unknown as ResourceClass,
  // Dependencies: the typed Secret keeps data and stringData as secret outputs in the state.
  'v1/ConfigMap': k8s.core.v1.ConfigMap as unknown as ResourceClass,
  // Governance: a namespace's guardrails and traffic rules.
  'v1/LimitRange': k8s.core.v1.LimitRange as unknown as ResourceClass,
  'v1/ResourceQuota': k8s.core.v1.ResourceQuota as unknown as ResourceClass,
  'networking.k8s.io/v1/NetworkPolicy': k8s.networking.v1.NetworkPolicy as unknown as ResourceClass,
  'v1/Secret': k8s.core.v1.Secret as unknown as ResourceClass,
  'v1/ServiceAccount': k8s.core.v1.ServiceAccount as unknown as ResourceClass,
  'v1/PersistentVolumeClaim': k8s.core.v1.PersistentVolumeClaim as unknown as ResourceClass,
  'rbac.authorization.k8s.io/v1/Role': k8s.rbac.v1.Role as unknown as ResourceClass,
  'rbac.authorization.k8s.io/v1/RoleBinding': k8s.rbac.v1.RoleBinding as unknown as ResourceClass,
  'autoscaling/v2/HorizontalPodAutoscaler': k8s.autoscaling.v2.HorizontalPodAutoscaler as unknown as ResourceClass,
  'policy/v1/PodDisruptionBudget': k8s.policy.v1.PodDisruptionBudget as unknown as ResourceClass,
};

/**
 * Creates one planned object as a @pulumi/kubernetes resource: a typed class for core kinds, a
 * CustomResource for the rest (ServiceExport, VirtualService, ServiceEntry, DestinationRule...).
 * `fields` is the manifest with live values already turned into Outputs.
 */
export function createResource(name: string, manifest: Manifest, fields: Record<string, unknown>, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const typed = TYPED[`${manifest.apiVersion}/${manifest.kind}`];
  if (typed) {
    const { apiVersion: _apiVersion, kind: _kind, ...args } = fields;
    return new typed(name, args, opts);
  }
  return new k8s.apiextensions.CustomResource(name, fields as k8s.apiextensions.CustomResourceArgs, opts);
}

/** Reads a field path of a created resource as an Output (its first segment is an output property). */
export function outputField(resource: pulumi.CustomResource, field: readonly string[]): pulumi.Output<unknown> {
  const [head, ...rest] = field;
  const property = (resource as unknown as Record<string, pulumi.Input<object>>)[head];
  const read = (value: unknown): unknown => rest.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
  return pulumi.output(property).apply(read);
}

/**
 * The manifest with every LiveValue replaced by the Output of the resource it names, which `resourceOf`
 * finds by `cluster/apiVersion/Kind/namespace/name`.
 */
export function withOutputs(manifest: Manifest, resourceOf: (key: string) => pulumi.CustomResource | undefined): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (value instanceof LiveValue) {
      const source = resourceOf(refKey(value.source));
      if (!source) throw new Error(`internal: ${value} is read before it is created`);
      return outputField(source, value.field);
    }
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(manifest) as Record<string, unknown>;
}
