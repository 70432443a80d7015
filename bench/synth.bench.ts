// Synth benchmark: clusterset against plain cdk8s and raw YAML for the same objects.
//
//   npm run bench                                     # 1000 services over 10 clusters
//   BENCH_SERVICES=200 BENCH_CLUSTERS=5 npm run bench # quicker
//
// Every service is active in one cluster (round-robin) and a placeholder in all the others. Each
// variant does the work of a synth in memory (no disk writes, whose noise would swamp the rest): one
// YAML document per object, every cluster. It is warmed up once and then timed K times; the table
// shows the median wall time and the median peak heap growth.
//   clusterset:  ClusterSetApp + ClusterSet + N MultiClusterServices, then its folders and plan document as synth renders them
//   plain cdk8s: the same objects as ApiObjects in one Chart per cluster, rendered as cdk8s's App.synth()
//                does (validate once, each chart's objects in dependency order, Yaml.stringify each)
//   raw YAML:    the same objects straight through the `yaml` package
import { ApiObject, App, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { isScalar, type Pair, stringify } from 'yaml';
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  ClusterSetApp,
  type Manifest,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
} from '../lib';
import { HeapSampler, MB, median, positiveInt, ratio } from './support';

/** What to benchmark. */
interface BenchConfig {
  readonly services: number;
  readonly clusters: number;
  readonly iterations: number;
  readonly namespaces: number;
}

/** One cluster's objects, as the reference every variant renders. */
interface ClusterManifests {
  readonly cluster: string;
  readonly manifests: readonly Manifest[];
}

/** What a variant produced: one YAML stream per cluster, and how many objects it holds. */
interface Rendered {
  readonly yaml: ReadonlyMap<string, string>;
  readonly objects: number;
}

/** One variant: `prepare` runs untimed before each run, `run` is what gets timed. */
interface Variant<I> {
  readonly name: string;
  prepare(): I;
  run(input: I, heap: HeapSampler): Rendered;
}

/** Timings and memory of one variant. */
interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly peakHeapMb: number;
  readonly output: Rendered;
}

/** Keys cdk8s moves to the front of every object it renders, in this order. */
const LEADING_KEYS: Readonly<Record<string, number>> = { apiVersion: 0, kind: 1, metadata: 2 };

/** Orders map keys as cdk8s renders them: apiVersion, kind, metadata first, then the rest sorted. */
function cdk8sKeyOrder(a: Pair, b: Pair): number {
  const ka = String(isScalar(a.key) ? a.key.value : a.key);
  const kb = String(isScalar(b.key) ? b.key.value : b.key);
  const ra = LEADING_KEYS[ka] ?? 3;
  const rb = LEADING_KEYS[kb] ?? 3;
  if (ra !== rb) return ra - rb;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The options cdk8s's Yaml.stringify passes to the `yaml` package, plus cdk8s's key order (an ApiObject
 * sorts keys when it renders), so the raw variant writes the same bytes and does comparable work.
 */
const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1', sortMapEntries: cdk8sKeyOrder } as const;

/** Reads the size of the run from BENCH_SERVICES / BENCH_CLUSTERS. */
function readConfig(): BenchConfig {
  const services = positiveInt('BENCH_SERVICES', 1000);
  const clusters = positiveInt('BENCH_CLUSTERS', 10);
  if (clusters > 120) throw new Error(`BENCH_CLUSTERS=${clusters}: at most 120 clusters fit the address plan of this benchmark`);
  return { services, clusters, iterations: 5, namespaces: Math.max(1, Math.min(20, Math.ceil(services / 50))) };
}

/** M clusters with Istio and disjoint /16 service and pod ranges. */
function fleetClusters(count: number): ClusterProps[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `cluster-${String(i).padStart(3, '0')}`,
    labels: { region: `region-${i % 3}` },
    serviceCidr: `10.${2 * i}.0.0/16`,
    podCidr: `10.${2 * i + 1}.0.0/16`,
    mesh: { network: `net-${i}` },
  }));
}

/**
 * Decides each service's placeholder networking: mostly Istio and ExternalName, with every tenth
 * service per active cluster (at most 200 a cluster) using an EndpointSlice, whose ClusterIP comes
 * from the static band of the active cluster's serviceCidr (254 addresses).
 */
function networkingPlan(config: BenchConfig): Networking[] {
  const slicesPerCluster = new Map<number, number>();
  return Array.from({ length: config.services }, (_, i) => {
    const active = i % config.clusters;
    const round = Math.floor(i / config.clusters);
    const slices = slicesPerCluster.get(active) ?? 0;
    if (round % 10 === 0 && slices < 200) {
      slicesPerCluster.set(active, slices + 1);
      return Networking.ENDPOINT_SLICE;
    }
    return round % 2 === 0 ? Networking.ISTIO : Networking.EXTERNAL_NAME;
  });
}

