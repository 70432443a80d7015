// Reading a cluster's props into the model the planner works with.
import { type ClusterProps, ClusterStatus, IstioApiVersion, McsApiVersion, MeshMtls } from '../api/cluster';
import type { Cluster } from '../resolved';
import { type Ipv4Cidr, parseCidr } from '../kube/cidr';

/** Istio's trust domain when the mesh config names none. */
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

/** Parses the CIDRs of a cluster; each unparsable one is reported through `problem` and left out. */
export function parseCluster(props: ClusterProps, path: string, problem: (message: string) => void): Cluster {
  const cidr = (field: string, text: string | undefined): Ipv4Cidr | undefined => {
    if (text === undefined) return undefined;
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      problem(`${field} ${parsed}`);
      return undefined;
    }
    return parsed;
  };
  const mcsProps = props.mcs ?? {};
  const mcsEnabled = mcsProps.enabled !== false;
  return {
    name: props.name,
    path,
    labels: props.labels ?? {},
    serviceCidr: cidr('serviceCidr', props.serviceCidr),
    podCidr: cidr('podCidr', props.podCidr),
    globalnetCidr: cidr('globalnetCidr', props.globalnetCidr),
    mesh: props.mesh && {
      network: props.mesh.network,
      strictMtls: props.mesh.mtls === MeshMtls.STRICT,
      apiVersion: props.mesh.apiVersion === 'v1' ? IstioApiVersion.V1 : IstioApiVersion.V1BETA1,
      trustDomain: props.mesh.trustDomain ?? DEFAULT_TRUST_DOMAIN,
      federatedTrustDomains: [...(props.mesh.federatedTrustDomains ?? [])],
      strictNamespaces: [],
    },
    mcs: mcsEnabled ? { apiVersion: mcsProps.apiVersion === 'v1beta1' ? McsApiVersion.V1BETA1 : McsApiVersion.V1ALPHA1 } : undefined,
    registry: props.registry,
    capacity: props.capacity,
    status: props.status ?? ClusterStatus.READY,
  };
}
