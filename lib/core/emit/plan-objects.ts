// Turns resolved services into each cluster's objects, in apply order.
import { type ActiveSource, AddressKind } from '../wiring';
import { addressKey } from '../resolve/addresses';
import { ApplyWave, type Assignment, OwnerKind, type FleetPlan, type PlannedObject, type ResolvedAddress, type ResolvedService, type Role, type ServiceSummary } from '../model';
import type { Cluster } from '../resolved';
import type { Problems } from '../errors';
import { immutableFieldsSet } from '../kube/immutable';
import { BUILT_IN_NAMESPACES } from '../kube/namespaces';
import type { NamespaceProps } from '../api/namespace';
import type { Manifest } from '../kube/manifest';
import { namespaceManifest, serviceExportManifest, serviceManifest } from './objects';
import { LiveValue, type ObjectRef, refOf } from '../kube/object-ref';
import { applyWaveOf, compare } from './order';
import { clusterWorkload } from './cluster-workload';
import { ReplicaScheduling } from '../api/scheduling';
import { activeAdditions, withExportMetadata } from './active-side';
import { checkedModeObjects } from '../validate/mode-objects';
import { checkWorkloadSecurity } from '../validate/workload-security';
import { clusterDependencies, WrittenDependencies } from './dependencies';
import { checkPodReferences } from '../validate/references';
import { scalingManifests } from './scaling';
import { isExported } from '../resolve/exported';

/** Annotation on an exported headless Service listing its pods' clusterset names. */
export const POD_HOSTS_ANNOTATION = 'clusterset.dev/pod-hosts';

/** Every cluster's objects (Namespaces first, then by wave, services in sorted order) and a summary per service. */
export function buildPlan(
  clusters: readonly Cluster[],
  services: readonly ResolvedService[],
  addresses: Map<string, ResolvedAddress>,
  liveAddresses: boolean,
  problems: Problems,
  declared: readonly NamespaceProps[] = [],
): FleetPlan {
  const objects = new Map<string, PlannedObject[]>(clusters.map((c) => [c.name, []]));
  const namespaces = new Map<string, Set<string>>(clusters.map((c) => [c.name, new Set()]));
  const summaries: ServiceSummary[] = [];
  const written = new WrittenDependencies();
  for (const s of services) {
    const key = `${s.model.namespace}/${s.model.name}`;
    const active = s.assignments.filter((a) => a.role === 'active');
    // Placeholders reach only the active clusters that export; a withdrawn one serves its own clients alone.
    const exporting = active.filter(isExported);
    const withdrawn = active.filter((a) => !isExported(a)).map((a) => a.cluster.name);
    // Shares weigh traffic only when they differ by design (divided scheduling), not when duplicated.
    const divided = s.spec.options.scheduling?.type === ReplicaScheduling.DIVIDED;
    const sources: ActiveSource[] = exporting.map((a) => ({ cluster: a.cluster, ...(divided ? { weight: a.replicas } : {}) }));
    const addressOf = (cluster: Cluster): SourceAddress | undefined => {
      const found = addresses.get(addressKey(cluster.name, key));
      // Deploying backends read an unpinned ClusterIP from the live Service instead of allocating one.
      return liveAddresses && found?.clusterIP === undefined
        ? { ...found, clusterIP: new LiveValue(activeServiceRef(s, cluster), ['spec', 'clusterIP']) }
        : found;
    };
    const owner = { kind: OwnerKind.SERVICE, name: s.model.path };
    const workloads: Array<{ cluster: string; manifest: Manifest }> = [];
    for (const a of s.assignments) {
      namespaces.get(a.cluster.name)?.add(s.model.namespace);
      const report = (message: string) => problems.add(s.model.path, message);
      const [workload, ...others] = emitAssignment(s, a, sources, addressOf, report);
      workloads.push({ cluster: a.cluster.name, manifest: workload });
      const dependencies = clusterDependencies(s, a);
      checkPodReferences(a.cluster.name, workload, { declared: dependencies, external: s.spec.options.externalDependencies ?? [] }, report);
      const inNamespace = namespaceRefs(a.cluster.name, s.model.namespace);
      const dependsOn = [...inNamespace, ...(a.role === 'placeholder' ? sourceRefs(s, exporting) : [])];
      // Dependencies come first in their wave and the workload waits for them, so its pods find them.
      const planned = (manifest: Manifest, after: ObjectRef[]): PlannedObject => {
        const replaceOnChanges = immutableFieldsSet(manifest);
        return { manifest, wave: applyWaveOf(manifest), dependsOn: after, owner, servicePath: s.model.path, ...(replaceOnChanges.length > 0 ? { replaceOnChanges } : {}) };
      };
      objects.get(a.cluster.name)?.push(
        ...dependencies.filter((d) => written.claim(a.cluster.name, d, s.model.path, report)).map((d) => ({ ...planned(d, inNamespace), dependency: true })),
        planned(workload, [...dependsOn, ...dependencies.map((d) => refOf(a.cluster.name, d))]),
        ...others.map((manifest) => planned(manifest, dependsOn)),
      );
    }
    checkWorkloadSecurity(s, workloads, declared, (message) => problems.add(s.model.path, message));
    summaries.push({
      path: s.model.path,
      name: s.model.name,
      namespace: s.model.namespace,
      clustersetHost: s.model.clustersetHost,
      active: active.map((a) => a.cluster.name),
      placeholders: s.assignments
        .filter((a) => a.role === 'placeholder')
        .map((a) => ({ cluster: a.cluster.name, networking: String(a.networking) })),
      replicas: Object.fromEntries(active.map((a) => [a.cluster.name, a.replicas])),
      ...(withdrawn.length > 0 ? { withdrawn } : {}),
      scheduling: divided ? ReplicaScheduling.DIVIDED : ReplicaScheduling.DUPLICATED,
      ...(s.model.headless ? { podHosts: Object.fromEntries(active.map((a) => [a.cluster.name, podHosts(s, a)])) } : {}),
      addresses: Object.fromEntries(active.flatMap((a) => {
        const found = addresses.get(addressKey(a.cluster.name, key));
        return found && Object.keys(found).length > 0 ? [[a.cluster.name, found]] : [];
      })),
    });
  }
  return {
    clusters: clusters.map((c) => {
      const nsObjects = [...(namespaces.get(c.name) ?? [])]
        .filter((ns) => !BUILT_IN_NAMESPACES.has(ns))
        .sort(compare)
        .map((ns) => ({
          manifest: namespaceManifest(ns, declared.find((d) => d.name === ns)),
          wave: ApplyWave.NAMESPACES,
          dependsOn: [],
          owner: { kind: OwnerKind.NAMESPACE, name: ns },
        }));
      // Array.prototype.sort is stable: within a wave, objects keep service order.
      const rest = [...(objects.get(c.name) ?? [])].sort((a, b) => a.wave - b.wave);
      return { cluster: c.name, objects: [...nsObjects, ...rest] };
    }),
    services: summaries,
  };
}