/** Service i: active in cluster i mod M, placeholder everywhere else. */
function serviceOptions(i: number, config: BenchConfig, clusters: readonly ClusterProps[], networking: Networking): MultiClusterServiceOptions {
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
    placements: placeholders.length > 0 ? [...placements, new PlaceholderPlacement({ clusters: placeholders, networking })] : placements,
    ...(i % 2 === 0 ? richWorkload(i) : {}),
  };
}

/** Half the services are whole workloads: pod template, dependencies, an autoscaler and a budget (issue 10). */
function richWorkload(i: number): Partial<MultiClusterServiceOptions> {
  return {
    podTemplate: {
      spec: {
        serviceAccountName: `svc-${i}`,
        containers: [
          {
            name: `svc-${i}`,
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            volumeMounts: [{ name: 'config', mountPath: '/etc/svc' }],
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
          },
        ],
        volumes: [{ name: 'config', configMap: { name: `svc-${i}-config` } }],
      },
    },
    dependencies: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `svc-${i}-config` }, data: { 'app.yaml': `id: ${i}\n` } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `svc-${i}` } },
    ],
    autoscaling: { minReplicas: 1, maxReplicas: 4, cpuUtilization: 75 },
    disruptionBudget: { maxUnavailable: 1 },
  };
}

/** The clusterset program: a ClusterSetApp, one ClusterSet and N MultiClusterServices. */
function buildClusterSetApp(config: BenchConfig): { app: ClusterSetApp; fleet: ClusterSet } {
  const app = new ClusterSetApp();
  const clusters = fleetClusters(config.clusters);
  const fleet = new ClusterSet(app, 'fleet', { clusters });
  const networking = networkingPlan(config);
  for (let i = 0; i < config.services; i++) {
    new MultiClusterService(fleet, `svc-${i}`, serviceOptions(i, config, clusters, networking[i]));
  }
  return { app, fleet };
}

/**
 * What cdk8s's App.synth() does for FOLDER_PER_CHART_FILE_PER_RESOURCE, minus the file writes: the app
 * validated and its dependencies resolved once (the first chart's toJson does both), each chart's
 * objects in dependency order, one Yaml.stringify per object. Joined per cluster for comparison.
 */
function synthInMemory(app: App, heap: HeapSampler): Rendered {
  const yaml = new Map<string, string>();
  let objects = 0;
  app.charts.forEach((chart, i) => {
    const docs =
      i === 0
        ? chart.toJson()
        : new DependencyGraph(chart.node)
            .topology()
            .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
            .map((o) => o.toJson());
    objects += docs.length;
    yaml.set(chart.node.id, docs.map((doc) => Yaml.stringify(doc)).join('---\n'));
    heap.sample();
  });
  return { yaml, objects };
}

/** The reference objects of every cluster, taken from the clusterset plan (untimed). */
function referenceManifests(config: BenchConfig): ClusterManifests[] {
  const { fleet } = buildClusterSetApp(config);
  return fleet.plan().clusters.map((c) => ({ cluster: c.cluster, manifests: c.objects.map((o) => o.manifest) }));
}

/** Variant 1: build the clusterset program and render it. */
function clusterSetVariant(config: BenchConfig): Variant<BenchConfig> {
  return {
    name: 'clusterset',
    prepare: () => config,
    run: (input, heap) => {
      const { app } = buildClusterSetApp(input);
      heap.sample();
      // What synth writes: the folders and the plan document beside them (clusterset.plan.json).
      const { folders, plan } = app._renderOutput();
      heap.sample();
      if (!plan.startsWith('{')) throw new Error('no plan document');
      const yaml = new Map(folders.map((f) => [f.folder, f.files.map((file) => file.yaml).join('---\n')]));
      return { yaml, objects: folders.reduce((n, f) => n + f.files.length, 0) };
    },
  };
}

/** Variant 2: the same objects as plain ApiObjects, one Chart per cluster, rendered the same way. */
function plainCdk8sVariant(reference: readonly ClusterManifests[]): Variant<ClusterManifests[]> {
  return {
    name: 'plain cdk8s',
    prepare: () => structuredClone(reference) as ClusterManifests[],
    run: (input, heap) => {
      const app = new App();
      for (const { cluster, manifests } of input) {
        const chart = new Chart(app, cluster);
        manifests.forEach((manifest, j) => new ApiObject(chart, `o${j}`, manifest));
      }
      heap.sample();
      return synthInMemory(app, heap);
    },
  };
}

