// Random fleets built through the public API, covering every networking mode (Istio with its options), mesh
// and mTLS setting, Globalnet, MCS switched off, StatefulSets, divided scheduling and pinned addresses. Most are valid;
// some are refused by the planner, which is allowed as long as what it plans routes.
import fc from 'fast-check';
import {
  ActivePlacement,
  type ClusterProps,
  type FleetPlan,
  type INetworkingMode,
  JsonPatchOp,
  MeshMtls,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  type Placement,
  PortProtocol,
  ReplicaScheduling,
  type ServicePort,
  type ServiceSpec,
  WorkloadKind,
} from '../../lib';
import { type ModelCluster, RouteModel, type RouteOutcome } from '../../lib/cli/route-model';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import type { FleetSpec, PlanOptions } from '../../lib/core/model';

export interface RandomFleet {
  readonly clusters: ClusterProps[];
  readonly specs: ServiceSpec[];
  /** The Globalnet IPs pinned on placements: what Submariner would hand out, for the route model. */
  readonly globalnetIPs: Record<string, Record<string, string>>;
}

/**
 * The Istio modes a service may use, each with the `exportTo` it was given: a service uses one of them for
 * all its Istio placeholders. Timeouts and retries change no route; an `exportTo` leaves clients in the
 * namespaces it does not name without one, which the route properties expect.
 */
