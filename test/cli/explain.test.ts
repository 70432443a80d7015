// `clusterset explain` on the example fleets: the trail of hops for each kind of wiring, the verdict and exit code,
// a broken route made on purpose, an undeclared caller refused by governance, and every usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ActivePlacement, ClusterSet, ClusterSetApp, FleetGovernance, MultiClusterService, Networking, PlaceholderPlacement } from '../../lib';
import { explainCommand } from '../../lib/cli/commands/explain';
import { main } from '../../lib/cli/main';
import { ExitCode } from '../../lib/cli/command';
import { PLAN_FILE } from '../../lib/core/report/plan-document';
import { activeActiveApp } from '../../examples/active-active/app';
import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';
import { shopApp } from '../../examples/shop/app';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridServices } from '../../examples/hybrid/services';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function outdir(name: string): string {
  const dir = tempDir(`explain-${name}`);
  dirs.push(dir);
  return dir;
}

const outputs = new Map<string, string>();
/** The hybrid example synthesized with `engine`, once per engine. */
function hybrid(engine: string): string {
  if (!outputs.has(engine)) {
    const dir = outdir(engine);
    hybridApp({ outdir: dir }, hybridDelivery(engine)).synth();
    outputs.set(engine, dir);
  }
  return outputs.get(engine) as string;
}

