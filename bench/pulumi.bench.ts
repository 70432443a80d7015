// Pulumi benchmark: the clusterset Pulumi flavour against the same resources written directly with
// @pulumi/kubernetes, both run under pulumi.runtime.setMocks (no engine, no cluster, no credentials).
//
//   npm run bench:pulumi                                    # 200 services over 5 clusters
//   BENCH_SERVICES=50 BENCH_CLUSTERS=3 npm run bench:pulumi # quicker
//
// Every service is active in one cluster (round-robin) and a placeholder in all the others: Istio for
// most, an EndpointSlice for every tenth and an ExternalName Service for every seventh; odd clusters
// enforce STRICT mTLS, so Istio placeholders facing them get a DestinationRule too. Each variant is
// warmed up once and then timed K times, each run against fresh mocks (its own stack, so URNs never
// repeat); a run ends when the runtime's RPC queue has drained (pulumi.runtime.disconnect), i.e. when
// every registration completed and its outputs resolved. The table shows the median wall time and the
// median peak heap growth.
//   clusterset: new ClusterSet (its Providers) + N new MultiClusterService
//   direct:     one k8s.Provider per cluster and, for every object of the same plan, the typed
//               @pulumi/kubernetes resource a user would write by hand, with the same names, providers
//               and dependsOn, the EndpointSlice address read from the active Service's spec.clusterIP.
//               The plan is computed once before timing and deep-cloned before each run; no lib/pulumi code.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { type ClusterProps, MeshMtls } from '../lib/core/api/cluster';
import { LiveValue, refKey, refOf } from '../lib/core/kube/object-ref';
import { ActivePlacement, PlaceholderPlacement } from '../lib/core/api/placement';
import { planFleet } from '../lib/core/plan';
import { AddressResolution, type FleetPlan, type ServiceSpec } from '../lib/core/model';
import type { MultiClusterServiceOptions } from '../lib/core/api/service';
import { Networking } from '../lib/networking/networking';
import { ClusterSet, MultiClusterService, type PulumiClusterProps } from '../lib/pulumi';
import { HeapSampler, MB, median, positiveInt, ratio } from './support';

/** What to benchmark. */
interface BenchConfig {
  readonly services: number;
  readonly clusters: number;
  readonly iterations: number;
  readonly namespaces: number;
}

/** One member cluster, as both variants connect to it. */
interface BenchCluster extends ClusterProps {
  readonly context: string;
}

/** A value of another resource that the direct program reads: the active Service's spec.clusterIP. */
interface LiveLeaf {
  /** Where the value goes in the object's fields. */
  readonly path: ReadonlyArray<string | number>;
  /** refKey of the Service whose ClusterIP it is. */
  readonly service: string;
}

/** One object of the direct program, taken from the plan before timing. */
interface DirectObject {
  readonly key: string;
  readonly cluster: string;
  /** The Pulumi resource name: `cluster-namespace-name`, or `cluster-name` for a Namespace. */
  readonly name: string;
  /** The manifest as plain JSON data; live leaves are null until the run fills them in. */
  readonly manifest: Record<string, unknown>;
  /** refKeys of the objects it waits for. */
  readonly dependsOn: readonly string[];
  readonly live: readonly LiveLeaf[];
}

/** The direct program's input: its Providers and its objects, in an order where dependencies come first. */
interface DirectProgram {
  readonly clusters: readonly BenchCluster[];
  readonly objects: readonly DirectObject[];
}

/**
 * One variant: `prepare` runs untimed before each run, `run` is what gets timed (until the RPC queue
 * drains). `run` returns the program's resources, kept alive until the run's live heap is measured.
 */
interface Variant<I> {
  readonly name: string;
  /** Resources it registers beyond the plan's objects and Providers. */
  readonly components: number;
  prepare(): I;
  run(input: I, heap: HeapSampler): Promise<unknown>;
}

/** What the mock engine saw of one registration, kept only for the untimed comparison of the warm-up runs. */
interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** `type::name` of the provider, for custom resources. */
  readonly provider: string;
  /** `type::name` of every resource it waits for, sorted. */
  readonly dependencies: readonly string[];
  readonly inputs: unknown;
}

