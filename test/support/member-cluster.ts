// What a member cluster does with the objects a hub engine delivers to it, shared by the propagation
// simulators: apply them by identity (a later write of the same object wins), and give every Service
// that arrives without a ClusterIP an address of its own, as kube-apiserver's allocator does.

type Obj = Record<string, any>;

/** A member cluster as the simulators see it: the fleet's own settings, nothing emitted. */
export interface MemberCluster {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly serviceCidr?: string;
  readonly mesh?: unknown;
  readonly mcs?: boolean | { readonly enabled?: boolean };
}

/** Per-cluster objects after delivery, the Services whose address the member chose, and why delivery failed anywhere. */
export interface Delivered {
  readonly objects: Record<string, Obj[]>;
  /** `cluster` -> `namespace/name` of the Services the member cluster gave an address of its own. */
  readonly allocated: Record<string, string[]>;
  readonly problems: string[];
}

/** The identity of an object in a cluster: what a second apply of "the same object" overwrites. */
export function objectKey(o: Obj): string {
  const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
  return `${group}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

/** The hub as its API server stores what is applied to it: one object per identity, the last applied winning. */
export function hubState(objects: readonly Obj[]): Obj[] {
  return [...new Map(objects.map((o) => [objectKey(o), o])).values()];
}

/** Kinds that live outside namespaces, among those the engines deliver. */
/** Kinds without a namespace: an engine that places objects into a namespace leaves these alone. */
export const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

/** Applies objects to clusters in order, a later object replacing an earlier one of the same identity. */
export class MemberClusters {
  private readonly byCluster = new Map<string, Map<string, Obj>>();
  readonly problems: string[] = [];

  constructor(readonly clusters: readonly MemberCluster[]) {
    for (const c of clusters) this.byCluster.set(c.name, new Map());
  }

  has(cluster: string): boolean {
    return this.byCluster.has(cluster);
  }

  apply(cluster: string, object: Obj): void {
    const objects = this.byCluster.get(cluster);
    if (!objects) {
      this.problems.push(`delivery to "${cluster}", which is no cluster of the fleet`);
      return;
    }
    const copy = structuredClone(object);
    // ObjectMeta omits empty maps: an object stored with `annotations: {}` reads back without them.
    for (const field of ['labels', 'annotations']) if (copy.metadata?.[field] && Object.keys(copy.metadata[field]).length === 0) delete copy.metadata[field];
    objects.set(objectKey(copy), copy);
  }

  /** Deletes an object by identity, as kube-apiserver does; one that is not there is no failure (the caller's NotFound). */
  remove(cluster: string, object: Obj): void {
    const objects = this.byCluster.get(cluster);
    if (!objects) this.problems.push(`deletion in "${cluster}", which is no cluster of the fleet`);
    else objects.delete(objectKey(object));
  }

  /**
   * The final state: a Service of type ClusterIP without an address gets one from the top of its cluster's
   * serviceCidr, the part dynamic allocation prefers since Kubernetes 1.26, never one another Service holds.
   */
  result(): Delivered {
    const objects: Record<string, Obj[]> = {};
    const allocated: Record<string, string[]> = {};
    for (const cluster of this.clusters) {
      const list = [...(this.byCluster.get(cluster.name)?.values() ?? [])];
      const taken = new Set(list.filter((o) => o.kind === 'Service' && o.spec?.clusterIP).map((o) => String(o.spec.clusterIP)));
      const range = parseCidr(cluster.serviceCidr);
      let next = range ? range.first + range.size - 2 : undefined;
      for (const service of list.filter((o) => o.kind === 'Service' && needsAddress(o))) {
        while (next !== undefined && taken.has(formatIp(next))) next--;
        if (next === undefined || !range || next <= range.first) {
          this.problems.push(`"${cluster.name}" has no serviceCidr address left for Service ${service.metadata.namespace}/${service.metadata.name}`);
          continue;
        }
        service.spec.clusterIP = formatIp(next);
        service.spec.clusterIPs = [service.spec.clusterIP];
        taken.add(service.spec.clusterIP);
        (allocated[cluster.name] ??= []).push(`${service.metadata.namespace}/${service.metadata.name}`);
      }
      objects[cluster.name] = list;
    }
    return { objects, allocated, problems: [...this.problems] };
  }
}

function needsAddress(service: Obj): boolean {
  const type = service.spec?.type ?? 'ClusterIP';
  return type !== 'ExternalName' && (service.spec?.clusterIP === undefined || service.spec.clusterIP === '');
}

/** The API groups a member serves beyond the built-in ones: MCS where it runs, Istio's where a mesh runs. */
export function servesApi(cluster: MemberCluster, apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (group === 'multicluster.x-k8s.io') return cluster.mcs !== false && !(typeof cluster.mcs === 'object' && cluster.mcs.enabled === false);
  if (group.endsWith('istio.io')) return cluster.mesh !== undefined;
  return true;
}

function parseCidr(text: string | undefined): { first: number; size: number } | undefined {
  if (!text) return undefined;
  const [address, bits] = text.split('/');
  const first = address.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  return { first, size: 2 ** (32 - Number(bits)) };
}

function formatIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Does `labels` satisfy a Kubernetes label selector (matchLabels and matchExpressions)? */
export function matchesSelector(labels: Readonly<Record<string, string>> = {}, selector: Obj | undefined): boolean {
  if (!selector) return true;
  const exact = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const expressions = (selector.matchExpressions ?? []).every((e: Obj) => {
    const has = e.key in labels;
    if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });
  return exact && expressions;
}
