// What `clusterset explain` is asked about, found in a read output: the service (by `name` or `namespace/name`),
// the cluster the request starts in, the ports, the client namespace and the calling workload. Every name that
// matches nothing, or more than one thing, is a usage error listing what would match.
import type { ServiceSummary } from '../../core/model';
import type { LoadedFleet, LoadedOutput } from '../output';
import { UsageError } from '../parse-options';

// Objects of the output are JSON; every field may be missing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, read field by field
type Obj = Record<string, any>;

/** A question explain cannot answer as asked: the message says what matches instead, and where to read more. */
function usage(message: string): UsageError {
  return new UsageError(`${message}; see clusterset explain --help`);
}

/** What the user asked for, as given on the command line. */
export interface ExplainQuery {
  /** `name` or `namespace/name`. */
  readonly service: string;
  /** The cluster of the calling pod. */
  readonly from: string;
  /** A port number or name; every port when undefined. */
  readonly port?: string;
  /** The calling pod's namespace; the service's own when undefined. */
  readonly clientNamespace?: string;
  /** The calling pod's Deployment or StatefulSet, in the client namespace of `from`. */
  readonly caller?: string;
}

/** One port of the Service, as a request names it. */
export interface TargetPort {
  readonly port: number;
  readonly protocol: string;
  readonly name?: string;
}

/** The question, resolved against the output. */
export interface ExplainTarget {
  readonly fleet: LoadedFleet;
  readonly service: ServiceSummary;
  readonly from: string;
  readonly client: string;
  readonly caller?: string;
  readonly ports: readonly TargetPort[];
}

/** Finds what `query` names in `output`; throws UsageError naming the candidates when it cannot. */
export function resolveTarget(output: LoadedOutput, query: ExplainQuery): ExplainTarget {
  const { fleet, service } = findService(output, query);
  const clusters = fleet.document.clusters.map((c) => c.cluster.name);
  if (!clusters.includes(query.from)) {
    throw usage(`--from "${query.from}" is no cluster of fleet ${fleet.document.path}; its clusters: ${[...clusters].sort().join(', ')}`);
  }
  const client = query.clientNamespace ?? service.namespace;
  const caller = query.caller === undefined ? undefined : findCaller(fleet, query.from, client, query.caller);
  return { fleet, service, from: query.from, client, ...(caller !== undefined ? { caller } : {}), ports: portsOf(fleet, service, query) };
}

/** The service the query names, in the one fleet that holds it (or the one whose clusters include `--from`). */
function findService(output: LoadedOutput, query: ExplainQuery): { fleet: LoadedFleet; service: ServiceSummary } {
  const all = output.fleets.flatMap((fleet) => fleet.document.services.map((service) => ({ fleet, service })));
  const key = (s: ServiceSummary) => `${s.namespace}/${s.name}`;
  const matches = all.filter(({ service }) => (query.service.includes('/') ? key(service) === query.service : service.name === query.service));
  const several = output.fleets.length > 1;
  const label = (m: { fleet: LoadedFleet; service: ServiceSummary }) => `${key(m.service)}${several ? ` (fleet ${m.fleet.document.path})` : ''}`;
  if (matches.length === 0) {
    const known = [...new Set(all.map(label))].sort();
    throw usage(`no service "${query.service}" in ${output.dir}; its services: ${known.join(', ') || 'none'}`);
  }
  // The same service in several fleets: the one with the calling cluster is meant.
  const fitting = matches.length > 1 ? matches.filter((m) => m.fleet.document.clusters.some((c) => c.cluster.name === query.from)) : matches;
  if (fitting.length === 0 && new Set(matches.map((m) => key(m.service))).size === 1) {
    const clusters = matches.map((m) => `${m.fleet.document.path}: ${m.fleet.document.clusters.map((c) => c.cluster.name).sort().join(', ')}`);
    throw usage(`--from "${query.from}" is no cluster of the fleets holding ${key(matches[0].service)}; their clusters: ${clusters.join('; ')}`);
  }
  const chosen = fitting.length === 0 ? matches : fitting;
  if (chosen.length > 1) {
    throw usage(`"${query.service}" is ambiguous: ${chosen.map(label).sort().join(', ')}; name it as namespace/name${several ? ' and pick --from in one fleet' : ''}`);
  }
  return chosen[0];
}

/** The Deployment or StatefulSet `name` of `namespace` in `cluster`. */
function findCaller(fleet: LoadedFleet, cluster: string, namespace: string, name: string): string {
  const workloads = (fleet.objects[cluster] ?? []).filter((o: Obj) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && (o.metadata?.namespace ?? 'default') === namespace);
  if (workloads.some((w: Obj) => w.metadata?.name === name)) return name;
  const known = workloads.map((w: Obj) => `${w.kind} ${String(w.metadata?.name)}`).sort();
  throw usage(
    `--caller "${name}" is no Deployment or StatefulSet of namespace ${namespace} in "${cluster}"; ${known.length > 0 ? `its workloads: ${known.join(', ')}` : 'it runs none there'}` +
      ' (--client-namespace picks another namespace)',
  );
}

/**
 * The ports to follow: the Service's as the calling cluster holds it, else as the first cluster holding it does
 * (a calling cluster without the Service is itself a broken route, which explain then shows).
 */
function portsOf(fleet: LoadedFleet, service: ServiceSummary, query: ExplainQuery): TargetPort[] {
  const holding: Obj | undefined = [query.from, ...fleet.document.clusters.map((c) => c.cluster.name)]
    .map((cluster): Obj | undefined => (fleet.objects[cluster] ?? []).find((o: Obj) => o.kind === 'Service' && o.metadata?.name === service.name && (o.metadata?.namespace ?? 'default') === service.namespace))
    .find((s) => Array.isArray(s?.spec?.ports));
  const declared: Obj[] = holding?.spec.ports ?? [];
  const ports = declared
    .filter((p) => typeof p?.port === 'number')
    .map((p): TargetPort => ({ port: p.port, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', ...(typeof p.name === 'string' ? { name: p.name } : {}) }));
  if (ports.length === 0) throw usage(`no cluster of fleet ${fleet.document.path} holds a Service ${service.namespace}/${service.name} with ports; synthesize the program again`);
  if (query.port === undefined) return ports;
  const chosen = ports.filter((p) => String(p.port) === query.port || p.name === query.port);
  if (chosen.length === 0) {
    throw usage(`--port ${query.port} is no port of Service ${service.namespace}/${service.name}; its ports: ${ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ')}`);
  }
  return chosen;
}
