// The clusters that export one service must agree on how it is consumed. An MCS controller merges their
// Services into one ServiceImport and, where a global property differs, sets the `Conflict` condition on
// every export and settles it by which export is oldest (KEP-1645, "Constraints and Conflict Resolution";
// the reasons are mcs-api's and Lighthouse's). Checked on the emitted plan, so whatever makes one
// cluster's Service differ (an override, a patch, a custom wiring) is caught before it reaches a cluster.
import type { Problems } from '../errors';
import type { Manifest } from '../kube/manifest';
import type { FleetPlan } from '../model';

type Json = Record<string, unknown>;

const MCS_GROUP = 'multicluster.x-k8s.io';
/** Lighthouse's opt-in to a clusterset virtual IP, set on a ServiceExport. */
export const USE_CLUSTERSET_IP_ANNOTATION = 'lighthouse.submariner.io/use-clusterset-ip';
/** Kubernetes' default `sessionAffinityConfig.clientIP.timeoutSeconds` for ClientIP affinity. */
const DEFAULT_AFFINITY_TIMEOUT = 10800;

/** One cluster's export of a service: the ServiceExport and the Service of the same name beside it. */
interface Export {
  readonly cluster: string;
  readonly path: string;
  readonly serviceExport: Manifest;
  readonly service?: Manifest;
}

/** A property every exporting cluster must agree on, read as a comparable text, and the reason a controller gives when they do not. */
interface GlobalProperty {
  /** The `Conflict` condition's reason. */
  readonly reason: string;
  /** What differs, in the words of the fix: "make <what> the same". */
  readonly what: string;
  read(e: Export): string;
}

const specOf = (m: Manifest | undefined): Json => (m?.spec ?? {}) as Json;

const GLOBAL_PROPERTIES: readonly GlobalProperty[] = [
  {
    reason: 'TypeConflict',
    what: 'the Service type (headless or ClusterIP)',
    read: (e) => (specOf(e.service).clusterIP === 'None' ? 'headless' : 'ClusterIP'),
  },
  {
    reason: 'PortConflict',
    what: 'the ports (name, protocol, port and appProtocol; targetPort may differ)',
    read: (e) =>
      ((specOf(e.service).ports ?? []) as Json[])
        .map((p) => `${String(p.name ?? '')} ${String(p.port)}/${String(p.protocol ?? 'TCP')}${p.appProtocol ? ` ${String(p.appProtocol)}` : ''}`)
        .sort()
        .join(', ') || 'none',
  },
  {
    reason: 'SessionAffinityConflict',
    what: 'sessionAffinity',
    read: (e) => String(specOf(e.service).sessionAffinity ?? 'None'),
  },
  {
    reason: 'SessionAffinityConfigConflict',
    what: 'sessionAffinityConfig',
    read: (e) => {
      const spec = specOf(e.service);
      if (spec.sessionAffinity !== 'ClientIP') return 'none';
      const clientIP = ((spec.sessionAffinityConfig ?? {}) as Json).clientIP as Json | undefined;
      return `clientIP timeoutSeconds ${String(clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT)}`;
    },
  },
  {
    reason: 'InternalTrafficPolicyConflict',
    what: 'internalTrafficPolicy',
    read: (e) => String(specOf(e.service).internalTrafficPolicy ?? 'Cluster'),
  },
  {
    reason: 'TrafficDistributionConflict',
    what: 'trafficDistribution',
    // Kubernetes treats PreferClose as the older name of PreferSameZone.
    read: (e) => String(specOf(e.service).trafficDistribution ?? 'unset').replace(/^PreferClose$/, 'PreferSameZone'),
  },
  {
    reason: 'IPFamilyConflict',
    what: 'ipFamilies',
    // clusterset plans IPv4 clusters only, where an unset ipFamilies defaults to IPv4.
    read: (e) => ((specOf(e.service).ipFamilies ?? ['IPv4']) as string[]).join(','),
  },
  {
    reason: 'ClusterSetIPEnablementConflict',
    what: `the ServiceExport annotation ${USE_CLUSTERSET_IP_ANNOTATION}`,
    read: (e) => e.serviceExport.metadata.annotations?.[USE_CLUSTERSET_IP_ANNOTATION] ?? 'unset',
  },
  {
    reason: 'LabelsConflict',
    what: 'the ServiceExport spec.exportedLabels',
    read: (e) => sortedJson(specOf(e.serviceExport).exportedLabels),
  },
  {
    reason: 'AnnotationsConflict',
    what: 'the ServiceExport spec.exportedAnnotations',
    read: (e) => sortedJson(specOf(e.serviceExport).exportedAnnotations),
  },
];

