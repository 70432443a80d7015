// Where north-south traffic enters a governed namespace (docs/governance.md, "North-south and monitoring under default deny").

/**
 * Where north-south traffic reaches a governed namespace's pods from: the ingress controller behind each
 * cluster's ingress nodes (`ClusterProps.ingressNodes`), by its pods' namespace and labels, or by the addresses
 * it sends from when it runs on the host network. Give at least `namespace` or `cidrs`.
 * NetworkPolicies admit it by `namespace` and `podLabels`, or `cidrs`; AuthorizationPolicies by `serviceAccount`.
 */
export interface IngressSourceProps {
  /** The namespace the ingress controller's pods run in, such as `ingress-nginx`. @default - its pods are not admitted by selector (give `cidrs`) */
  readonly namespace?: string;
  /** Labels of the ingress controller's pods in `namespace`, such as `{ 'app.kubernetes.io/name': 'ingress-nginx' }`. Needs `namespace`. @default - every pod of `namespace` */
  readonly podLabels?: { [key: string]: string };
  /**
   * IPv4 ranges ingress traffic arrives from when the controller runs on the host network: the ingress nodes'
   * own addresses, such as `192.0.2.11/32`. Each is admitted in every cluster that fronts the namespace's services.
   * @default - none
   */
  readonly cidrs?: string[];
  /**
   * The controller's service account in `namespace`, when it runs with an Istio sidecar: pods that accept mutual TLS
   * only (governance `mesh`) then allow its identity `<trust domain>/ns/<namespace>/sa/<serviceAccount>` on their
   * HTTP ports. A controller outside the mesh has no identity and sends plain text, which those pods refuse.
   * @default - not allowed by identity: no service of a namespace governed with `mesh` may be fronted by ingress nodes
   */
  readonly serviceAccount?: string;
}