/** The output with its wrapping undone: one space for every run of spaces and newlines. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function explain(dir: string, ...args: string[]): Promise<{ code: ExitCode; out: string; err: string }> {
  const captured = captureIo({ cwd: dir });
  const code = await main(['explain', ...args, '--dir', dir], captured.io, { env: {} });
  return { code, out: captured.out(), err: captured.err() };
}

describe('clusterset explain on the hybrid example', () => {
  test('Direct: app-a from localproda goes through the Istio placeholder to prodc’s pods, on each port', async () => {
    const { code, out, err } = await explain(hybrid('Direct'), 'app-a', '--from', 'localproda');
    expect([code, err]).toEqual([ExitCode.OK, '']);
    expect(out).toContain('Service ns/app-a of fleet fleet (Delivery.direct())\n  clusterset name app-a.ns.svc.clusterset.local\n  active in prodc (3 replica(s))\n  placeholders in localproda (ISTIO)\n');
    expect(out).toContain(
      [
        'app-a.ns.svc.cluster.local:7070/TCP from a pod of namespace ns in "localproda"',
        '  - Service ns/app-a in "localproda" has no selector; the sidecar routes it by VirtualService',
        '    app-a-cross-cluster',
        '    - http route of VirtualService app-a-cross-cluster for port 7070:',
        '      app-a.ns.svc.clusterset.local:7070, weight 100',
        '      - ServiceEntry external-app-a in "localproda" declares app-a.ns.svc.clusterset.local:7070',
        '        (MESH_EXTERNAL, plain text)',
        '      - Lighthouse DNS in "localproda" resolves app-a.ns.svc.clusterset.local to the clusters',
        '        exporting ns/app-a: prodc',
        '        - Service ns/app-a in "prodc", port 7070/TCP (plain text from "localproda"): port 7070',
        '          (http) -> pods app.kubernetes.io/name=app-a on 7070',
        '          OK Deployment ns/app-a in "prodc": 3 replica(s) listening on 7070/TCP',
        '  VERDICT OK: reaches prodc/Deployment/app-a:7070',
      ].join('\n'),
    );
    expect(out).toContain('VERDICT OK: reaches prodc/Deployment/app-a:8080');
    expect(out.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  test('Direct: app-b from prodc goes through the EndpointSlice to localproda’s ClusterIP; --port picks one port', async () => {
    const { code, out } = await explain(hybrid('Direct'), 'ns/app-b', '--from', 'prodc', '--port', 'http');
    expect(code).toBe(ExitCode.OK);
    expect(out).toMatch(/- EndpointSlice app-b-localproda in "prodc": endpoint 10\.112\.\d+\.\d+:9090\/TCP\n {6}- 10\.112\.\d+\.\d+ is the ClusterIP of Service ns\/app-b in "localproda" \(through Submariner\)/);
    expect(out).toContain('VERDICT OK: reaches localproda/Deployment/app-b:9090');
  });

  test.each(['KubeVela', 'Karmada'])('%s: the members’ objects (inline in the plan) route app-a and app-b from every cluster', async (engine) => {
    const dir = hybrid(engine);
    const a = await explain(dir, 'app-a', '--from', 'localproda', '--port', '8080');
    expect(a.code).toBe(ExitCode.OK);
    expect(a.out).toContain(`(Delivery.${engine === 'KubeVela' ? 'kubeVela' : 'karmada'}())`);
    expect(a.out).toContain('VERDICT OK: reaches prodc/Deployment/app-a:8080');
    const b = await explain(dir, 'app-b', '--from', 'prodc');
    expect(b.code).toBe(ExitCode.OK);
    // Karmada drops ClusterIPs, so prodc aliases app-b's clusterset name (an ExternalName) instead of a slice.
    expect(flat(b.out)).toContain(engine === 'Karmada' ? 'is an ExternalName: DNS answers with a CNAME to app-b.ns.svc.clusterset.local' : 'EndpointSlice app-b-localproda');
    expect(b.out).toContain('VERDICT OK: reaches localproda/Deployment/app-b:9090');
  });

  test('a ServiceExport deleted on purpose (file and plan entry): the route is broken, the why printed, exit 1', async () => {
    const dir = outdir('broken');
    hybridApp({ outdir: dir }, hybridDelivery('Direct')).synth();
    const planPath = path.join(dir, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    const prodc = plan.fleets[0].clusters.find((c: { cluster: { name: string } }) => c.cluster.name === 'prodc');
    const entry = prodc.objects.find((o: { kind: string; name: string }) => o.kind === 'ServiceExport' && o.name === 'app-a');
    fs.rmSync(path.join(dir, entry.file));
    prodc.objects = prodc.objects.filter((o: unknown) => o !== entry);
    fs.writeFileSync(planPath, JSON.stringify(plan));
    const { code, out } = await explain(dir, 'app-a', '--from', 'localproda', '--port', '7070');
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('      FAIL no cluster exports ns/app-a for app-a.ns.svc.clusterset.local\n  VERDICT BROKEN: 1 branch(es) fail\n');
    // From prodc itself the Service's own selector still serves.
    expect((await explain(dir, 'app-a', '--from', 'prodc')).code).toBe(ExitCode.OK);
  });

  test('an object file deleted but still listed: the output is damaged, exit 2 naming the file', async () => {
    const dir = outdir('damaged');
    hybridApp({ outdir: dir }, hybridDelivery('Direct')).synth();
    fs.rmSync(path.join(dir, 'prodc/1-Service.ns.app-a.k8s.yaml'));
    const { code, out, err } = await explain(dir, 'app-a', '--from', 'localproda');
    expect([code, out]).toEqual([ExitCode.USAGE, '']);
    expect(err).toMatch(/^clusterset explain: .*prodc\/1-Service\.ns\.app-a\.k8s\.yaml, which clusterset\.plan\.json lists for Service ns\/app-a, does not exist; synthesize the program again\n$/);
  });

  test('an object with a field the model cannot read (a Service whose spec is null): exit 2, no TypeError', async () => {
    const dir = outdir('odd');
    hybridApp({ outdir: dir }, hybridDelivery('Direct')).synth();
    const file = path.join(dir, 'prodc/1-Service.ns.app-a.k8s.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^spec:\n(?: {2}.*\n)+/m, 'spec: null\n'));
    const { code, err } = await explain(dir, 'app-a', '--from', 'localproda', '--port', '7070');
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toBe(
      'clusterset explain: 1 object field(s) explain cannot read:\n' +
        '  prodc/1-Service.ns.app-a.k8s.yaml: Service ns/app-a of cluster "prodc": spec is null, not an object; fix the file or synthesize the program again\n',
    );
  });

  test('a plan document listing odd values (a service whose active clusters are null): exit 2, no TypeError', async () => {
    const dir = outdir('odd-plan');
    hybridApp({ outdir: dir }, hybridDelivery('Direct')).synth();
    const planPath = path.join(dir, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    plan.fleets[0].services[0].active = null;
    fs.writeFileSync(planPath, JSON.stringify(plan));
    const { code, out, err } = await explain(dir, 'app-a', '--from', 'prodc');
    expect([code, out]).toEqual([ExitCode.USAGE, '']);
    expect(err).toMatch(/clusterset\.plan\.json is damaged: fleets\[0\]\.services\[0\]\.active must be a list, got null; synthesize the program again/);
  });

  test('colour only when the io says so: the marks in green and red, the text as without colour', async () => {
    const dir = hybrid('Direct');
    const plain = captureIo({ color: false });
    const coloured = captureIo({ color: true });
    await explainCommand.run(['app-a', '--from', 'localproda', '--dir', dir], plain.io);
    await explainCommand.run(['app-a', '--from', 'localproda', '--dir', dir], coloured.io);
    expect(plain.out()).not.toContain('\u001b[');
    expect(coloured.out()).toContain('\u001b[32mOK\u001b[39m Deployment ns/app-a');
    expect(coloured.out().split('\u001b[').map((part, i) => (i === 0 ? part : part.replace(/^\d+m/, ''))).join('')).toBe(plain.out());
  });
});

describe('a damaged output never reaches the user as a TypeError', () => {
  /** Every path to a value inside `value`. */
  const paths = (value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> =>
    value !== null && typeof value === 'object'
      ? [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]))]
      : [prefix];

  test('any one field of any object, or of the plan, replaced by a value of another type: exit 0, 1 or 2, and a message on exit 2', async () => {
    const dir = hybrid('Direct');
    const plan = JSON.parse(fs.readFileSync(path.join(dir, PLAN_FILE), 'utf8'));
    const { readOutput } = await import('../../lib/cli/output');
    const loaded = readOutput(dir);
    // Every object inline, so one JSON document holds everything a field may be damaged in.
    for (const c of plan.fleets[0].clusters) c.objects = loaded.fleets[0].objects[c.cluster.name].map((m) => ({ ...c.objects.find((e: { name: string; kind: string }) => e.kind === m.kind && e.name === m.metadata.name), file: undefined, manifest: m }));
    const fields = paths(plan).filter((p) => p.length > 1);
    const damaged = outdir('fuzz');
    const codes = new Set<number>();
    const kinds = { shape: 0, plan: 0, other: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(fields.length - 1), fc.constantFrom(null, 'x', 7, [], {}, [null], true), fc.constantFrom('app-a', 'app-b'), fc.constantFrom('prodc', 'localproda'), async (i, junk, service, from) => {
        const copy = structuredClone(plan);
        const field = fields[i];
        let parent = copy;
        for (const key of field.slice(0, -1)) parent = parent[key];
        parent[field[field.length - 1]] = junk;
        fs.writeFileSync(path.join(damaged, PLAN_FILE), JSON.stringify(copy));
        const { code, err } = await explain(damaged, service, '--from', from);
        codes.add(code);
        if (code === ExitCode.USAGE) kinds[/object field\(s\) explain cannot read/.test(err) ? 'shape' : /clusterset\.plan\.json is damaged: /.test(err) ? 'plan' : 'other']++;
        expect([ExitCode.OK, ExitCode.FLAGGED, ExitCode.USAGE]).toContain(code);
        if (code === ExitCode.USAGE) expect(err).toMatch(/^clusterset explain: \S.*\n(?:[\s\S]*\n)?$/);
      }),
      { numRuns: 400, seed: 13 },
    );
    console.log(`explain damage property: exit codes ${[...codes].sort().join(', ')}; usage errors: ${kinds.shape} by the route model's shape check, ${kinds.plan} by readOutput's check of the plan, ${kinds.other} others`);
    expect([...codes].sort()).toEqual([ExitCode.OK, ExitCode.FLAGGED, ExitCode.USAGE]);
  });
});

