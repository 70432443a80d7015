// The resolved forms of a cluster and a service that networking modes read (see wiring.ts).
import type { ClusterStatus, IstioApiVersion, McsApiVersion } from './api/cluster';
import type { ServicePort } from './api/port';
import type { Ipv4Cidr } from './kube/cidr';

/** Istio in a cluster, resolved. */
export interface ClusterMesh {
  /** The Istio network name of the cluster (`topology.istio.io/network`). */
  readonly network: string;
  /** Whether the mesh's servers accept mutual TLS only. */
  readonly strictMtls: boolean;
  /** The `networking.istio.io` version to emit there. */
  readonly apiVersion: IstioApiVersion;
  /** The mesh's trust domain, the first part of the identities it issues. */
  readonly trustDomain: string;
  /** Other trust domains whose certificates the mesh accepts. */
  readonly federatedTrustDomains: string[];
  /**
   * Namespaces whose governance demands mutual TLS into their pods here (a STRICT PeerAuthentication, or
   * AuthorizationPolicies naming callers by identity), as `strictMtls` does for the whole mesh.
   */
  readonly strictNamespaces: string[];
}

/** The Multi-Cluster Services API of a cluster, resolved: present only when it runs. */
export interface ClusterMcs {
  /** The `multicluster.x-k8s.io` version to emit there. */
  readonly apiVersion: McsApiVersion;
}

/** A cluster after parsing: what the planner and networking modes work with. */
export interface Cluster {
  /** The cluster's name in the clusterset. */
  readonly name: string;
  /** Construct path of the cluster, for errors. */
  readonly path: string;
  /** Labels placements select the cluster by. */
  readonly labels: { [key: string]: string };
  /** The Service ClusterIP range. @default - unparsable, already reported */
  readonly serviceCidr?: Ipv4Cidr;
  /** The Pod IP range. @default - unparsable, already reported */
  readonly podCidr?: Ipv4Cidr;
  /** The Submariner Globalnet range. @default - Globalnet not deployed */
  readonly globalnetCidr?: Ipv4Cidr;
  /** Istio in the cluster. @default - no mesh */
  readonly mesh?: ClusterMesh;
  /** The Multi-Cluster Services API in the cluster. @default - MCS does not run there (`mcs: false`) */
  readonly mcs?: ClusterMcs;
  /** The registry put in front of images synthesized there. @default - images keep their own registry */
  readonly registry?: string;
  /** How many replicas the cluster takes under divided scheduling. @default - unlimited */
  readonly capacity?: number;
  /** Ready, cordoned or down. */
  readonly status: ClusterStatus;
}

/** Labels and annotations clusterset puts on what it emits. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  managedBy: 'app.kubernetes.io/managed-by',
  role: 'clusterset.dev/role',
  managerValue: 'clusterset',
} as const;

/** A service after validation, in the words every builder and wiring uses. */
export interface ServiceModel {
  /** Construct path, for errors. */
  readonly path: string;
  /** The Service's name. */
  readonly name: string;
  /** The Service's namespace. */
  readonly namespace: string;
  /** The Service's ports. */
  readonly ports: ServicePort[];
  /** A StatefulSet's Service has no ClusterIP: DNS answers with pod IPs. */
  readonly headless: boolean;
  /** Labels on every object of the service. */
  readonly labels: { [key: string]: string };
  /** Labels that tie the Service to its pods. */
  readonly selector: { [key: string]: string };
  /** `{app}.{ns}.svc.clusterset.local`, served by Lighthouse for exported services. */
  readonly clustersetHost: string;
  /** `{app}.{ns}.svc.cluster.local`, the plain name clients call. */
  readonly localHost: string;
}
