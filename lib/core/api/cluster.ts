
/** Mutual TLS as the mesh of a cluster enforces it on its servers. */
export enum MeshMtls {
  /** Servers accept plain text and mTLS: a MESH_EXTERNAL ServiceEntry works as it is. */
  PERMISSIVE = 'PERMISSIVE',
  /** Servers accept only mTLS: callers must originate ISTIO_MUTUAL, so clusterset emits a DestinationRule. */
  STRICT = 'STRICT',
}

/** Whether a cluster takes part in the plan as usual, keeps only what it runs, or is down (docs/operations.md). */
export enum ClusterStatus {
  /** Runs its shares and receives what the plan moves. */
  READY = 'READY',
  /** Keeps exactly the shares it has with every cluster ready, and receives nothing moved from elsewhere. */
  CORDONED = 'CORDONED',
  /** Down: its shares move to the other clusters, and its own output turns into placeholders (0 replicas, no export). */
  UNAVAILABLE = 'UNAVAILABLE',
}

/** The `networking.istio.io` API version clusterset writes Istio objects with. */
export enum IstioApiVersion {
  /** `networking.istio.io/v1`, served by Istio 1.22 and later. */
  V1 = 'v1',
  /** `networking.istio.io/v1beta1`, served by every supported Istio. */
  V1BETA1 = 'v1beta1',
}

/** The `multicluster.x-k8s.io` API version of ServiceExport and ServiceImport a cluster serves. */
export enum McsApiVersion {
  /** Served by Submariner Lighthouse. */
  V1ALPHA1 = 'v1alpha1',
  /** Served by the MCS API's newer implementations. */
  V1BETA1 = 'v1beta1',
}

/** Istio in a cluster. */
export interface MeshProps {
  /** The Istio network name of the cluster (`topology.istio.io/network`). @default - no default: Istio multi-network needs it */
  readonly network: string;
  /** How servers in this cluster's mesh enforce mutual TLS. @default MeshMtls.PERMISSIVE */
  readonly mtls?: MeshMtls;
  /** The `networking.istio.io` version to emit; `v1` needs Istio 1.22 or later. @default IstioApiVersion.V1BETA1 */
  readonly apiVersion?: IstioApiVersion;
  /**
   * The mesh's trust domain (Istio's `meshConfig.trustDomain`): the first part of every workload identity
   * `<trust domain>/ns/<namespace>/sa/<account>` it issues, which AuthorizationPolicies name callers by.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
  /**
   * Trust domains of other clusters' meshes whose certificates this mesh accepts (a shared or federated root,
   * Istio's `trustDomainAliases` or SPIFFE federation): a call between two meshes is possible when they share
   * a trust domain or one lists the other's here.
   * @default [] - only its own trust domain
   */
  readonly federatedTrustDomains?: string[];
}

/** The Multi-Cluster Services API (Submariner Lighthouse) in a cluster. */
export interface McsProps {
  /** Whether Lighthouse (or another MCS implementation) runs there. @default true */
  readonly enabled?: boolean;
  /** The `multicluster.x-k8s.io` version it serves: Lighthouse serves v1alpha1. @default McsApiVersion.V1ALPHA1 */
  readonly apiVersion?: McsApiVersion;
}

/**
 * What a cluster can hold for the fleet's services, summed over every service planned there (replicas ×
 * requests; an autoscaled workload counts its maxReplicas). See docs/capacity.md.
 */
export interface AllocatableProps {
  /** Most pods of the fleet's services the cluster takes. @default - pods are not counted against the cluster */
  readonly pods?: number;
  /** Most CPU requested by them, a Kubernetes quantity such as `16` or `15500m`. @default - CPU requests are not counted */
  readonly cpu?: string;
  /** Most memory requested by them, a Kubernetes quantity such as `64Gi`. @default - memory requests are not counted */
  readonly memory?: string;
}

/** One member cluster of the fleet. */
export interface ClusterProps {
  /** The cluster's name in the clusterset: a DNS-1123 label, unique in the fleet, also its output folder. @default - no default */
  readonly name: string;
  /** Labels that placements select clusters by (`clusterLabelSelector`). @default {} */
  readonly labels?: Record<string, string>;
  /**
   * The zone or site the cluster runs in, such as `cn-hangzhou-b`: each cluster's Prometheus labels its series
   * with it (the `zone` external label, docs/governance.md).
   * @default - no zone: series carry no `zone` label
   */
  readonly zone?: string;
  /** The Service ClusterIP range (`--service-cluster-ip-range`). @default - no default: overlap checks and ClusterIP allocation need it */
  readonly serviceCidr: string;
  /** The Pod IP range (`--cluster-cidr`). @default - no default: overlap checks need it */
  readonly podCidr: string;
  /** The Submariner Globalnet range of this cluster; clusters whose ranges overlap need it on both sides. @default - Globalnet not deployed */
  readonly globalnetCidr?: string;
  /** Istio in this cluster. @default - no mesh */
  readonly mesh?: MeshProps;
  /** The Multi-Cluster Services API in this cluster; `{ enabled: false }` when Lighthouse is absent. @default { enabled: true, apiVersion: McsApiVersion.V1ALPHA1 } */
  readonly mcs?: McsProps;
  /** This cluster's image registry or mirror, put in front of every image synthesized there unless an override names another. @default - images keep their own registry */
  readonly registry?: string;
  /** The cluster's API server URL, as GitOps tools (Argo CD) address it. @default - addressed by its name */
  readonly server?: string;
  /** Most replicas of one service this cluster can take: bounds its share under ReplicaScheduling.DIVIDED. @default - unbounded */
  readonly capacity?: number;
  /** What the cluster can hold for all the fleet's services together: the plan is refused when their replicas × requests exceed it. @default - not checked */
  readonly allocatable?: AllocatableProps;
  /** Whether the cluster is ready, cordoned or down; the plan moves the shares of a cluster that is not ready (docs/operations.md). @default ClusterStatus.READY */
  readonly status?: ClusterStatus;
  /**
   * How many ingress nodes front the cluster for north-south traffic: the outer load balancer (nginx) sends
   * each HTTP service's requests to them, each weighted by the service's pods in the cluster
   * (docs/north-south.md). A whole number, at least 1.
   * @default - the cluster is not fronted by the outer load balancer: it gets no north-south entry
   */
  readonly ingressNodes?: number;
  /**
   * Each ingress node's address as the outer nginx reaches it, `host` or `host:port` (a DNS name, an IPv4
   * address or a bracketed IPv6 address), one per node: as many as `ingressNodes`, each once in the fleet.
   * @default - `<cluster>-ingress-<n>` for n from 1 to ingressNodes, names your DNS must resolve
   */
  readonly ingressAddresses?: string[];
}

