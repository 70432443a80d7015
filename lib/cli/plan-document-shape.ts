// The one check of a plan document's shape, run by readOutput before any command reads it: every field the
// layout declares (lib/core/report/plan-document.ts and the types it refers to), with its type and, where the
// layout has one, its enum; the cluster names the fleet's entries refer to; and every inline member object's
// identity. A document edited by hand or written by another tool is reported by field, never as a TypeError.
import { ClusterStatus, IstioApiVersion, McsApiVersion, MeshMtls } from '../core/api/cluster';
import { MigrationPhase } from '../core/api/migration';
import { ReplicaScheduling } from '../core/api/scheduling';
import { MoveReason } from '../core/model';
import type { PlanDocument } from '../core/report/plan-document';
import { bool, count, fields, type Found, list, name, num, oneOf, quantity, record, shown, str, then } from './field-checks';

// ClusterProps, as declared (lib/core/api/cluster.ts).
const allocatable = fields({ pods: count, cpu: quantity, memory: quantity }, ['pods', 'cpu', 'memory']);
const clusterProps = fields(
  {
    name,
    labels: record(str),
    zone: str,
    serviceCidr: str,
    podCidr: str,
    globalnetCidr: str,
    mesh: fields(
      { network: str, mtls: oneOf(Object.values(MeshMtls)), apiVersion: oneOf(Object.values(IstioApiVersion)), trustDomain: str, federatedTrustDomains: list(str) },
      ['mtls', 'apiVersion', 'trustDomain', 'federatedTrustDomains'],
    ),
    mcs: fields({ enabled: bool, apiVersion: oneOf(Object.values(McsApiVersion)) }, ['enabled', 'apiVersion']),
    registry: str,
    server: str,
    capacity: count,
    allocatable,
    status: oneOf(Object.values(ClusterStatus)),
    ingressNodes: count,
    ingressAddresses: list(str),
  },
  ['labels', 'zone', 'globalnetCidr', 'mesh', 'mcs', 'registry', 'server', 'capacity', 'allocatable', 'status', 'ingressNodes', 'ingressAddresses'],
);

/** A member object as a cluster receives it: what every command identifies objects by (validate, diff, the route model). */
const memberObject = fields({ apiVersion: name, kind: name, metadata: fields({ name, namespace: name }, ['namespace']) });

const entry = then(
  fields({ apiVersion: name, kind: name, namespace: name, name, file: name, manifest: memberObject }, ['namespace', 'file', 'manifest']),
  (v, at, found) => {
    const e = v as { apiVersion: string; kind: string; namespace?: string; name: string; file?: string; manifest?: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } };
    if (e.file === undefined && e.manifest === undefined) return void found.push(`${at} must have a file or a manifest, got neither`);
    const m = e.manifest;
    if (m && (m.apiVersion !== e.apiVersion || m.kind !== e.kind || m.metadata.name !== e.name || m.metadata.namespace !== e.namespace)) {
      found.push(`${at}.manifest must be the ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name} the entry lists, got ${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`);
    }
  },
);
const clusterDocument = fields({ cluster: clusterProps, folder: str, objects: list(entry) }, ['folder']);

// ServiceSummary and the plan's other summaries (lib/core/model.ts).
const replicas = record(count);
const service = fields(
  {
    path: str,
    name,
    namespace: name,
    clustersetHost: str,
    active: list(name),
    placeholders: list(fields({ cluster: name, networking: name })),
    replicas,
    withdrawn: list(name),
    scheduling: oneOf(Object.values(ReplicaScheduling)),
    podHosts: record(list(str)),
    addresses: record(fields({ clusterIP: str, globalnetIP: str }, ['clusterIP', 'globalnetIP'])),
    callers: list(str),
  },
  ['withdrawn', 'podHosts', 'callers'],
);
const usage = fields({ cluster: name, pods: count, cpu: quantity, memory: quantity, allocatable }, ['allocatable']);
const operations = fields({
  clusters: list(fields({ cluster: name, status: oneOf(Object.values(ClusterStatus)) })),
  migrations: list(fields({ path: str, from: name, to: name, phase: oneOf(Object.values(MigrationPhase)), services: list(str) })),
  services: list(
    fields({
      path: str,
      name,
      namespace: name,
      planned: replicas,
      beforeDegrade: replicas,
      replicas,
      degraded: replicas,
      moves: list(fields({ from: name, to: name, replicas: count, reason: oneOf(Object.values(MoveReason)) })),
    }),
  ),
});
const northSouth = fields({
  path: str,
  namespace: name,
  name,
  upstream: str,
  ports: list(str),
  entries: list(fields({ cluster: name, pods: count, nodes: list(fields({ address: str, weight: num })) })),
  unfronted: list(name),
});
const fleet = then(
  fields(
    { path: name, delivery: str, clusters: list(clusterDocument), services: list(service), usage: list(usage), operations, northSouth: list(northSouth) },
    ['usage', 'operations', 'northSouth'],
  ),
  (v, at, found) => clusterReferences(v as PlanDocument['fleets'][number], at, found),
);
const document = fields({ schemaVersion: num, generator: str, fleets: list(fleet) });

