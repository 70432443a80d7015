// Every check of a fleet and its services, each message naming the path, the value and the fix.
import { cidrsOverlap, type Ipv4Cidr } from '../kube/cidr';
import type { ClusterProps } from '../api/cluster';
import { parseCluster } from '../resolve/cluster';
import type { Assignment } from '../model';
import { type Cluster, LABELS, type ServiceModel } from '../resolved';
import type { Problems } from '../errors';
import type { FleetLedger } from './fleet-ledger';
import { imageFor, imageProblem, isRegistryHost } from '../kube/image';
import type { JsonPatchOperation } from '../api/overriders';
import { type Overrides } from '../api/overrides';
import { checkResources } from '../kube/quantity';
import { dns1035LabelProblem, dns1123LabelProblem, labelKeyProblem, labelValueProblem, portNameProblem } from '../kube/names';
import { type ActivePlacement, type Placement, PlaceholderPlacement } from '../api/placement';
import type { MultiClusterServiceOptions } from '../api/service';
import type { ServicePort } from '../api/port';
import { isExported } from '../resolve/exported';
import { checkIngressNodes } from './ingress-nodes';

/** Parses and checks the clusters of a fleet: names, uniqueness, CIDRs, Globalnet. */
export function validateClusters(fleetPath: string, props: readonly ClusterProps[], problems: Problems): Cluster[] {
  if (props.length === 0) problems.add(fleetPath, 'clusters is empty; a ClusterSet needs at least one cluster');
  const clusters = props.map((p, i) => {
    const path = `${fleetPath}/clusters[${i}]`;
    const nameProblem = dns1123LabelProblem(p.name);
    if (nameProblem) problems.add(path, `cluster name "${p.name}" ${nameProblem}; it is the cluster's MCS cluster id and the first label of Lighthouse's {cluster}.{svc}.{ns}.svc.clusterset.local names`);
    checkLabels('labels', p.labels, (m) => problems.add(path, m));
    if (p.mesh && p.mesh.network.trim() === '') problems.add(path, 'mesh.network is empty; give the Istio network name of the cluster');
    if (p.capacity !== undefined && !(Number.isInteger(p.capacity) && p.capacity >= 0)) {
      problems.add(path, `cluster "${p.name}" capacity ${p.capacity} must be a whole number of replicas, 0 or more`);
    }
    if (p.registry !== undefined && !isRegistryHost(p.registry)) {
      problems.add(path, `cluster "${p.name}" registry "${p.registry}" is not a registry host such as registry.example.com or mirror.local:5000`);
    }
    return parseCluster(p, path, (message) => problems.add(path, `cluster "${p.name}" ${message}`));
  });
  checkIngressNodes(props, (i, message) => problems.add(clusters[i].path, message));
  const seen = new Map<string, number>();
  clusters.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) {
      problems.add(c.path, `cluster name "${c.name}" is already used by clusters[${first}]; cluster names are unique in a ClusterSet`);
    }
    seen.set(c.name, first ?? i);
    if (c.serviceCidr && c.podCidr && cidrsOverlap(c.serviceCidr, c.podCidr)) {
      problems.add(c.path, `serviceCidr ${c.serviceCidr.text} overlaps podCidr ${c.podCidr.text} of the same cluster "${c.name}"`);
    }
  });
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i].globalnetCidr;
      const b = clusters[j].globalnetCidr;
      if (a && b && cidrsOverlap(a, b)) {
        problems.add(
          clusters[j].path,
          `globalnetCidr ${b.text} of "${clusters[j].name}" overlaps globalnetCidr ${a.text} of "${clusters[i].name}"; Globalnet ranges must be disjoint`,
        );
      }
    }
  }
  return clusters;
}

