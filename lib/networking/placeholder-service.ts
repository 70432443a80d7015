// The placeholder's same-named Service, for networking modes written outside the library.
import type { Manifest } from '../core/kube/manifest';
import { serviceManifest } from '../core/emit/objects';
import type { ServiceModel } from '../core/resolved';

/** Options of a placeholder's Service. */
export interface PlaceholderServiceOptions {
  /** The ClusterIP to give it (pass `WiringContext.clusterIP`, the address reserved for the service there). @default - a dynamic address */
  readonly clusterIP?: string;
  /** Make it an ExternalName Service, a DNS alias of this host, instead of a selector-less ClusterIP one. @default - a ClusterIP Service */
  readonly externalName?: string;
}

/** Builds the Service a placeholder cluster holds for a service, as the built-in modes do. */
export class PlaceholderService {
  /** The same-named Service with the service's ports and labels, no selector (nothing local competes with the wiring). */
  public static of(service: ServiceModel, options: PlaceholderServiceOptions = {}): Manifest {
    return serviceManifest(service, { role: 'placeholder', withSelector: false, ...options });
  }

  private constructor() {}
}
