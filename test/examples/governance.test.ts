// The governance example (issue 12): design document 002's governed hybrid fleet, synthesized end to end and read
// back as each delivery engine leaves it in the clusters: schema-valid, its pods admitted by its own constraints,
// every declared call admitted and every undeclared one refused, Prometheus scraping and the ingress controller
// reaching exactly what they should, despite default deny and STRICT mutual TLS.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import YAML from 'yaml';
import { Delivery, type IDeliveryEngine } from '../../lib';
import { governanceApp } from '../../examples/governance/app';
import { governanceClusters } from '../../examples/governance/fleet';
import { GOVERNED_NAMESPACE } from '../../examples/governance/services';
import { matchesPod, violations } from '../support/gatekeeper';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { propagateKarmada } from '../support/karmada-propagation';
import { modelClusters } from '../support/random-fleet';
import { RouteModel, type RouteOutcome, type RouteSource } from '../../lib/cli/route-model';
import { expectValidAgainstSchemas } from '../support/schema';
import { readTree, removeDir, tempDir } from '../support/files';

type Obj = Record<string, any>;

const ROOT = path.resolve(__dirname, '../..');
const NS = GOVERNED_NAMESPACE;
const CLUSTERS = governanceClusters.map((c) => c.name);
const REPO = 'https://git.example.com/platform/governance.git';

const ENGINES: ReadonlyArray<[string, () => IDeliveryEngine]> = [
  ['Direct', () => Delivery.direct()],
  ['Argo CD', () => Delivery.argoCd({ repoURL: REPO, path: 'dist/governance' })],
  ['Flux', () => Delivery.flux({ repoURL: REPO, path: 'dist/governance' })],
  ['KubeVela', () => Delivery.kubeVela()],
  ['Karmada', () => Delivery.karmada()],
];

/** Every object each folder of the output holds, as rendered in memory. */
function folders(delivery: IDeliveryEngine): Record<string, Obj[]> {
  const { app } = governanceApp({ outdir: '/nonexistent-never-written' }, delivery);
  // kustomization.yaml files are kustomize's, not objects of the API server.
  return Object.fromEntries(app.render().map((f) => [f.folder, f.files.filter((file) => file.file !== 'kustomization.yaml').flatMap((file) => YAML.parseAllDocuments(file.yaml).map((d) => d.toJS() as Obj))]));
}

/** What each member cluster holds once the engine delivered the output: the folders as applied, or what the hub propagates. */
function members(name: string, delivery: IDeliveryEngine): { output: Obj[]; objects: Record<string, Obj[]> } {
  const output = folders(delivery);
  const all = Object.values(output).flat();
  if (name === 'KubeVela' || name === 'Karmada') {
    const hub = output.hub ?? [];
    const delivered = name === 'KubeVela' ? deliverKubeVela(hub, governanceClusters) : propagateKarmada(hub, governanceClusters);
    expect(delivered.problems).toEqual([]);
    return { output: all, objects: delivered.objects };
  }
  return { output: all, objects: Object.fromEntries(CLUSTERS.map((c) => [c, output[c] ?? []])) };
}

const ingressNginx = (mtls: boolean): RouteSource => ({ labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, account: 'ingress-nginx', mtls, description: `ingress-nginx${mtls ? '' : ' without a sidecar'}` });
const describe_ = (o: RouteOutcome) => `${o.route.from ?? o.route.source?.description ?? o.route.client} -> ${o.route.service}:${o.route.port} in/from ${o.route.cluster}: ${o.ok ? 'admitted' : o.failures.join('; ')}`;