describe('docs/cli-explain.md', () => {
  test('its transcripts are what explain prints on the hybrid example (the last one with app-a’s ServiceExport deleted)', async () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/cli-explain.md'), 'utf8');
    const blocks = [...doc.matchAll(/```\n\$ clusterset explain (.+)\n([\s\S]*?)```/g)];
    expect(blocks.length).toBe(3);
    const broken = outdir('doc-broken');
    fs.cpSync(hybrid('Direct'), broken, { recursive: true });
    const planPath = path.join(broken, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    for (const c of plan.fleets[0].clusters) c.objects = c.objects.filter((o: { kind: string; name: string }) => !(o.kind === 'ServiceExport' && o.name === 'app-a'));
    fs.writeFileSync(planPath, JSON.stringify(plan));
    for (const [index, [, args, printed]] of blocks.entries()) {
      const [text, code] = printed.split('$ echo $?\n');
      const { code: exit, out } = await explain(index < 2 ? hybrid('Direct') : broken, ...args.split(' '));
      expect(out).toBe(text);
      if (code !== undefined) expect(`${exit}\n`).toBe(code);
    }
  });
});

describe('clusterset explain on the active-active example', () => {
  let dir: string;
  beforeAll(() => {
    dir = outdir('active-active');
    activeActiveApp({ outdir: dir }).app.synth();
  });

  test('catalog from localproda: Istio splits over the two Hangzhou clusters by weight, with north-south weights in the header', async () => {
    const { code, out } = await explain(dir, 'shop/catalog', '--from', 'localproda', '--port', '8080');
    expect(code).toBe(ExitCode.OK);
    expect(out).toMatch(/north-south weights in prodc \(\d+ pod\(s\)\): 10\.1\.0\.11:80=\d+/);
    const weights = [...out.matchAll(/http route of VirtualService \S+ for port 8080:\n\s+(\S+), weight (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(weights.length).toBe(2);
    expect(weights.reduce((n, [, w]) => n + (w as number), 0)).toBe(100);
    expect(out).toMatch(/VERDICT OK: reaches hangzhou-1\/Deployment\/catalog:8080, prodc\/Deployment\/catalog:8080/);
  });

  test('ledger from prodc: an ExternalName alias to the StatefulSet in localproda', async () => {
    const { code, out } = await explain(dir, 'ledger', '--from', 'prodc');
    expect(code).toBe(ExitCode.OK);
    expect(flat(out)).toContain('Service finance/ledger in "prodc" is an ExternalName: DNS answers with a CNAME to ledger.finance.svc.clusterset.local');
    expect(out).toContain('OK StatefulSet finance/ledger in "localproda": 3 replica(s) listening on 7000/TCP');
  });
});

describe('clusterset explain on the shop example', () => {
  test('web from private-1: the Istio placeholder splits over the two public clusters, whose pods an autoscaler counts', async () => {
    const dir = outdir('shop');
    shopApp({ outdir: dir }).app.synth();
    const { code, out } = await explain(dir, 'web', '--from', 'private-1');
    expect(code).toBe(ExitCode.OK);
    expect(flat(out)).toContain('OK Deployment shop/web in "hangzhou-1": replicas left to an autoscaler (1 at creation) listening on');
    expect(out).toMatch(/VERDICT OK: reaches hangzhou-1\/Deployment\/web:\S+, hangzhou-2\/Deployment\/web:/);
  });
});

describe('clusterset explain on a governed fleet with declared callers', () => {
  let dir: string;
  beforeAll(() => {
    dir = outdir('governed');
    const app = new ClusterSetApp({ outdir: dir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters });
    new MultiClusterService(fleet, 'app-a', { ...hybridServices['app-a'], callers: ['app-b', 'app-c'] });
    new MultiClusterService(fleet, 'app-b', hybridServices['app-b']);
    // Two clients in prodc, beside app-a's pods: one declared, one not.
    for (const name of ['app-c', 'app-d']) new MultiClusterService(fleet, name, { namespace: 'ns', image: `team/${name}:1.0.0`, ports: [{ name: 'http', port: 9000 }], placements: [new ActivePlacement({ clusters: ['prodc'] })] });
    new FleetGovernance(fleet, 'governance', { namespaces: ['ns'], networkPolicies: { defaultDeny: false } });
    app.synth();
  });

  test('the declared caller is admitted', async () => {
    const { code, out } = await explain(dir, 'app-a', '--from', 'prodc', '--caller', 'app-c');
    expect(code).toBe(ExitCode.OK);
    expect(out).toContain('app-a.ns.svc.cluster.local:7070/TCP from ns/app-c in "prodc"');
    expect(out).toContain('declared callers: ns/app-b, ns/app-c');
  });

  test('an undeclared caller is refused by the NetworkPolicy, and the why says so', async () => {
    const { code, out } = await explain(dir, 'app-a', '--from', 'prodc', '--caller', 'app-d', '--port', '7070');
    expect(code).toBe(ExitCode.FLAGGED);
    expect(flat(out)).toMatch(/FAIL NetworkPolicy \S+ in "prodc" admits no pod of ns\/app-d from "prodc" to ns\/app-a port 7070/);
    expect(out).toContain('VERDICT BROKEN: 1 branch(es) fail');
  });

  test('--json: the same verdict for scripts', async () => {
    const { code, out } = await explain(dir, 'app-a', '--from', 'prodc', '--caller', 'app-d', '--json');
    expect(code).toBe(ExitCode.FLAGGED);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ fleet: 'fleet', service: 'ns/app-a', from: 'prodc', clientNamespace: 'ns', caller: 'app-d', ok: false });
    expect(json.routes.map((r: { route: { port: number }; ok: boolean; reached: string[] }) => [r.route.port, r.ok, r.reached])).toEqual([
      [7070, false, []],
      [8080, false, []],
    ]);
  });
});

describe('clusterset explain from another namespace (--client-namespace)', () => {
  test('an Istio placeholder exported only to its own namespace is HIDDEN from team-a, and the request finds no endpoint', async () => {
    const dir = outdir('export-to');
    const app = new ClusterSetApp({ outdir: dir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters });
    const placements = [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.istio({ exportTo: ['.'] }) })];
    new MultiClusterService(fleet, 'app-a', { ...hybridServices['app-a'], placements });
    app.synth();
    const own = await explain(dir, 'app-a', '--from', 'localproda', '--port', '7070');
    expect(own.code).toBe(ExitCode.OK);
    const other = await explain(dir, 'app-a', '--from', 'localproda', '--port', '7070', '--client-namespace', 'team-a');
    expect(other.code).toBe(ExitCode.FLAGGED);
    expect(other.out).toContain('app-a.ns.svc.cluster.local:7070/TCP from a pod of namespace team-a in "localproda"');
    expect(flat(other.out)).toContain('HIDDEN VirtualService app-a-cross-cluster in "localproda" claims app-a.ns.svc.cluster.local but is not exported to namespace "team-a" (exportTo ["."])');
    expect(flat(other.out)).toContain('FAIL Service ns/app-a in "localproda" has no selector and no ready endpoint for port "http"');
  });
});

