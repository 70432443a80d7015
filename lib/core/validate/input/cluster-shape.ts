// What a cluster's props must hold at runtime (ClusterProps), checked before any other check reads them.
import { MeshMtls } from '../../api/cluster';
import { boolean, either, type FieldShape, integer, INT32_MAX, isObject, object, oneOf, type Shape, string, stringMap } from './shape';

const mesh = object({
  network: { shape: string(), required: "give the cluster's Istio network name (topology.istio.io/network)" },
  mtls: { shape: oneOf(Object.values(MeshMtls)) },
  apiVersion: { shape: oneOf(['v1', 'v1beta1']) },
});

const mcs = either(
  'true, false or { enabled, apiVersion }',
  { accepts: (v) => typeof v === 'boolean', shape: boolean },
  {
    accepts: isObject,
    shape: object({
      enabled: { shape: boolean },
      apiVersion: { shape: oneOf(['v1alpha1', 'v1beta1']) },
    }),
  },
);

/** The fields of ClusterProps. */
export const CLUSTER_FIELDS: Readonly<Record<string, FieldShape>> = {
  name: { shape: string(), required: 'give the cluster its name in the clusterset' },
  labels: { shape: stringMap },
  serviceCidr: { shape: string(), required: "give the cluster's Service ClusterIP range, such as 10.96.0.0/16" },
  podCidr: { shape: string(), required: "give the cluster's Pod IP range, such as 10.244.0.0/16" },
  globalnetCidr: { shape: string() },
  mesh: { shape: mesh },
  mcs: { shape: mcs },
  registry: { shape: string() },
  server: { shape: string() },
  capacity: { shape: integer({ max: INT32_MAX }) },
};

/** One cluster, with any extra fields a flavour adds (Pulumi's kubeconfig, context, provider). */
export function clusterShape(extra: Readonly<Record<string, FieldShape>> = {}): Shape {
  return object({ ...CLUSTER_FIELDS, ...extra });
}