/** The example's traffic, judged on what the clusters hold. */
function expectGovernedTraffic(objects: Record<string, Obj[]>): void {
  const model = new RouteModel(modelClusters(governanceClusters), objects);
  const call = (cluster: string, from: string, service: string, port = 80) => model.check({ cluster, client: NS, from, namespace: NS, service, port, protocol: 'TCP' });
  // Declared: hello-world calls my-service from both clouds (across trust domains from cluster-a).
  for (const cluster of CLUSTERS) expect(describe_(call(cluster, 'hello-world', 'my-service'))).toBe(`hello-world -> my-service:80 in/from ${cluster}: admitted`);
  // Undeclared: report shares cluster-a's pod range with hello-world, so only its identity tells it apart.
  const sneaking = call('cluster-a', 'report', 'my-service');
  expect(sneaking.reached).toEqual([]);
  expect(sneaking.failures.join('\n')).toMatch(/AuthorizationPolicy my-service-callers, my-service-metrics in "cluster-b" allows no public\.example\.com\/ns\/hello\/sa\/report/);
  // Nobody may call report (callers: []), not even hello-world in its own cluster and namespace.
  expect(call('cluster-a', 'hello-world', 'report').failures.join('\n')).toMatch(/NetworkPolicy .*report-callers.* admits no pod of hello\/hello-world/);
  // A pod of another namespace is kept out by default deny; the metrics port admits no undeclared caller either.
  expect(model.check({ cluster: 'cluster-b', client: 'default', namespace: NS, service: 'hello-world', port: 80, protocol: 'TCP' }).ok).toBe(false);
  expect(call('cluster-a', 'report', 'my-service', 9090).failures.join('\n')).toMatch(/AuthorizationPolicy my-service-callers/);

  // Each cluster's Prometheus scrapes every metrics port the plan runs there, with its mesh identity.
  for (const cluster of CLUSTERS) {
    const scrapes = model.scrapes(cluster);
    expect(scrapes.map((o) => `${o.route.service}:${o.route.port}`).sort()).toEqual(cluster === 'cluster-a' ? ['hello-world:9090', 'report:9090'] : ['hello-world:9090', 'my-service:9090']);
    expect(scrapes.filter((o) => !o.ok).map(describe_)).toEqual([]);
    expect(scrapes.every((o) => o.route.source?.mtls === true)).toBe(true);
  }

  // The ingress controller reaches the HTTP port of every service its cluster fronts, with its sidecar only, and nothing else.
  const direct = (cluster: string, service: string, port: number, source: RouteSource, client = 'ingress-nginx') => model.checkDirect({ cluster, client, namespace: NS, service, port, protocol: 'TCP', source });
  for (const [cluster, service] of [['cluster-a', 'hello-world'], ['cluster-a', 'report'], ['cluster-b', 'hello-world'], ['cluster-b', 'my-service']]) {
    expect(describe_(direct(cluster, service, 80, ingressNginx(true)))).toBe(`ingress-nginx -> ${service}:80 in/from ${cluster}: admitted`);
    expect(direct(cluster, service, 80, ingressNginx(false)).failures.join('\n')).toMatch(/STRICT/);
    expect(direct(cluster, service, 9090, ingressNginx(true)).ok).toBe(false);
    expect(direct(cluster, service, 80, { labels: { app: 'debug' }, mtls: true, description: 'a debug pod' }, 'tools').ok).toBe(false);
  }
}

describe('the governance example', () => {
  test('synthesizes to the same bytes every time, every object schema-valid, the fleet’s pods admitted by its own constraints', () => {
    const render = () => governanceApp({ outdir: '/nonexistent-never-written' }).app.render();
    const rendered = render();
    expect(render()).toEqual(rendered);
    const output = folders(Delivery.direct());
    expect(Object.keys(output).sort()).toEqual(CLUSTERS);
    for (const cluster of CLUSTERS) {
      const objects = output[cluster];
      expectValidAgainstSchemas(objects);
      const constraints = objects.filter((o) => o.apiVersion.startsWith('constraints.gatekeeper.sh/'));
      expect(constraints.map((c) => c.kind).sort()).toEqual(['K8sAllowedRepos', 'K8sContainerLimits', 'K8sPSPHostFilesystem', 'K8sRequiredLabels', 'K8sRequiredProbes']);
      const workloads = objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === NS);
      expect(workloads.length).toBeGreaterThan(0);
      for (const workload of workloads) {
        for (const c of constraints.filter((x) => matchesPod(x, NS))) expect([cluster, c.kind, workload.metadata.name, violations(c, workload.spec.template)]).toEqual([cluster, c.kind, workload.metadata.name, []]);
      }
    }
  });

  test('design document 002’s guardrails, with more room in the public cloud', () => {
    const output = folders(Delivery.direct());
    const hard = (cluster: string) => output[cluster].find((o) => o.kind === 'ResourceQuota')?.spec.hard;
    expect(hard('cluster-b')).toMatchObject({ 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', 'services.loadbalancers': '0' });
    expect(hard('cluster-a')).toMatchObject({ 'requests.cpu': '8', 'limits.memory': '16Gi' });
    for (const cluster of CLUSTERS) {
      expect(output[cluster].find((o) => o.kind === 'LimitRange')?.spec.limits).toEqual([{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '200m', memory: '256Mi' } }]);
      const prometheus = output[cluster].find((o) => o.kind === 'Prometheus');
      expect(prometheus?.spec.externalLabels).toEqual({ cluster, environment: 'prod', zone: cluster === 'cluster-a' ? 'cn-hangzhou-b' : 'dc-1' });
    }
  });

  test.each(ENGINES)('through %s: every emitted object schema-valid, and the traffic rules hold in what the clusters receive', (name, engine) => {
    const { output, objects } = members(name, engine());
    expectValidAgainstSchemas(output);
    // And what the members receive: for the hub engines, the objects the hub carries inside its own.
    expectValidAgainstSchemas(Object.values(objects).flat());
    expectGovernedTraffic(objects);
  });

  test('the real cdk8s CLI writes what renders in process (npm run synth:governance)', () => {
    const outdir = path.join(tempDir('cli-governance'), 'dist');
    try {
      const app = `npx ts-node --transpile-only ${path.join('examples', 'governance', 'main.ts')}`;
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--app', app, '--output', outdir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      const files = readTree(outdir);
      const { app: inProcess } = governanceApp();
      for (const f of inProcess.render()) for (const file of f.files) expect(files[path.join(f.folder, file.file)]).toBe(file.yaml);
      expect(Object.keys(files).some((f) => f.startsWith(`north-south${path.sep}`))).toBe(true);
    } finally {
      removeDir(path.dirname(outdir));
    }
  }, 120_000);
});