/** Checks a service's own fields: names, image, replicas, ports, labels. */
export function validateServiceOptions(path: string, name: string, options: MultiClusterServiceOptions, problems: Problems): void {
  const nameProblem = dns1035LabelProblem(name);
  if (nameProblem) problems.add(path, `service name "${name}" ${nameProblem}`);
  const namespace = options.namespace ?? 'default';
  const nsProblem = dns1123LabelProblem(namespace);
  if (nsProblem) problems.add(path, `namespace "${namespace}" ${nsProblem}`);
  const image = imageProblem(options.image);
  if (image) problems.add(path, `image "${options.image}" ${image}`);
  const report = (message: string) => problems.add(path, message);
  checkReplicas('replicas', options.replicas, report);
  checkLabels('labels', options.labels, report);
  checkReservedLabels('labels', options.labels, report);
  checkLabels('annotations', options.annotations, report, { keysOnly: true });
  checkEnv('env', options.env, report);
  checkResources('resources', options.resources, report);
  checkPorts(path, options.ports, problems);
  if (options.placements.length === 0) problems.add(path, 'placements is empty; add an ActivePlacement');
}

type Report = (message: string) => void;

export function checkReplicas(field: string, replicas: number | undefined, report: Report): void {
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0)) {
    report(`${field} ${replicas} must be a whole number, 0 or more`);
  }
}

/** Label (or, with keysOnly, annotation) keys and values as the API server checks them. */
export function checkLabels(
  field: string,
  labels: Readonly<Record<string, string>> | undefined,
  report: Report,
  options: { readonly keysOnly?: boolean } = {},
): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) report(`${field} key "${key}": ${keyProblem}`);
    if (options.keysOnly) continue;
    const valueProblem = labelValueProblem(value);
    if (valueProblem) report(`${field} value "${value}" of "${key}" ${valueProblem}`);
  }
}

const RESERVED_LABELS: readonly string[] = [LABELS.name, LABELS.managedBy, LABELS.role];

/** The labels clusterset selects pods and finds its objects by are its own. */
export function checkReservedLabels(field: string, labels: Readonly<Record<string, string>> | undefined, report: Report): void {
  for (const key of Object.keys(labels ?? {}).filter((k) => RESERVED_LABELS.includes(k))) {
    report(`${field} sets "${key}", which clusterset sets itself (it selects pods and finds its objects by it); use another key`);
  }
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function checkEnv(field: string, env: Readonly<Record<string, string>> | undefined, report: Report): void {
  for (const name of Object.keys(env ?? {})) {
    if (!ENV_NAME.test(name)) report(`${field} name "${name}" must be letters, digits, "_", "-" or ".", not starting with a digit`);
  }
}

function checkPorts(path: string, ports: readonly ServicePort[], problems: Problems): void {
  if (ports.length === 0) problems.add(path, 'ports is empty; give the service at least one port');
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const port of ports) {
    const nameProblem = portNameProblem(port.name);
    if (nameProblem) problems.add(path, `port name "${port.name}" ${nameProblem}`);
    if (names.has(port.name)) problems.add(path, `port name "${port.name}" is used twice; port names are unique in a Service`);
    names.add(port.name);
    for (const [field, value] of [['port', port.port], ['targetPort', port.targetPort]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
        problems.add(path, `port "${port.name}" ${field} ${value} must be a whole number from 1 to 65535`);
      }
    }
    const key = `${port.port}/${port.protocol ?? 'TCP'}`;
    if (numbers.has(key)) problems.add(path, `port ${key} is declared twice (again as "${port.name}"); each port number and protocol once`);
    numbers.add(key);
  }
}

/**
 * Submariner routes between clusters by IP, so the clusters a service spans must not share service or pod
 * addresses, unless both run Globalnet, which gives each exported service a global IP instead.
 */
