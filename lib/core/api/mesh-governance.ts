// Istio security a FleetGovernance applies to its namespaces (docs/governance.md, "Least-privilege traffic").

/** Istio security for the governed namespaces, in every cluster with a mesh that holds their services. */
export interface MeshGovernanceProps {
  /**
   * A namespace PeerAuthentication in STRICT mode: the namespace's pods accept mutual TLS only, and clusterset
   * makes every placeholder of its services originate it (as for a cluster with `mesh.mtls: STRICT`).
   * @default false
   */
  readonly strictMtls?: boolean;
  /**
   * Per service with declared `callers`, an AuthorizationPolicy allowing only those callers, by their workload
   * identity `<caller cluster's trust domain>/ns/<namespace>/sa/<service account>`. Calls then need mutual TLS,
   * so placeholders of these services originate it, and a declared call between meshes that do not trust each
   * other is refused.
   * @default false
   */
  readonly authorizeCallers?: boolean;
}
