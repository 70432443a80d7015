// What a cluster's props must hold at runtime (ClusterProps), checked before any other check reads them.
import { ClusterStatus, IstioApiVersion, McsApiVersion, MeshMtls } from '../../api/cluster';
import { boolean, either, type FieldShape, integer, INT32_MAX, isObject, object, oneOf, type Shape, string, stringMap } from './shape';
import { describeValue } from './describe';
import { quantityNanos } from '../../kube/quantity';

/** A quantity of at least zero, such as `16` or `64Gi`. */
const amount: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  const nanos = quantityNanos(value as string);
  if (nanos !== undefined && nanos >= 0n) return true;
  report(`${field} "${String(value)}" is not a quantity of at least zero such as 16, 500m or 64Gi`);
  return false;
};

/** A whole number of pods, at least zero. */
const pods: Shape = (value, field, report) => {
  if (!integer({ max: INT32_MAX })(value, field, report)) return false;
  if (Number.isInteger(value) && (value as number) >= 0) return true;
  report(`${field} ${String(value)} must be a whole number of pods, at least 0`);
  return false;
};

const allocatable = object({
  pods: { shape: pods },
  cpu: { shape: amount },
  memory: { shape: amount },
});

const mesh = object({
  network: { shape: string(), required: "give the cluster's Istio network name (topology.istio.io/network)" },
  mtls: { shape: oneOf(Object.values(MeshMtls)) },
  apiVersion: { shape: oneOf(Object.values(IstioApiVersion)) },
});

// `mcs: true | false` was the shorthand before the props became jsii structs: say what replaces it.
const mcsShorthand: Shape = (value, field, report) => {
  report(`${field} ${describeValue(value)} is no longer accepted: write ${value ? 'mcs: {} (or leave it out)' : 'mcs: { enabled: false }'}`);
  return false;
};

const mcs = either(
  '{ enabled, apiVersion }',
  { accepts: (v) => typeof v === 'boolean', shape: mcsShorthand },
  {
    accepts: isObject,
    shape: object({
      enabled: { shape: boolean },
      apiVersion: { shape: oneOf(Object.values(McsApiVersion)) },
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
  allocatable: { shape: allocatable },
  status: { shape: oneOf(Object.values(ClusterStatus)) },
};

/** One cluster, with any extra fields a flavour adds (Pulumi's kubeconfig, context, provider). */
export function clusterShape(extra: Readonly<Record<string, FieldShape>> = {}): Shape {
  return object({ ...CLUSTER_FIELDS, ...extra });
}