export function checkCidrOverlaps(path: string, clusters: readonly Cluster[], ledger: FleetLedger, problems: Problems): void {
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i];
      const b = clusters[j];
      if (a.globalnetCidr && b.globalnetCidr) continue;
      const clash = overlapOf(a, b);
      if (clash && ledger.firstOverlapReport(a.name, b.name)) {
        problems.add(
          path,
          `clusters "${a.name}" and "${b.name}" both take part in this service but ${clash}; ` +
            'give both clusters a globalnetCidr (Submariner Globalnet) or renumber one of them',
        );
      }
    }
  }
}

function overlapOf(a: Cluster, b: Cluster): string | undefined {
  const ranges = (c: Cluster): Array<[string, Ipv4Cidr | undefined]> => [
    ['serviceCidr', c.serviceCidr],
    ['podCidr', c.podCidr],
  ];
  for (const [fieldA, cidrA] of ranges(a)) {
    for (const [fieldB, cidrB] of ranges(b)) {
      if (cidrA && cidrB && cidrsOverlap(cidrA, cidrB)) {
        return `${fieldA} ${cidrA.text} of "${a.name}" overlaps ${fieldB} ${cidrB.text} of "${b.name}"`;
      }
    }
  }
  return undefined;
}

/** A placement's own fields: networking chosen, no replicas on placeholders, valid overrides. */
export function checkPlacement(placement: Placement, field: string, serviceImage: string, report: Report): void {
  const overrides = placement.props.overrides;
  if (placement instanceof PlaceholderPlacement) {
    if (!placement.props.networking?.wiring) {
      report(`${field} has no networking; choose Networking.ENDPOINT_SLICE, Networking.ISTIO or Networking.EXTERNAL_NAME`);
    }
    if (overrides?.replicas !== undefined) {
      report(`${field} overrides replicas to ${overrides.replicas}, but placeholders always run 0; use an ActivePlacement to run replicas there`);
    }
  }
  if (overrides) checkOverrides(`${field} overrides`, overrides, serviceImage, report);
}

/** The fields of one set of overrides that can be checked before anything is built. */
export function checkOverrides(field: string, overrides: Overrides, serviceImage: string, report: Report): void {
  checkReplicas(`${field}.replicas`, overrides.replicas, report);
  checkLabels(`${field}.labels`, overrides.labels, report);
  checkReservedLabels(`${field}.labels`, overrides.labels, report);
  checkLabels(`${field}.annotations`, overrides.annotations, report, { keysOnly: true });
  checkEnv(`${field}.env`, overrides.env, report);
  checkResources(`${field}.resources`, overrides.resources, report);
  for (const o of overrides.annotationsOverriders ?? []) checkLabels(`${field}.annotationsOverriders`, o.value, report, { keysOnly: true });
  (overrides.patches ?? []).forEach((patch, i) => {
    const problem = patchProblem(patch);
    if (problem) report(`${field}.patches[${i}] ${problem}`);
  });
  for (const o of overrides.labelsOverriders ?? []) {
    checkLabels(`${field}.labelsOverriders`, o.operator === 'remove' ? undefined : o.value, report);
    checkReservedLabels(`${field}.labelsOverriders`, o.value, report);
  }
  if (overrides.image?.registry !== undefined && !isRegistryHost(overrides.image.registry)) {
    report(`${field}.image.registry "${overrides.image.registry}" is not a registry host such as registry.example.com or mirror.local:5000`);
  }
  if (overrides.image) {
    const image = imageFor(serviceImage, undefined, overrides.image);
    const problem = imageProblem(image);
    if (problem) report(`${field}.image makes "${image}", which ${problem}`);
  }
}