/** Timings and memory of one variant. */
interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly peakHeapMb: number;
  /** Heap growth after a full gc at the end of the run, the program's resources still alive. */
  readonly liveHeapMb: number;
  /** Resources the mock engine registered in one run. */
  readonly resources: number;
  /** The warm-up run's registrations, by `type::name`. */
  readonly registrations: ReadonlyMap<string, Registration>;
}

/** The parts of the engine's registration request read here (the mocks' callback does not see dependencies). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

/** The mock monitor's registration entry point, wrapped during warm-ups to see dependencies. */
interface HookableMonitor {
  registerResource(req: RegisterRequest, callback: unknown): void;
}

/** How many registrations pass between two heap samples. */
const SAMPLE_EVERY = 64;

/** Reads the size of the run from BENCH_SERVICES / BENCH_CLUSTERS. */
function readConfig(): BenchConfig {
  const services = positiveInt('BENCH_SERVICES', 200);
  const clusters = positiveInt('BENCH_CLUSTERS', 5);
  if (clusters > 120) throw new Error(`BENCH_CLUSTERS=${clusters}: at most 120 clusters fit the address plan of this benchmark`);
  return { services, clusters, iterations: 5, namespaces: 10 };
}

/** The resources of the last run, kept alive until its live heap is measured; cleared before the next run. */
const kept: { program?: unknown } = {};

/**
 * A fresh mock engine for one run, under its own stack name: it counts registrations, samples the heap
 * as they arrive and, when `record` is set, keeps what each one registered (type, provider, inputs,
 * dependencies). Mocks return inputs as state; Services get a ClusterIP as the API server would give one.
 */
class MockEngine {
  public registered = 0;
  public heap?: HeapSampler;
  public readonly registrations = new Map<string, Registration>();
  private readonly dependencies = new Map<string, string[]>();

  constructor(stack: string, record: boolean) {
    void pulumi.runtime.setMocks(
      {
        newResource: (args: pulumi.runtime.MockResourceArgs) => {
          this.registered++;
          if (this.heap && this.registered % SAMPLE_EVERY === 0) this.heap.sample();
          if (record) this.record(args);
          const inputs = args.inputs as Record<string, unknown>;
          const state =
            args.type === 'kubernetes:core/v1:Service' ? { ...inputs, spec: { ...(inputs.spec as object), clusterIP: fakeClusterIP(args.name) } } : inputs;
          return { id: `${args.name}-id`, state };
        },
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
      },
      'clusterset-bench',
      stack,
      false,
    );
    if (record) this.hookDependencies();
  }

  /** Keeps one registration for the comparison of the variants. */
  private record(args: pulumi.runtime.MockResourceArgs): void {
    const key = `${args.type}::${args.name}`;
    const dependencies = (this.dependencies.get(key) ?? []).map(shortUrn).sort();
    const provider = args.provider ? shortUrn(args.provider) : '';
    this.registrations.set(key, { type: args.type, name: args.name, custom: args.custom ?? false, provider, dependencies, inputs: args.inputs });
  }

  /** The mocks' callback does not see dependencies; reads them off the registration request instead. */
  private hookDependencies(): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as HookableMonitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, callback: unknown) => {
      this.dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
      register(req, callback);
    };
  }
}

/** `type::name` of a URN (or of a provider reference `urn::id`), without stack, project and parent types. */
function shortUrn(urn: string): string {
  const [, , qualifiedType, name] = urn.split('::');
  return `${qualifiedType.slice(qualifiedType.lastIndexOf('$') + 1)}::${name}`;
}

/** The ClusterIP the mock API server gives a Service: stable per resource name, in 10.0.0.0/8. */
function fakeClusterIP(name: string): string {
  let hash = 7;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `10.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${(hash & 254) + 1}`;
}

/** M clusters with Istio (odd ones STRICT), disjoint /16 service and pod ranges and a kubeconfig context each. */
function fleetClusters(count: number): BenchCluster[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `cluster-${String(i).padStart(3, '0')}`;
    return {
      name,
      context: `ctx-${name}`,
      labels: { region: `region-${i % 3}` },
      serviceCidr: `10.${2 * i}.0.0/16`,
      podCidr: `10.${2 * i + 1}.0.0/16`,
      mesh: { network: `net-${i}`, mtls: i % 2 === 1 ? MeshMtls.STRICT : MeshMtls.PERMISSIVE },
    };
  });
}

/**
 * Service i's placeholder networking: an EndpointSlice every 10th, an ExternalName every 7th (unless its
 * active cluster enforces STRICT mTLS, which an ExternalName alias cannot satisfy), else Istio.
 */