/** Variant 3: the same objects straight through the `yaml` package, no cdk8s. */
function rawYamlVariant(reference: readonly ClusterManifests[]): Variant<readonly ClusterManifests[]> {
  return {
    name: 'raw YAML',
    prepare: () => reference,
    run: (input, heap) => {
      const yaml = new Map<string, string>();
      let objects = 0;
      for (const { cluster, manifests } of input) {
        yaml.set(cluster, manifests.map((m) => stringify(m, CDK8S_YAML_OPTIONS)).join('---\n'));
        objects += manifests.length;
        heap.sample();
      }
      return { yaml, objects };
    },
  };
}

/** Warms a variant up once, then times K runs; reports the medians of wall time and heap growth. */
function measure<I>(variant: Variant<I>, iterations: number): Measurement {
  let output = variant.run(variant.prepare(), new HeapSampler());
  const times: number[] = [];
  const peaks: number[] = [];
  for (let k = 0; k < iterations; k++) {
    const input = variant.prepare();
    const heap = new HeapSampler();
    const start = process.hrtime.bigint();
    output = variant.run(input, heap);
    const elapsed = process.hrtime.bigint() - start;
    peaks.push(heap.growth());
    times.push(Number(elapsed) / 1e6);
  }
  return { name: variant.name, medianMs: median(times), peakHeapMb: median(peaks) / MB, output };
}

/** Undefined when both outputs hold the same clusters with byte-identical YAML, else the first difference. */
function firstDifference(a: Rendered, b: Rendered): string | undefined {
  const clusters = [...new Set([...a.yaml.keys(), ...b.yaml.keys()])];
  for (const cluster of clusters) {
    const left = a.yaml.get(cluster);
    const right = b.yaml.get(cluster);
    if (left === undefined || right === undefined) return `cluster ${cluster} is missing from one output`;
    if (left === right) continue;
    const l = left.split('\n');
    const r = right.split('\n');
    const line = l.findIndex((text, i) => text !== r[i]);
    const at = line === -1 ? l.length : line;
    return `cluster ${cluster}, line ${at + 1}: ${JSON.stringify(l[at] ?? '<end>')} vs ${JSON.stringify(r[at] ?? '<end>')}`;
  }
  return undefined;
}

/** Prints the results table, the ratios against both baselines and the output checks. */
function report(config: BenchConfig, referenceObjects: number, results: readonly Measurement[]): void {
  const [cs, plain, raw] = results;
  const pad = (text: string, width: number): string => text.padStart(width);
  console.log(
    `\nclusterset synth benchmark: ${config.services} services x ${config.clusters} clusters, ` +
      `${referenceObjects} objects; median of ${config.iterations} runs after 1 warm-up (node ${process.version})\n`,
  );
  console.log(`${'variant'.padEnd(12)}${pad('median ms', 12)}${pad('peak heap MB', 15)}${pad('objects', 10)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(12)}${pad(r.medianMs.toFixed(1), 12)}${pad(r.peakHeapMb.toFixed(1), 15)}${pad(String(r.output.objects), 10)}`);
  }
  console.log('');
  console.log(`clusterset / raw YAML:    time ${ratio(cs.medianMs, raw.medianMs)}, memory ${ratio(cs.peakHeapMb, raw.peakHeapMb)}`);
  console.log(`clusterset / plain cdk8s: time ${ratio(cs.medianMs, plain.medianMs)}, memory ${ratio(cs.peakHeapMb, plain.peakHeapMb)}`);
  console.log('target: <= 1.5x raw YAML, < 1.0x plain cdk8s');
  console.log('');
  const counts = results.map((r) => r.output.objects);
  const sameCount = counts.every((n) => n === referenceObjects);
  console.log(`object counts equal: ${sameCount ? 'yes' : `no (${results.map((r) => `${r.name} ${r.output.objects}`).join(', ')}, plan ${referenceObjects})`}`);
  const diff = firstDifference(cs.output, plain.output);
  console.log(`outputs identical: ${diff === undefined ? 'yes' : 'no'}`);
  if (diff !== undefined) console.log(`  first difference (clusterset vs plain cdk8s): ${diff}`);
  const rawDiff = firstDifference(cs.output, raw.output);
  console.log(`raw YAML identical too: ${rawDiff === undefined ? 'yes' : `no (${rawDiff})`}`);
}

function main(): void {
  const config = readConfig();
  const reference = referenceManifests(config);
  const referenceObjects = reference.reduce((n, c) => n + c.manifests.length, 0);
  const results = [
    measure(clusterSetVariant(config), config.iterations),
    measure(plainCdk8sVariant(reference), config.iterations),
    measure(rawYamlVariant(reference), config.iterations),
  ];
  report(config, referenceObjects, results);
}

main();