/** Placeholders need an active cluster that exports, and a wiring that can work in their cluster. */
export function checkRoles(model: ServiceModel, assignments: readonly Assignment[], problems: Problems): void {
  const active = assignments.filter(isExported);
  const placeholders = assignments.filter((a) => a.role === 'placeholder');
  if (placeholders.length > 0 && active.length === 0) {
    problems.add(
      model.path,
      `has placeholders in ${placeholders.map((p) => `"${p.cluster.name}"`).join(', ')} but no active cluster for them to reach; ` +
        'add an ActivePlacement (or turn one placeholder into an ActivePlacement)',
    );
  }
  if (placeholders.length > 0) {
    for (const a of active.filter((x) => !x.cluster.mcs)) {
      problems.add(
        model.path,
        `active cluster "${a.cluster.name}" sets mcs: { enabled: false }, so the service cannot be exported to its placeholders; enable mcs on that cluster`,
      );
    }
  }
  for (const p of placeholders) {
    const networking = p.networking;
    if (!networking?.wiring) continue;
    const sources = active.map((a) => ({ cluster: a.cluster }));
    for (const message of networking.wiring.problems({ service: model, cluster: p.cluster, sources })) {
      problems.add(model.path, message);
    }
  }
}

/** A pinned IP belongs to one cluster's Service, and a headless Service has none to pin. */
export function checkPinnedAddresses(placement: ActivePlacement, field: string, clusterCount: number, headless: boolean, report: Report): void {
  for (const pinned of ['clusterIP', 'globalnetIP'] as const) {
    if (placement.props[pinned] === undefined) continue;
    if (headless) {
      report(`${field} sets ${pinned}, but a StatefulSet's Service is headless and has no service IP; remove ${pinned}`);
    } else if (clusterCount > 1) {
      report(`${field} sets ${pinned} but selects ${clusterCount} clusters; a pinned IP belongs to one cluster, so split the placement`);
    }
  }
}

/**
 * Fields a patch may not touch: the object's identity, the selector and the labels clusterset selects
 * pods by, and the replica count (set by `replicas` and scheduling, so the plan says what runs).
 */
const PROTECTED_PATHS: readonly string[] = [
  '/apiVersion',
  '/kind',
  '/metadata/name',
  '/metadata/namespace',
  '/spec/selector',
  '/spec/replicas',
  '/spec/serviceName',
  ...[LABELS.name, LABELS.managedBy, LABELS.role].flatMap((l) => {
    const token = l.replace(/~/g, '~0').replace(/\//g, '~1');
    return [`/metadata/labels/${token}`, `/spec/template/metadata/labels/${token}`];
  }),
];
/** Paths whose whole replacement or removal would drop a protected field beneath them. */
const PROTECTED_PARENTS: readonly string[] = [
  '/spec',
  '/spec/template',
  '/spec/template/metadata',
  '/metadata',
  '/metadata/labels',
  '/spec/template/metadata/labels',
  // The service's container: later overrides and the hub engines work on it.
  '/spec/template/spec',
  '/spec/template/spec/containers',
  '/spec/template/spec/containers/0',
];

/** Why a JSON patch operation cannot be applied to a workload, or undefined. */
export function patchProblem(patch: JsonPatchOperation): string | undefined {
  if (!['add', 'remove', 'replace'].includes(patch.op)) return `op "${patch.op}" is not one of add, remove, replace`;
  if (patch.op !== 'remove' && patch.value === undefined) return `${patch.op} at "${patch.path}" needs a value`;
  if (!/^(\/([^~/]|~[01])*)+$/.test(patch.path)) return `path "${patch.path}" is not a JSON pointer such as /spec/template/spec/nodeSelector (escape "/" as ~1 and "~" as ~0)`;
  if (patch.path.split('/').some((t) => t === '__proto__' || t === 'constructor' || t === 'prototype')) return `path "${patch.path}" names an object prototype`;
  if (PROTECTED_PATHS.some((p) => patch.path === p || patch.path.startsWith(`${p}/`))) {
    return `${patch.op} at "${patch.path}" touches what clusterset owns (identity, selector, its labels, replicas); use replicas or scheduling for replicas`;
  }
  if (PROTECTED_PARENTS.includes(patch.path)) return `${patch.op} of all of "${patch.path}" would drop what clusterset owns beneath it; patch the fields inside it`;
  return undefined;
}