const ISTIO_MODES: ReadonlyArray<{ readonly mode: Networking; readonly exportTo?: readonly string[] }> = [
  { mode: Networking.ISTIO },
  { mode: Networking.istio({ timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s', retryOn: ['5xx', 'connect-failure'] } }) },
  { mode: Networking.istio({ exportTo: ['.'] }), exportTo: ['.'] },
  { mode: Networking.istio({ exportTo: ['team-a'], timeout: '250ms' }), exportTo: ['team-a'] },
  { mode: Networking.istio({ exportTo: ['*'], retries: { attempts: 0 } }), exportTo: ['*'] },
];

/** The namespaces of the fleets' services, from which the route properties call every Service. */
export const CLIENT_NAMESPACES: readonly string[] = ['ns', 'team-a'];
const PORTS: ReadonlyArray<Omit<ServicePort, 'port'>> = [
  { name: 'http' },
  { name: 'grpc-api' },
  { name: 'tcp-admin' },
  { name: 'https' },
  { name: 'metrics', appProtocol: 'http' },
  // Istio sniffs it: ISTIO wiring refuses it, the others carry it.
  { name: 'stats' },
  { name: 'dns', protocol: PortProtocol.UDP },
];

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const clusterArb = fc.record({
  overlapping: oneIn(4),
  globalnet: oneIn(3),
  mesh: fc.constantFrom(undefined, MeshMtls.PERMISSIVE, MeshMtls.STRICT),
  mcsOff: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  tier: fc.constantFrom('a', 'b'),
  capacity: fc.option(fc.integer({ min: 2, max: 8 }), { freq: 8 }),
});

const serviceArb = fc.record({
  // A sloppy service may take choices the planner refuses; the others only take ones that fit the fleet.
  sloppy: oneIn(6),
  statefulSet: oneIn(5),
  ports: fc.uniqueArray(fc.integer({ min: 0, max: PORTS.length - 1 }), { minLength: 1, maxLength: 3 }),
  targetShift: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 3 }),
  activeMask: fc.integer({ min: 1, max: 31 }),
  bySelector: oneIn(6),
  placeholderMask: fc.integer({ min: 0, max: 31 }),
  networking: fc.nat(2),
  secondNetworking: fc.option(fc.nat(2)),
  divided: fc.boolean(),
  total: fc.integer({ min: 1, max: 6 }),
  weights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
  idleNetworking: fc.option(fc.nat(2)),
  pinClusterIP: oneIn(4),
  // A pin on the address svc0 in "ns" hashes to, which moves svc0 where both meet.
  pinHashed: oneIn(4),
  pinGlobalnetIP: oneIn(2),
  namespace: fc.constantFrom('ns', 'team-a'),
  // A name whose static address collides with the next service's in namespace "ns" (FNV-1a modulo a /16's band).
  collide: oneIn(2),
  // Overrides of the first active cluster: a harmless tag and env, or (sloppy) a patch moving the container port.
  override: fc.constantFrom('none', 'tag', 'port-patch', 'env'),
  // Which Istio mode (options) the service's Istio placeholders use.
  istio: fc.nat(ISTIO_MODES.length - 1),
});

type ClusterChoice = typeof clusterArb extends fc.Arbitrary<infer T> ? T : never;
type ServiceChoice = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

/** The choices of a service that say where it goes and how it is reached: what a change of placements changes. */
const placementArb = fc.record({
  activeMask: serviceArb.map((s) => s.activeMask),
  bySelector: oneIn(6),
  placeholderMask: fc.integer({ min: 0, max: 31 }),
  networking: fc.nat(2),
  secondNetworking: fc.option(fc.nat(2)),
  divided: fc.boolean(),
  weights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
  idleNetworking: fc.option(fc.nat(2)),
  pinClusterIP: oneIn(4),
  pinGlobalnetIP: oneIn(2),
});

/** A random fleet of 2 to 5 clusters and 1 to 5 services. */
export const randomFleetArb: fc.Arbitrary<RandomFleet> = fc
  .tuple(fc.array(clusterArb, { minLength: 2, maxLength: 5 }), fc.array(serviceArb, { minLength: 1, maxLength: 5 }))
  .map(([clusterChoices, serviceChoices]) => buildFleet(clusterChoices, serviceChoices));

/** Two random fleets of the same clusters and services that differ in placements, roles, networking and scheduling. */
export const randomFleetPairArb: fc.Arbitrary<readonly [RandomFleet, RandomFleet]> = fc
  .tuple(fc.array(clusterArb, { minLength: 2, maxLength: 5 }), fc.array(fc.tuple(serviceArb, placementArb), { minLength: 1, maxLength: 5 }))
  .map(([clusterChoices, services]) => [
    buildFleet(clusterChoices, services.map(([s]) => s)),
    buildFleet(clusterChoices, services.map(([s, moved]) => ({ ...s, ...moved }))),
  ] as const);

/** Two random fleets that differ only in how placeholders are wired. */
export const randomNetworkingPairArb: fc.Arbitrary<readonly [RandomFleet, RandomFleet]> = fc
  .tuple(
    fc.array(clusterArb, { minLength: 2, maxLength: 5 }),
    fc.array(
      fc.tuple(serviceArb, fc.record({ networking: fc.nat(2), secondNetworking: fc.option(fc.nat(2)), idleNetworking: fc.option(fc.nat(2)), istio: fc.nat(ISTIO_MODES.length - 1) })),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([clusterChoices, services]) => [
    buildFleet(clusterChoices, services.map(([s]) => s)),
    buildFleet(clusterChoices, services.map(([s, rewired]) => ({ ...s, ...rewired }))),
  ] as const);

function buildFleet(clusterChoices: readonly ClusterChoice[], serviceChoices: readonly ServiceChoice[]): RandomFleet {
  const clusters = clusterChoices.map((c, i): ClusterProps => {
    const shared = c.overlapping;
    return {
      name: `c${i}`,
      labels: { tier: c.tier },
      serviceCidr: shared ? '10.96.0.0/16' : `10.${32 * i}.0.0/16`,
      podCidr: shared ? '10.244.0.0/16' : `10.${32 * i + 16}.0.0/16`,
      ...(c.globalnet ? { globalnetCidr: `242.${i}.0.0/16` } : {}),
      ...(c.mesh ? { mesh: { network: `net-${i}`, mtls: c.mesh } } : {}),
      ...(c.mcsOff ? { mcs: { enabled: false } } : {}),
      ...(c.capacity !== null ? { capacity: c.capacity } : {}),
    };
  });
  const globalnetIPs: Record<string, Record<string, string>> = {};
  const byName = new Map(clusters.map((c, i) => [c.name, { props: c, index: i }]));
  const overlaps = (a: string, b: string) => {
    const x = byName.get(a)?.props;
    const y = byName.get(b)?.props;
    return x?.serviceCidr === y?.serviceCidr && !(x?.globalnetCidr && y?.globalnetCidr);
  };
  const specs = serviceChoices.map((s, i): ServiceSpec => {
    // alt105 takes svc1's hashed address, alt106 svc2's, ...: service i may collide with service i + 1.
    const name = s.collide ? ['alt105', 'alt106', 'alt107', 'alt100', 'alt104'][i] : `svc${i}`;
    const namespace = s.collide ? 'ns' : s.namespace;
    const pick = (mask: number) => clusters.filter((_, j) => (mask >> j) & 1).map((c) => c.name);
    // A careful service spans only clusters Submariner can join, and exports only where MCS runs.
    const fits = (chosen: string[], c: string) => s.sloppy || chosen.every((o) => !overlaps(o, c));
    const active: string[] = [];
    for (const c of pick(s.activeMask)) if (fits(active, c) && (s.sloppy || byName.get(c)?.props.mcs?.enabled !== false)) active.push(c);
    if (active.length === 0) active.push(clusters.find((c) => s.sloppy || c.mcs?.enabled !== false)?.name ?? clusters[0].name);
    const tier = byName.get(active[0])?.props.labels?.tier;
    const byTier = clusters.filter((c) => c.labels?.tier === tier).map((c) => c.name);
    // A careful selector only selects clusters that fit together and export.
    const selectorFits = byTier.every((c, j) => fits(byTier.slice(0, j), c) && byName.get(c)?.props.mcs?.enabled !== false);
    const bySelector = s.bySelector && !s.divided && (s.sloppy || selectorFits);
    const covered = bySelector ? byTier : active;
    const placeholders: string[] = [];
    for (const c of pick(s.placeholderMask)) if (!covered.includes(c) && fits([...covered, ...placeholders], c)) placeholders.push(c);
    const headless = s.statefulSet;
    const MODES = [Networking.ENDPOINT_SLICE, ISTIO_MODES[s.istio].mode, Networking.EXTERNAL_NAME];
    const strictSource = covered.some((c) => byName.get(c)?.props.mesh?.mtls === MeshMtls.STRICT);
    const meshEverywhere = covered.every((c) => byName.get(c)?.props.mesh);
    const fitting = (cluster: string): Networking[] => {
      const props = byName.get(cluster)?.props;
      // Under STRICT mTLS every wiring needs a sidecar here and a mesh in every active cluster.
      if (strictSource && !(props?.mesh && meshEverywhere)) return [];
      const sniffed = s.ports.some((p) => PORTS[p].name === 'stats' && PORTS[p].appProtocol === undefined);
      const istio = !sniffed && props?.mesh !== undefined && props.mcs?.enabled !== false && !(props.mesh.mtls === MeshMtls.STRICT && !meshEverywhere);
      // A slice address is routable when no third cluster claims the source's range (Globalnet on both aside).
      const sliceRoutable = covered.every((source) =>
        clusters.every((o) => o.name === source || o.name === cluster || !overlaps(o.name, source) || (o.globalnetCidr !== undefined && props?.globalnetCidr !== undefined)),
      );
      return [
        ...(headless || !sliceRoutable ? [] : [Networking.ENDPOINT_SLICE]),
        // Istio applies no DestinationRule to an ExternalName alias: plain text, which STRICT refuses.
        ...(props?.mcs?.enabled !== false && !strictSource ? [Networking.EXTERNAL_NAME] : []),
        ...(istio ? [MODES[1]] : []),
      ];
    };
    const modeFor = (cluster: string, choice: number): Networking | undefined => {
      const mode = MODES[choice];
      const modes = fitting(cluster);
      return s.sloppy || modes.includes(mode) ? mode : modes[0];
    };
    // Idle clusters of a divided service may be any active one: a careful choice fits them all.
    const idleNetworking = (choice: number | null) => {
      if (s.sloppy) return choice === null ? {} : { placeholderNetworking: MODES[choice] };
      const everywhere = MODES.filter((m) => covered.every((c) => fitting(c).includes(m)));
      // Left out, the default is EXTERNAL_NAME: keep that path where it fits.
      if (choice === null && everywhere.includes(Networking.EXTERNAL_NAME)) return {};
      const chosen = choice !== null && everywhere.includes(MODES[choice]) ? MODES[choice] : everywhere[0];
      return chosen ? { placeholderNetworking: chosen } : {};
    };
    const capacityOf = (names: readonly string[]) => names.reduce((sum, c) => sum + (byName.get(c)?.props.capacity ?? Number.POSITIVE_INFINITY), 0);
    const portChoices = s.sloppy ? s.ports : s.ports.filter((p) => PORTS[p].protocol !== 'UDP');
    const ports = (portChoices.length > 0 ? portChoices : [0]).map((p, j) => ({
      ...PORTS[p],
      port: 8000 + j,
      ...(s.targetShift && j === 0 && (s.sloppy || !headless) ? { targetPort: 9000 } : {}),
    }));
    const placements: Placement[] = [];
    const first = active[0];
    const firstProps = byName.get(first);
    const pinHere = !bySelector && (s.sloppy || !headless);
    const clusterIP = pinHere && s.pinClusterIP ? `${firstProps?.props.serviceCidr.split('.').slice(0, 2).join('.')}.0.${s.pinHashed ? 18 : 20 + i}` : undefined;
    const globalnetIP = pinHere && (s.pinGlobalnetIP || !s.sloppy) && firstProps?.props.globalnetCidr ? `242.${firstProps.index}.0.${20 + i}` : undefined;
    if (globalnetIP) (globalnetIPs[first] ??= {})[`${namespace}/${name}`] = globalnetIP;
    if (clusterIP || globalnetIP) {
      // Pins belong to one cluster: a placement of its own for the first active cluster.
      placements.push(new ActivePlacement({ clusters: [first], ...(clusterIP ? { clusterIP } : {}), ...(globalnetIP ? { globalnetIP } : {}) }));
      if (active.length > 1) placements.push(new ActivePlacement({ clusters: active.slice(1) }));
    } else {
      placements.push(new ActivePlacement(bySelector ? { clusterLabelSelector: { matchLabels: { tier: tier ?? 'a' } } } : { clusters: active }));
    }
    placeholders.forEach((c, j) => {
      const networking = modeFor(c, j === 0 || s.secondNetworking === null ? s.networking : s.secondNetworking);
      if (networking) placements.push(new PlaceholderPlacement({ clusters: [c], networking }));
    });
    const weights = Object.fromEntries(covered.map((c) => [c, { weight: s.sloppy ? s.weights[byName.get(c)?.index ?? 0] : 1 + s.weights[byName.get(c)?.index ?? 0] }]));
    const overrides = {
      none: undefined,
      tag: { image: { tag: '2.0.0' } },
      env: { env: { MODE: 'canary' } },
      'port-patch': s.sloppy ? { patches: [{ op: JsonPatchOp.REPLACE, path: '/spec/template/spec/containers/0/ports/0/containerPort', value: 9999 }] } : undefined,
    }[s.override];
    const options: MultiClusterServiceOptions = {
      namespace,
      ...(overrides && !s.divided ? { clusterOverrides: { [first]: overrides } } : {}),
      image: `team/${name}:1.0.0`,
      replicas: s.sloppy ? s.replicas - 1 : s.replicas,
      ports,
      placements,
      ...(headless ? { workload: WorkloadKind.STATEFUL_SET } : {}),
      ...(s.divided
        ? {
            scheduling: {
              type: ReplicaScheduling.DIVIDED,
              totalReplicas: s.sloppy ? s.total : Math.min(Math.max(s.total, headless ? covered.length : 1), capacityOf(covered)),
              preferences: headless && !s.sloppy ? Object.fromEntries(covered.map((c) => [c, { weight: 1, minReplicas: 1 }])) : weights,
              ...idleNetworking(s.idleNetworking),
            },
          }
        : {}),
    };
    return { path: `fleet/${name}`, name, options };
  });
  return { clusters, specs, globalnetIPs };
}

/** The `exportTo` the service's Istio placeholders were given, found from its spec: the mode objects are the test's own. */
function istioExportTo(spec: ServiceSpec | undefined): readonly string[] | undefined {
  const modes: Array<INetworkingMode | undefined> = [
    ...(spec?.options.placements ?? []).map((p) => (p instanceof PlaceholderPlacement ? p.props.networking : undefined)),
    spec?.options.scheduling?.placeholderNetworking,
  ];
  return ISTIO_MODES.find((m) => modes.includes(m.mode))?.exportTo;
}

/** Whether Istio shows config with `exportTo`, living in `namespace`, to the sidecars of `client`'s namespace. */
function visible(exportTo: readonly string[] | undefined, namespace: string, client: string): boolean {
  return exportTo === undefined || exportTo.some((e) => e === '*' || e === client || (e === '.' && namespace === client));
}

/**
 * Whether the options of the fleet hide a route on purpose: a client of `cluster` in namespace `client`
 * calling a service that is an ISTIO placeholder there, whose `exportTo` leaves that namespace out. This is
 * the expectation, from the test's own inputs; the checker (RouteModel) reads only the emitted objects.
 */
export function hiddenByOptions(fleet: RandomFleet, plan: FleetPlan, route: { readonly cluster: string; readonly client: string; readonly namespace: string; readonly service: string }): boolean {
  const summary = plan.services.find((s) => s.name === route.service && s.namespace === route.namespace);
  const placeholder = summary?.placeholders.find((p) => p.cluster === route.cluster);
  if (!summary || placeholder?.networking !== 'ISTIO') return false;
  const spec = fleet.specs.find((s) => s.name === summary.name && (s.options.namespace ?? 'default') === summary.namespace);
  return !visible(istioExportTo(spec), summary.namespace, route.client);
}

/** The clusters as the route model reads them. */
export function modelClusters(clusters: readonly ClusterProps[]): ModelCluster[] {
  return clusters.map((c) => ({ ...c, mesh: c.mesh ? { mtls: c.mesh.mtls ?? 'PERMISSIVE', trustDomain: c.mesh.trustDomain, federatedTrustDomains: c.mesh.federatedTrustDomains } : undefined }));
}

/**
 * Every (cluster, client namespace, service, port) a plan holds: each cluster holding the service, active or
 * placeholder, from each client namespace, with every port the service declares, as
 * `cluster|client>ns/name:port/protocol` keys. `served` are those that must reach a pod, `hidden` those the
 * fleet's options hide on purpose, which must reach none.
 */
export function promisedRoutes(fleet: RandomFleet, plan: FleetPlan): { readonly served: string[]; readonly hidden: string[] } {
  const served: string[] = [];
  const hidden: string[] = [];
  for (const summary of plan.services) {
    const spec = fleet.specs.find((s) => s.name === summary.name && (s.options.namespace ?? 'default') === summary.namespace);
    for (const cluster of [...summary.active, ...summary.placeholders.map((p) => p.cluster)]) {
      for (const client of new Set([summary.namespace, ...CLIENT_NAMESPACES])) {
        const route = { cluster, client, namespace: summary.namespace, service: summary.name };
        for (const p of spec?.options.ports ?? []) (hiddenByOptions(fleet, plan, route) ? hidden : served).push(routeKey({ ...route, port: p.port, protocol: p.protocol ?? 'TCP' }));
      }
    }
  }
  return { served, hidden };
}

/** The key of a route, as `promisedRoutes` gives them. */
export function routeKey(r: { readonly cluster: string; readonly client: string; readonly namespace: string; readonly service: string; readonly port: number; readonly protocol: string }): string {
  return `${r.cluster}|${r.client}>${r.namespace}/${r.service}:${r.port}/${r.protocol}`;
}

/** `spec` planned through the core, or undefined when the planner refuses it (a refusal is allowed). */
export function planOrUndefined(spec: FleetSpec, options?: PlanOptions): FleetPlan | undefined {
  try {
    return planFleet(spec, options);
  } catch (error) {
    if (error instanceof ClusterSetValidationError) return undefined;
    throw error;
  }
}

/** The fleet planned through the core, or undefined when the planner refuses it (a refusal is allowed). */
export function planOrRefuse(fleet: RandomFleet): FleetPlan | undefined {
  return planOrUndefined({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs });
}

/**
 * The route invariant on one output: every route the plan promises is among `objects` (a Service lost on
 * the way has no route to fail), and every route there reaches a running pod. Returns the routes checked.
 */
export function expectEveryRouteServed(
  fleet: RandomFleet,
  plan: FleetPlan,
  objects: Readonly<Record<string, readonly Record<string, any>[]>>,
  excused: (route: RouteOutcome['route']) => boolean = () => false,
): number {
  const model = new RouteModel(modelClusters(fleet.clusters), objects, fleet.globalnetIPs, CLIENT_NAMESPACES);
  const outcomes = model.routes().map((r) => model.check(r));
  const promised = promisedRoutes(fleet, plan);
  expect(outcomes.map((o) => routeKey(o.route))).toEqual(expect.arrayContaining([...promised.served, ...promised.hidden]));
  const hidden = new Set(promised.hidden);
  // Every other route reaches a pod; a hidden one reaches none, because the model found its mesh config hidden.
  expect(outcomes.filter((o) => !hidden.has(routeKey(o.route)) && !excused(o.route)).flatMap((o) => o.failures)).toEqual([]);
  expect(outcomes.filter((o) => hidden.has(routeKey(o.route)) && (o.ok || o.hidden.length === 0)).map((o) => routeKey(o.route))).toEqual([]);
  return outcomes.length;
}
