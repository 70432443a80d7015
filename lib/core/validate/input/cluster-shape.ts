// What a cluster's props must hold at runtime (ClusterProps), checked before any other check reads them.
import { ClusterStatus, IstioApiVersion, McsApiVersion, MeshMtls } from '../../api/cluster';
import { boolean, either, type FieldShape, integer, INT32_MAX, isObject, listOf, object, oneOf, type Shape, string, stringMap } from './shape';
import { describeValue } from './describe';
import { quantityNanos } from '../../kube/quantity';
import { hostPortProblem } from '../../kube/host-port';

/** A quantity of at least zero, such as `16` or `64Gi`. */
export const amount: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  const nanos = quantityNanos(value as string);
  if (nanos !== undefined && nanos >= 0n) return true;
  report(`${field} "${String(value)}" is not a quantity of at least zero such as 16, 500m or 64Gi`);
  return false;
};

/** A whole number of pods, at least zero. */
export const pods: Shape = (value, field, report) => {
  if (!integer({ max: INT32_MAX })(value, field, report)) return false;
  if (Number.isInteger(value) && (value as number) >= 0) return true;
  report(`${field} ${String(value)} must be a whole number of pods, at least 0`);
  return false;
};

/** The most nodes a Kubernetes cluster is tested to run (its documented scalability limit). */
const MAX_CLUSTER_NODES = 5000;

/** A whole number of ingress nodes, at least one: a cluster without any leaves `ingressNodes` out. */
const ingressNodes: Shape = (value, field, report) => {
  if (!integer({ max: INT32_MAX })(value, field, report)) return false;
  const count = value as number;
  if (Number.isInteger(count) && count >= 1 && count <= MAX_CLUSTER_NODES) return true;
  if (count > MAX_CLUSTER_NODES) {
    // Each node becomes a line of the nginx upstream: a typo such as 30000 would write tens of thousands.
    report(`${field} ${count} is more nodes than a Kubernetes cluster runs (at most ${MAX_CLUSTER_NODES}); give the number of ingress nodes fronting the cluster`);
  } else {
    report(`${field} ${String(value)} must be a whole number of ingress nodes, at least 1; leave ingressNodes out when no ingress node fronts the cluster`);
  }
  return false;
};

/** One ingress node's `host` or `host:port`, as the outer nginx's upstream names it. */
const ingressAddress: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  const problem = hostPortProblem(value as string);
  if (problem === undefined) return true;
  report(`${field} "${String(value)}" ${problem}; give host or host:port, such as ingress-1.example.com:8080`);
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
  trustDomain: { shape: string({ nonEmpty: true }) },
  federatedTrustDomains: { shape: listOf(string({ nonEmpty: true })) },
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
  zone: { shape: string({ nonEmpty: true }) },
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
  ingressNodes: { shape: ingressNodes },
  ingressAddresses: { shape: listOf(ingressAddress) },
};

/** One cluster, with any extra fields a flavour adds (Pulumi's kubeconfig, context, provider). */
export function clusterShape(extra: Readonly<Record<string, FieldShape>> = {}): Shape {
  return object({ ...CLUSTER_FIELDS, ...extra });
}