/** Lighthouse's names of each pod of a StatefulSet in one cluster: `{pod}.{cluster}.{svc}.{ns}.svc.clusterset.local`. */
export function podHosts(s: ResolvedService, a: Assignment): string[] {
  return Array.from({ length: a.replicas }, (_, i) => `${s.model.name}-${i}.${a.cluster.name}.${s.model.clustersetHost}`);
}

/** Lists a headless Service's per-pod clusterset names on it, where readers of the manifests find them. */
function withPodHosts(service: Manifest, hosts: readonly string[]): Manifest {
  return { ...service, metadata: { ...service.metadata, annotations: { [POD_HOSTS_ANNOTATION]: hosts.join(',') } } };
}

/** The Namespace an object of `namespace` waits for, unless Kubernetes has it built in. */
function namespaceRefs(cluster: string, namespace: string): ObjectRef[] {
  return BUILT_IN_NAMESPACES.has(namespace) ? [] : [{ cluster, apiVersion: 'v1', kind: 'Namespace', name: namespace }];
}

function activeServiceRef(s: ResolvedService, cluster: Cluster): ObjectRef {
  return { cluster: cluster.name, apiVersion: 'v1', kind: 'Service', namespace: s.model.namespace, name: s.model.name };
}

/** What a placeholder waits for: each active cluster's Service and its export (active first, then placeholders). */
function sourceRefs(s: ResolvedService, active: readonly Assignment[]): ObjectRef[] {
  return active.flatMap((a) => [
    activeServiceRef(s, a.cluster),
    ...(a.cluster.mcs
      ? [{ ...activeServiceRef(s, a.cluster), apiVersion: `multicluster.x-k8s.io/${a.cluster.mcs.apiVersion}`, kind: 'ServiceExport' }]
      : []),
  ]);
}

/** The address fields of one active cluster's Service, known or live. */
interface SourceAddress {
  readonly clusterIP?: string | LiveValue;
  readonly globalnetIP?: string;
}

/** The address of `found` a wiring asked for, known (`address`) or read from the live Service (`liveAddress`). */
function sourceAddress(need: AddressKind | undefined, found: SourceAddress | undefined): Pick<ActiveSource, 'address' | 'liveAddress'> {
  const value = need === AddressKind.GLOBALNET ? found?.globalnetIP : need === AddressKind.CLUSTER_IP ? found?.clusterIP : undefined;
  if (value === undefined) return {};
  return value instanceof LiveValue ? { liveAddress: value } : { address: value };
}

function emitAssignment(
  s: ResolvedService,
  a: Assignment,
  sources: readonly ActiveSource[],
  addressOf: (cluster: Cluster) => SourceAddress | undefined,
  report: (message: string) => void,
): Manifest[] {
  const role: Role = a.role;
  const workload = clusterWorkload(s, a, report);
  if (a.role === 'placeholder' && a.networking) {
    const wiring = a.networking.wiring;
    const withAddresses = sources.map((src) => ({ ...src, ...sourceAddress(wiring.addressNeeded(a.cluster, src.cluster), addressOf(src.cluster)) }));
    const own = addressOf(a.cluster)?.clusterIP;
    const clusterIP = typeof own === 'string' ? { clusterIP: own } : {};
    const objects: unknown = wiring.objects({ service: s.model, cluster: a.cluster, sources: withAddresses, ...clusterIP });
    return [workload, ...checkedModeObjects(wiring.name, a.cluster.name, s.model, objects, report)];
  }
  const pinned = addressOf(a.cluster)?.clusterIP;
  const service = serviceManifest(s.model, { role, withSelector: true, clusterIP: typeof pinned === 'string' ? pinned : undefined });
  const emitted = [workload, s.model.headless ? withPodHosts(service, podHosts(s, a)) : service, ...scalingManifests(s, a)];
  if (!isExported(a)) return emitted;
  const weight = sources.find((src) => src.cluster.name === a.cluster.name)?.weight;
  const additions = activeAdditions(s, a, weight, report);
  if (a.cluster.mcs) emitted.push(withExportMetadata(serviceExportManifest(s.model, a.cluster.mcs.apiVersion), additions));
  else if (Object.keys(additions.exportLabels).length + Object.keys(additions.exportAnnotations).length > 0) {
    report(`networking modes label or annotate the ServiceExport in cluster "${a.cluster.name}", which sets mcs: false and has none; enable mcs there`);
  }
  return [...emitted, ...additions.objects];
}