function sortedJson(map: unknown): string {
  const entries = Object.entries((map ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? 'none' : JSON.stringify(Object.fromEntries(entries));
}

/**
 * Reports every service whose exports would conflict, and every export a controller would find invalid
 * (no Service beside it, or an ExternalName one), each naming the condition and reason it prevents.
 */
export function checkMcsConsistency(plan: FleetPlan, problems: Problems): void {
  for (const [key, exports] of exportsByService(plan)) {
    const path = exports[0].path;
    for (const e of exports) {
      if (!e.service) {
        problems.add(e.path, `exports ${key} from cluster "${e.cluster}", which has no Service ${key}; Lighthouse would mark the export Valid=False (NoService); emit the Service there or drop the export`);
      } else if (specOf(e.service).type === 'ExternalName') {
        problems.add(e.path, `exports ${key} from cluster "${e.cluster}", whose Service is an ExternalName; Lighthouse would mark the export Valid=False (InvalidServiceType); export only from clusters that run the service`);
      }
    }
    const valid = exports.filter((e) => e.service && specOf(e.service).type !== 'ExternalName');
    if (valid.length < 2) continue;
    for (const property of GLOBAL_PROPERTIES) {
      const byValue = new Map<string, string[]>();
      for (const e of valid) {
        const value = property.read(e);
        byValue.set(value, [...(byValue.get(value) ?? []), e.cluster]);
      }
      if (byValue.size < 2) continue;
      const values = [...byValue.entries()].map(([value, clusters]) => `"${value}" in ${clusters.map((c) => `"${c}"`).join(', ')}`).join('; ');
      problems.add(
        path,
        `the clusters exporting ${key} disagree on ${property.what}: ${values}; Lighthouse would mark every export Conflict (${property.reason}) ` +
          `and settle it by which export is oldest; make ${property.what} the same in every exporting cluster`,
      );
    }
  }
}

/**
 * Each exported name's exports, keyed `namespace/name`, clusters in fleet order, each with the Service of the
 * same name that the same service emits beside it: its own, or one a networking mode adds (an alias). An
 * exported name belongs to one service (the fleet ledger refuses two), so each comparison reads the objects
 * of one service, whatever else the fleet holds, and both flavours make it alike.
 */
function exportsByService(plan: FleetPlan): Map<string, Export[]> {
  const found = new Map<string, Export[]>();
  for (const c of plan.clusters) {
    const services = new Map(
      c.objects.filter((o) => o.manifest.apiVersion === 'v1' && o.manifest.kind === 'Service').map((o) => [`${o.servicePath ?? ''}|${nameOf(o.manifest)}`, o.manifest]),
    );
    for (const o of c.objects) {
      const m = o.manifest;
      if (m.kind !== 'ServiceExport' || m.apiVersion.split('/')[0] !== MCS_GROUP) continue;
      const key = nameOf(m);
      const service = services.get(`${o.servicePath ?? ''}|${key}`);
      found.set(key, [...(found.get(key) ?? []), { cluster: c.cluster, path: o.servicePath ?? key, serviceExport: m, service }]);
    }
  }
  return found;
}

function nameOf(m: Manifest): string {
  return `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;
}