describe('clusterset explain usage errors (exit 2, the candidates named)', () => {
  const usage = async (...args: string[]) => {
    const { code, out, err } = await explain(hybrid('Direct'), ...args);
    expect([code, out]).toEqual([ExitCode.USAGE, '']);
    expect(err).toMatch(/; see clusterset explain --help\n$/);
    return err.split('\n')[0].replace(/; see clusterset explain --help$/, '');
  };

  test.each([
    [['app-z', '--from', 'prodc'], 'clusterset explain: no service "app-z" in DIR; its services: ns/app-a, ns/app-b'],
    [['other/app-a', '--from', 'prodc'], 'clusterset explain: no service "other/app-a" in DIR; its services: ns/app-a, ns/app-b'],
    [['app-a', '--from', 'prodd'], 'clusterset explain: --from "prodd" is no cluster of fleet fleet; its clusters: localproda, prodc'],
    [['app-a', '--from', 'prodc', '--port', '9'], 'clusterset explain: --port 9 is no port of Service ns/app-a; its ports: 7070/TCP (http), 8080/TCP (http-alt)'],
    [['app-a', '--from', 'prodc', '--caller', 'web'], 'clusterset explain: --caller "web" is no Deployment or StatefulSet of namespace ns in "prodc"; its workloads: Deployment app-a, Deployment app-b (--client-namespace picks another namespace)'],
    [['app-a', '--from', 'prodc', '--client-namespace', 'team-a', '--caller', 'app-a'], 'clusterset explain: --caller "app-a" is no Deployment or StatefulSet of namespace team-a in "prodc"; it runs none there (--client-namespace picks another namespace)'],
    [['app-a'], 'clusterset explain: --from <cluster> is required: the cluster of the calling pod'],
    [['--from', 'prodc'], 'clusterset explain: name the service to explain (name or namespace/name)'],
    [['app-a', 'app-b', '--from', 'prodc'], 'clusterset explain: unexpected argument "app-b"'],
    [['app-a', '--frm', 'prodc'], "clusterset explain: Unknown option '--frm'"],
    [['app-a', '--from', 'prodc', '--json=yes'], "clusterset explain: Option '--json' does not take an argument"],
  ])('%j', async (args, message) => {
    expect(await usage(...args)).toBe(message.replace('DIR', hybrid('Direct')));
  });

  test('a name in two namespaces is ambiguous: both candidates named', async () => {
    const dir = outdir('ambiguous');
    const app = new ClusterSetApp({ outdir: dir });
    const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters });
    new MultiClusterService(fleet, 'a', { ...hybridServices['app-a'], name: 'app-a', namespace: 'ns' });
    new MultiClusterService(fleet, 'b', { ...hybridServices['app-a'], name: 'app-a', namespace: 'team-a' });
    app.synth();
    const { code, err } = await explain(dir, 'app-a', '--from', 'prodc');
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toBe('clusterset explain: "app-a" is ambiguous: ns/app-a, team-a/app-a; name it as namespace/name; see clusterset explain --help\n');
    expect((await explain(dir, 'team-a/app-a', '--from', 'prodc')).code).toBe(ExitCode.OK);
  });

  test('two fleets holding the same service: --from picks the fleet, and an unknown one lists both fleets’ clusters', async () => {
    const dir = outdir('two-fleets');
    const app = new ClusterSetApp({ outdir: dir });
    const renamed = hybridClusters.map((c) => ({ ...c, name: `edge-${c.name}` }));
    for (const [id, clusters] of [['core', hybridClusters], ['edge', renamed]] as const) {
      const fleet = new ClusterSet(app, id, { clusters });
      const placements = [new ActivePlacement({ clusters: [clusters[0].name] })];
      new MultiClusterService(fleet, 'app-a', { ...hybridServices['app-a'], placements });
    }
    app.synth();
    const edge = await explain(dir, 'app-a', '--from', 'edge-prodc', '--port', '7070');
    expect(edge.code).toBe(ExitCode.OK);
    expect(edge.out).toContain('Service ns/app-a of fleet edge (Delivery.direct())');
    expect(edge.out).toContain('VERDICT OK: reaches edge-prodc/Deployment/app-a:7070');
    const nowhere = await explain(dir, 'app-a', '--from', 'prodd');
    expect(nowhere.code).toBe(ExitCode.USAGE);
    expect(nowhere.err.split('\n')[0]).toBe('clusterset explain: --from "prodd" is no cluster of the fleets holding ns/app-a; their clusters: core: localproda, prodc; edge: edge-localproda, edge-prodc; see clusterset explain --help');
  });

  test('no output there: exit 2 saying how to make one', async () => {
    const { code, err } = await explain(outdir('empty'), 'app-a', '--from', 'prodc');
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(/clusterset\.plan\.json does not exist; synthesize the program first/);
  });

  test('--help prints every option, exit 0', async () => {
    const captured = captureIo();
    expect(await main(['explain', '--help'], captured.io, { env: {} })).toBe(ExitCode.OK);
    for (const option of ['--from', '--port', '--client-namespace', '--caller', '--dir', '--json']) expect(captured.out()).toContain(option);
  });
});
