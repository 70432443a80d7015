// The resolved forms of a cluster and a service that networking modes read (see wiring.ts).
import type { ServicePort } from './api/port';
import type { Ipv4Cidr } from './kube/cidr';

/** A cluster after parsing: what the planner works with. */
export interface Cluster {
  readonly name: string;
  readonly path: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceCidr?: Ipv4Cidr;
  readonly podCidr?: Ipv4Cidr;
  readonly globalnetCidr?: Ipv4Cidr;
  readonly mesh?: { readonly network: string; readonly strictMtls: boolean; readonly apiVersion: 'v1' | 'v1beta1' };
  readonly mcs?: { readonly apiVersion: 'v1alpha1' | 'v1beta1' };
  readonly registry?: string;
  readonly capacity?: number;
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
  readonly name: string;
  readonly namespace: string;
  readonly ports: readonly ServicePort[];
  /** A StatefulSet's Service has no ClusterIP: DNS answers with pod IPs. */
  readonly headless: boolean;
  /** Labels on every object of the service. */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels that tie the Service to its pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** `{app}.{ns}.svc.clusterset.local`, served by Lighthouse for exported services. */
  readonly clustersetHost: string;
  /** `{app}.{ns}.svc.cluster.local`, the plain name clients call. */
  readonly localHost: string;
}