function networkingOf(i: number, active: ClusterProps): Networking {
  if (i % 7 === 0 && active.mesh?.mtls === MeshMtls.STRICT) return Networking.ISTIO;
  if (i % 10 === 0) return Networking.ENDPOINT_SLICE;
  if (i % 7 === 0) return Networking.EXTERNAL_NAME;
  return Networking.ISTIO;
}

/** Service i: active in cluster i mod M, placeholder everywhere else, two ports, namespace ns-(i mod 10). */
function serviceOptions(i: number, config: BenchConfig, clusters: readonly ClusterProps[]): MultiClusterServiceOptions {
  const active = clusters[i % clusters.length].name;
  const placeholders = clusters.filter((c) => c.name !== active).map((c) => c.name);
  const placements = [new ActivePlacement({ clusters: [active] })];
  return {
    namespace: `ns-${i % config.namespaces}`,
    image: `team/svc-${i}:1.${i % 7}.0`,
    replicas: 1 + (i % 3),
    ports: [
      { name: 'http', port: 8080 },
      { name: 'grpc', port: 9090 },
    ],
    placements: placeholders.length > 0 ? [...placements, new PlaceholderPlacement({ clusters: placeholders, networking: networkingOf(i, clusters[i % clusters.length]) })] : placements,
  };
}

/** The clusterset program: one ClusterSet and N MultiClusterServices. */
function buildClusterSetProgram(config: BenchConfig): { fleet: ClusterSet; services: MultiClusterService[] } {
  const clusters: PulumiClusterProps[] = fleetClusters(config.clusters);
  const fleet = new ClusterSet('fleet', { clusters });
  const services = Array.from({ length: config.services }, (_, i) => new MultiClusterService(`svc-${i}`, { clusterSet: fleet, ...serviceOptions(i, config, clusters) }));
  return { fleet, services };
}

/** The plan of the whole fleet, as the services' MultiClusterServices plan it one by one, with live addresses. */
function fleetPlan(config: BenchConfig, clusters: readonly BenchCluster[]): FleetPlan {
  const services: ServiceSpec[] = Array.from({ length: config.services }, (_, i) => ({ path: `fleet/svc-${i}`, name: `svc-${i}`, options: serviceOptions(i, config, clusters) }));
  // The core takes the clusters without their connection settings, as the Pulumi ClusterSet hands them on.
  const planned = clusters.map(({ context: _context, ...cluster }) => cluster);
  return planFleet({ path: 'fleet', clusters: planned, services }, { addresses: AddressResolution.LIVE });
}

/**
 * The direct program's objects (untimed): every planned object as plain data, its LiveValues cut out
 * and noted, ordered Namespaces first, then service by service with the active clusters first.
 */
function directProgram(config: BenchConfig): DirectProgram {
  const clusters = fleetClusters(config.clusters);
  const plan = fleetPlan(config, clusters);
  const active = new Map(plan.services.map((s) => [s.path, new Set(s.active)]));
  const namespaces: DirectObject[] = [];
  const byService = new Map<string, DirectObject[][]>();
  for (const cluster of plan.clusters) {
    for (const planned of cluster.objects) {
      const live: LiveLeaf[] = [];
      const manifest = cutLiveValues(planned.manifest, [], live) as Record<string, unknown>;
      const { namespace, name } = planned.manifest.metadata;
      const object: DirectObject = {
        key: refKey(refOf(cluster.cluster, planned.manifest)),
        cluster: cluster.cluster,
        name: ['fleet', cluster.cluster, namespace, name].filter((p) => p !== undefined).join('/'),
        manifest,
        dependsOn: planned.dependsOn.map(refKey),
        live,
      };
      if (planned.servicePath === undefined) {
        namespaces.push(object);
        continue;
      }
      const rank = active.get(planned.servicePath)?.has(cluster.cluster) ? 0 : 1;
      const lists = byService.get(planned.servicePath) ?? [[], []];
      lists[rank].push(object);
      byService.set(planned.servicePath, lists);
    }
  }
  const services = Array.from({ length: config.services }, (_, i) => byService.get(`fleet/svc-${i}`) ?? [[], []]);
  return { clusters, objects: [...namespaces, ...services.flatMap(([activeObjects, placeholders]) => [...activeObjects, ...placeholders])] };
}