/**
 * Every cluster name the fleet's entries use must be one of its declared clusters, each declared once: the
 * commands look clusters up by these names (a table's column, a graph's node, a route's start).
 */
function clusterReferences(fleet: PlanDocument['fleets'][number], at: string, found: Found): void {
  const declared = fleet.clusters.map((c) => c.cluster.name);
  declared.forEach((n, i) => declared.indexOf(n) < i && found.push(`${at}.clusters[${i}].cluster.name must name a cluster once, got "${n}" a second time`));
  const known = new Set(declared);
  const names = `a cluster of the fleet (${declared.join(', ') || 'none'})`;
  const ref = (value: string, where: string): boolean => known.has(value) || (found.push(`${where} must name ${names}, got ${shown(value)}`), false);
  const keys = (map: Record<string, unknown> | undefined, where: string) => Object.keys(map ?? {}).forEach((k) => ref(k, `${where}.${k}`));
  fleet.services.forEach((s, i) => {
    const where = `${at}.services[${i}]`;
    s.active.forEach((c, j) => ref(c, `${where}.active[${j}]`) && !Object.hasOwn(s.replicas, c) && found.push(`${where}.replicas.${c} must be a whole number, at least 0 (active cluster), got nothing`));
    s.placeholders.forEach((p, j) => ref(p.cluster, `${where}.placeholders[${j}].cluster`));
    (s.withdrawn ?? []).forEach((c, j) => ref(c, `${where}.withdrawn[${j}]`));
    keys(s.replicas, `${where}.replicas`);
    keys(s.addresses, `${where}.addresses`);
    keys(s.podHosts, `${where}.podHosts`);
  });
  (fleet.usage ?? []).forEach((u, i) => ref(u.cluster, `${at}.usage[${i}].cluster`));
  const ops = fleet.operations;
  ops?.clusters.forEach((c, i) => ref(c.cluster, `${at}.operations.clusters[${i}].cluster`));
  ops?.migrations.forEach((m, i) => ['from', 'to'].forEach((end) => ref(m[end as 'from' | 'to'], `${at}.operations.migrations[${i}].${end}`)));
  ops?.services.forEach((s, i) => {
    const where = `${at}.operations.services[${i}]`;
    for (const map of ['planned', 'beforeDegrade', 'replicas', 'degraded'] as const) keys(s[map], `${where}.${map}`);
    s.moves.forEach((m, j) => ['from', 'to'].forEach((end) => ref(m[end as 'from' | 'to'], `${where}.moves[${j}].${end}`)));
  });
  (fleet.northSouth ?? []).forEach((t, i) => {
    t.entries.forEach((e, j) => ref(e.cluster, `${at}.northSouth[${i}].entries[${j}].cluster`));
    t.unfronted.forEach((c, j) => ref(c, `${at}.northSouth[${i}].unfronted[${j}]`));
  });
}

/** Every field of `value` that breaks the plan document's layout, at most `limit` of them. */
export function planShapeProblems(value: unknown, limit = 5): string[] {
  const found: Found = [];
  document(value, '(document)', found);
  return found.map((f) => f.replace(/^\(document\)\./, '')).slice(0, limit);
}