/** A manifest as plain data with every LiveValue replaced by null and noted in `live`; only Service ClusterIPs are expected. */
function cutLiveValues(value: unknown, path: ReadonlyArray<string | number>, live: LiveLeaf[]): unknown {
  if (value instanceof LiveValue) {
    if (value.source.kind !== 'Service' || value.field.join('.') !== 'spec.clusterIP') throw new Error(`unexpected live value ${value}`);
    live.push({ path, service: refKey(value.source) });
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => cutLiveValues(v, [...path, i], live));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutLiveValues(v, [...path, k], live)]));
  return value;
}

/** Puts a value at a path of plain data. */
function setAt(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  path.slice(0, -1).forEach((step) => (node = node[step] as Record<string | number, unknown>));
  node[path[path.length - 1]] = value;
}

/** The typed @pulumi/kubernetes resource of one object, as a user would write it; CustomResource for CRDs. */
function directResource(object: DirectObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const { apiVersion, kind, ...args } = object.manifest;
  switch (`${apiVersion}/${kind}`) {
    case 'v1/Namespace':
      return new k8s.core.v1.Namespace(object.name, args as k8s.core.v1.NamespaceArgs, opts);
    case 'v1/Service':
      return new k8s.core.v1.Service(object.name, args as k8s.core.v1.ServiceArgs, opts);
    case 'apps/v1/Deployment':
      return new k8s.apps.v1.Deployment(object.name, args as unknown as k8s.apps.v1.DeploymentArgs, opts);
    case 'discovery.k8s.io/v1/EndpointSlice':
      return new k8s.discovery.v1.EndpointSlice(object.name, args as unknown as k8s.discovery.v1.EndpointSliceArgs, opts);
    case 'multicluster.x-k8s.io/v1alpha1/ServiceExport':
    case 'networking.istio.io/v1beta1/VirtualService':
    case 'networking.istio.io/v1beta1/ServiceEntry':
    case 'networking.istio.io/v1beta1/DestinationRule':
      return new k8s.apiextensions.CustomResource(object.name, object.manifest as k8s.apiextensions.CustomResourceArgs, opts);
    default:
      throw new Error(`the direct program has no resource for ${apiVersion}/${kind}`);
  }
}

/** Variant 1: the clusterset Pulumi flavour. */
function clusterSetVariant(config: BenchConfig): Variant<BenchConfig> {
  return {
    name: 'clusterset',
    components: 1 + config.services,
    prepare: () => config,
    run: async (input, heap) => {
      const program = buildClusterSetProgram(input);
      heap.sample();
      return program;
    },
  };
}

/** Variant 2: the same resources written directly with @pulumi/kubernetes. */
function directVariant(program: DirectProgram): Variant<DirectProgram> {
  return {
    name: 'direct',
    components: 0,
    prepare: () => structuredClone(program),
    run: async (input, heap) => {
      const providers = new Map(input.clusters.map((c) => [c.name, new k8s.Provider(`fleet-${c.name}`, { context: c.context })]));
      const created = new Map<string, pulumi.CustomResource>();
      for (const object of input.objects) {
        for (const leaf of object.live) {
          const service = created.get(leaf.service) as k8s.core.v1.Service;
          setAt(object.manifest, leaf.path, service.spec.clusterIP);
        }
        const dependsOn = object.dependsOn.map((key) => created.get(key)).filter((r): r is pulumi.CustomResource => r !== undefined);
        created.set(object.key, directResource(object, { provider: providers.get(object.cluster), dependsOn }));
      }
      heap.sample();
      return { providers, created };
    },
  };
}

/**
 * Warms a variant up once (recording what it registers), then times K runs, each against fresh mocks and
 * until the RPC queue has drained; reports the medians of wall time, peak and live heap growth.
 */
async function measure<I>(variant: Variant<I>, iterations: number, expected: number): Promise<Measurement> {
  const times: number[] = [];
  const peaks: number[] = [];
  const lives: number[] = [];
  let registrations = new Map<string, Registration>();
  for (let k = -1; k < iterations; k++) {
    kept.program = undefined;
    const input = variant.prepare();
    const warmUp = k < 0;
    const engine = new MockEngine(`${variant.name}-${warmUp ? 'warm-up' : k}`, warmUp);
    const heap = new HeapSampler();
    engine.heap = heap;
    const start = process.hrtime.bigint();
    kept.program = await variant.run(input, heap);
    await pulumi.runtime.disconnect();
    const elapsed = process.hrtime.bigint() - start;
    const growth = heap.growth();
    const live = heap.live();
    if (engine.registered !== expected + variant.components) {
      throw new Error(`${variant.name}: ${engine.registered} resources registered, expected ${expected} + ${variant.components}`);
    }
    if (warmUp) {
      registrations = engine.registrations;
      continue;
    }
    peaks.push(growth);
    lives.push(live);
    times.push(Number(elapsed) / 1e6);
  }
  kept.program = undefined;
  return { name: variant.name, medianMs: median(times), peakHeapMb: median(peaks) / MB, liveHeapMb: median(lives) / MB, resources: expected + variant.components, registrations };
}

/** JSON with object keys sorted, so equal data compares equal whatever order its keys were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Undefined when both variants registered the same custom resources (type, name, provider, inputs, dependencies), else the first difference. */
function firstDifference(a: ReadonlyMap<string, Registration>, b: ReadonlyMap<string, Registration>): string | undefined {
  const customs = (m: ReadonlyMap<string, Registration>) => new Map([...m].filter(([, r]) => r.custom));
  const left = customs(a);
  const right = customs(b);
  for (const key of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const l = left.get(key);
    const r = right.get(key);
    if (!l || !r) return `${key} is registered by one variant only`;
    if (l.provider !== r.provider) return `${key}: provider ${l.provider} vs ${r.provider}`;
    if (l.dependencies.join() !== r.dependencies.join()) return `${key}: dependencies ${l.dependencies.join(', ')} vs ${r.dependencies.join(', ')}`;
    if (canonical(l.inputs) !== canonical(r.inputs)) return `${key}: inputs differ`;
  }
  return undefined;
}

/** Objects of the plan by kind, such as `Deployment 1000, Service 1000`. */
function kindCounts(program: DirectProgram): string {
  const counts = new Map<string, number>();
  for (const o of program.objects) counts.set(String(o.manifest.kind), (counts.get(String(o.manifest.kind)) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
}

/** Prints the results table, the ratio against the direct program and the checks of what was registered. */
function report(config: BenchConfig, program: DirectProgram, results: readonly Measurement[]): void {
  const [cs, direct] = results;
  const pad = (text: string, width: number): string => text.padStart(width);
  console.log(
    `\nclusterset Pulumi benchmark (mocks): ${config.services} services x ${config.clusters} clusters, ` +
      `${program.objects.length} objects + ${program.clusters.length} providers; median of ${config.iterations} runs after 1 warm-up (node ${process.version})`,
  );
  console.log(`objects: ${kindCounts(program)}\n`);
  console.log(`${'variant'.padEnd(12)}${pad('median ms', 12)}${pad('peak heap MB', 15)}${pad('live heap MB', 15)}${pad('resources', 12)}`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)}${pad(r.medianMs.toFixed(1), 12)}${pad(r.peakHeapMb.toFixed(1), 15)}${pad(r.liveHeapMb.toFixed(1), 15)}${pad(String(r.resources), 12)}`,
    );
  }
  console.log('');
  console.log(`clusterset / direct: time ${ratio(cs.medianMs, direct.medianMs)}, memory ${ratio(cs.peakHeapMb, direct.peakHeapMb)} (live after gc ${ratio(cs.liveHeapMb, direct.liveHeapMb)})`);
  console.log('target: <= 1.1x time and memory');
  console.log('');
  const extra = cs.resources - direct.resources;
  console.log(
    `resource counts: clusterset ${cs.resources}, direct ${direct.resources}: ` +
      (extra === 1 + config.services ? `equal but for the 1 + ${config.services} component resources clusterset adds (ClusterSet, MultiClusterServices)` : `differ by ${extra}, not 1 + ${config.services}`),
  );
  const diff = firstDifference(cs.registrations, direct.registrations);
  console.log(`registrations identical (type, name, provider, inputs, dependencies): ${diff === undefined ? 'yes' : `no (${diff})`}`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const program = directProgram(config);
  const expected = program.clusters.length + program.objects.length;
  const results = [
    await measure(clusterSetVariant(config), config.iterations, expected),
    await measure(directVariant(program), config.iterations, expected),
  ];
  report(config, program, results);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
