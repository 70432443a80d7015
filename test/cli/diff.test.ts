// `clusterset diff` on purpose-made pairs of the hybrid example: a pure change (exit 0), added and removed
// objects, refused changes (a pinned clusterIP, StatefulSet fields), broken routes (an EndpointSlice deleted),
// hub-engine outputs (objects inline in the plan document), the Git forms, usage errors and damaged outputs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import {
  ActivePlacement,
  ClusterSet,
  ClusterSetApp,
  type IDeliveryEngine,
  MultiClusterService,
  type MultiClusterServiceOptions,
  WorkloadKind,
} from '../../lib';
import { ExitCode } from '../../lib/cli/command';
import { diffCommand } from '../../lib/cli/commands/diff';
import { main } from '../../lib/cli/main';
import { PLAN_FILE } from '../../lib/core/report/plan-document';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { hybridDelivery } from '../../examples/hybrid/app';
import { hybridServicesFor } from '../../examples/hybrid/services';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach(removeDir);
  dirs = [];
});

type Services = Record<string, MultiClusterServiceOptions>;

/** The hybrid example's services for `engine`, edited by `edit`, synthesized into `outdir` (a new temp dir by default). */
function synth(edit: (services: Services) => Services = (s) => s, engine = 'Direct', outdir = tempDir('diff')): string {
  if (!dirs.includes(outdir)) dirs.push(outdir);
  const delivery: IDeliveryEngine = hybridDelivery(engine);
  const app = new ClusterSetApp({ outdir });
  const fleet = new ClusterSet(app, 'fleet', { clusters: hybridClusters, delivery });
  for (const [id, options] of Object.entries(edit({ ...hybridServicesFor(delivery) }))) new MultiClusterService(fleet, id, options);
  app.synth();
  return outdir;
}

const withAppA = (change: Partial<MultiClusterServiceOptions>) => (s: Services): Services => ({ ...s, 'app-a': { ...s['app-a'], ...change } });

/** The db StatefulSet the tests add beside the example's services, active in prodc. */
const db = (storage: string): MultiClusterServiceOptions => ({
  namespace: 'ns',
  image: 'team/db:1.0.0',
  replicas: 1,
  workload: WorkloadKind.STATEFUL_SET,
  ports: [{ name: 'tcp-db', port: 5432 }],
  volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } }],
  placements: [new ActivePlacement({ clusters: ['prodc'] })],
});

async function diff(args: string[], cwd = process.cwd()) {
  const captured = captureIo({ cwd });
  const code = await main(['diff', ...args], captured.io, { env: {} });
  return { code, out: captured.out(), err: captured.err() };
}

/** Removes one object from a synthesized direct output: from its cluster's YAML file and from the plan document. */
function dropObject(dir: string, cluster: string, kind: string, name: string): void {
  const planPath = path.join(dir, PLAN_FILE);
  const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
  const entries = plan.fleets[0].clusters.find((c: { cluster: { name: string } }) => c.cluster.name === cluster).objects;
  const entry = entries.find((o: { kind: string; name: string }) => o.kind === kind && o.name === name);
  entries.splice(entries.indexOf(entry), 1);
  fs.writeFileSync(planPath, JSON.stringify(plan, null, 2));
  const file = path.join(dir, entry.file);
  const kept = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJSON())
    .filter((o) => !(o.kind === kind && o.metadata.name === name));
  fs.writeFileSync(file, kept.map((o) => stringify(o)).join('---\n'));
}

describe('clusterset diff on two output folders', () => {
  test('the same program twice: no change, exit 0', async () => {
    const { code, out } = await diff([synth(), synth()]);
    expect(code).toBe(ExitCode.OK);
    expect(out).toMatch(/prodc: no change/);
    expect(out).toMatch(/localproda: no change/);
    expect(out).toMatch(/0 added, 0 removed, 0 changed in 0 cluster\(s\); nothing flagged/);
  });

  test('a pure change (replicas) lists the field and exits 0', async () => {
    const { code, out } = await diff([synth(), synth(withAppA({ replicas: 5 }))]);
    expect(code).toBe(ExitCode.OK);
    expect(out).toContain('~ Deployment ns/app-a');
    expect(out).toMatch(/spec\.replicas: 3 → 5/);
    expect(out).not.toMatch(/!/);
    expect(out.split('\n').every((l) => l.length <= 100)).toBe(true);
  });

  test('a new service: its objects are added, and removing it again breaks no route (no cluster keeps its Service)', async () => {
    const appC = (s: Services): Services => ({
      ...s,
      'app-c': { namespace: 'ns', image: 'team/app-c:1.0.0', replicas: 1, ports: [{ name: 'http', port: 7000 }], placements: [new ActivePlacement({ clusters: ['prodc'] })] },
    });
    const [without, withC] = [synth(), synth(appC)];
    const added = await diff([without, withC]);
    expect(added.code).toBe(ExitCode.OK);
    expect(added.out).toMatch(/prodc: \d+ added, 0 removed, 0 changed/);
    expect(added.out).toContain('+ Deployment ns/app-c');
    expect(added.out).toContain('+ Service ns/app-c');
    const removed = await diff([withC, without]);
    expect(removed.code).toBe(ExitCode.OK);
    expect(removed.out).toContain('- Deployment ns/app-c');
    expect(removed.out).not.toMatch(/route breaks/);
  });

  test('a pinned clusterIP that moves is refused by kubectl apply: flagged with the delete to run, exit 1', async () => {
    const pin = (ip: string) => (s: Services): Services => ({
      ...s,
      'app-b': { ...s['app-b'], placements: [new ActivePlacement({ clusters: ['localproda'], clusterIP: ip }), s['app-b'].placements[1]] },
    });
    const { code, out } = await diff([synth(pin('10.112.0.50')), synth(pin('10.112.0.51'))]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toMatch(/~ Service ns\/app-b {2}! kubectl apply refuses this change/);
    expect(out).toMatch(/! spec\.clusterIP: "10\.112\.0\.50" → "10\.112\.0\.51"/);
    expect(out.replace(/\s+/g, ' ')).toMatch(/! spec\.clusterIP is immutable; to apply the change: in cluster "localproda": kubectl delete service app-b -n ns, then apply the new version/);
    // The EndpointSlice in prodc follows the address: a change, not a refusal.
    expect(out).toMatch(/~ EndpointSlice ns\/app-b/);
    expect(out).toMatch(/FLAGGED: 1 change\(s\) kubectl apply refuses, 0 route\(s\) that break/);
  });

  test('StatefulSet fields other than replicas, template and updateStrategy are refused', async () => {
    const withDb = (storage: string) => (s: Services): Services => ({ ...s, db: db(storage) });
    const { code, out } = await diff([synth(withDb('10Gi')), synth(withDb('20Gi'))]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toMatch(/~ StatefulSet ns\/db {2}! kubectl apply refuses this change/);
    expect(out).toMatch(/! spec\.volumeClaimTemplates\[name=data\]\.spec\.resources\.requests\.storage: "10Gi" → "20Gi"/);
    expect(out).toMatch(/! spec\.volumeClaimTemplates is immutable; to apply the change:\n {10}in cluster "prodc": kubectl delete statefulset db -n ns, then apply the new version\n/);
  });

  test('a deleted EndpointSlice breaks the placeholder\'s routes: flagged per route, exit 1', async () => {
    const after = synth();
    dropObject(after, 'prodc', 'EndpointSlice', 'app-b-localproda');
    const { code, out } = await diff([synth(), after]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('- EndpointSlice ns/app-b-localproda');
    expect(out).toMatch(/! route breaks: ns\/app-b:9090\/TCP from namespace ns/);
    expect(out).toMatch(/before: reached localproda\/Deployment\/app-b:9090/);
    expect(out.replace(/\s+/g, ' ')).toMatch(/after: app-b\.ns\.svc:9090 from "prodc": Service ns\/app-b in "prodc" has no selector and no ready endpoint for port "http"/);
    expect(out).toMatch(/0 change\(s\) kubectl apply refuses, 1 route\(s\) that break/);
  });

  test('a placeholder removed while its service still runs elsewhere breaks the routes of that cluster\'s clients', async () => {
    const withoutPlaceholder = (s: Services): Services => ({ ...s, 'app-b': { ...s['app-b'], placements: [s['app-b'].placements[0]] } });
    const { code, out } = await diff([synth(), synth(withoutPlaceholder)]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toContain('- Service ns/app-b');
    expect(out).toMatch(/! route breaks: ns\/app-b:9090\/TCP from namespace ns\n/);
    expect(out).toMatch(/after: {2}app-b\.ns\.svc:9090 from "prodc": no Service ns\/app-b in "prodc"\n/);
  });

  test('the active cluster of a placeholder taken out of the output: the placeholder\'s routes break', async () => {
    const after = synth();
    const planPath = path.join(after, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    withoutCluster(plan.fleets[0], 'prodc');
    fs.writeFileSync(planPath, JSON.stringify(plan));
    const { code, out } = await diff([synth(), after]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toMatch(/prodc \(cluster removed\): 0 added, \d+ removed, 0 changed\n/);
    // app-a ran in prodc only: localproda's Istio placeholder now leads nowhere, on both ports.
    expect(out).toMatch(/localproda: 0 added, 0 removed, 0 changed, 2 flagged/);
    expect(out).toMatch(/! route breaks: ns\/app-a:7070\/TCP from namespace ns\n/);
    expect(out).toMatch(/! route breaks: ns\/app-a:8080\/TCP from namespace ns\n/);
    expect(out).toMatch(/before: reached prodc\/Deployment\/app-a:7070/);
  });

  /** The fleet document with `cluster` taken out of it, and out of every entry naming it (readOutput refuses a name the fleet does not declare). */
  function withoutCluster(fleet: any, cluster: string): void {
    const other = (name: string) => name !== cluster;
    const drop = (map: Record<string, unknown> | undefined) => map && delete map[cluster];
    fleet.clusters = fleet.clusters.filter((c: { cluster: { name: string } }) => other(c.cluster.name));
    for (const s of fleet.services) {
      s.active = s.active.filter(other);
      s.placeholders = s.placeholders.filter((p: { cluster: string }) => other(p.cluster));
      if (s.withdrawn) s.withdrawn = s.withdrawn.filter(other);
      [s.replicas, s.addresses, s.podHosts].forEach(drop);
    }
    if (fleet.usage) fleet.usage = fleet.usage.filter((u: { cluster: string }) => other(u.cluster));
    delete fleet.operations;
    for (const t of fleet.northSouth ?? []) {
      t.entries = t.entries.filter((e: { cluster: string }) => other(e.cluster));
      t.unfronted = t.unfronted.filter(other);
    }
  }

  // ANSI escapes are control characters by definition.
  /* eslint-disable no-control-regex */
  test('colour only when the CliIo asks for it', async () => {
    const [before, after] = [synth(), synth(withAppA({ replicas: 5 }))];
    const plain = captureIo({ color: false });
    await diffCommand.run([before, after], plain.io);
    expect(plain.out()).not.toMatch(/\u001b\[/);
    const coloured = captureIo({ color: true });
    await diffCommand.run([before, after], coloured.io);
    expect(coloured.out()).toMatch(/\u001b\[33m~\u001b\[39m Deployment ns\/app-a/);
    expect(coloured.out().replace(/\u001b\[\d+m/g, '')).toBe(plain.out());
  });
  /* eslint-enable no-control-regex */

  test('--json carries every field in full and the same verdict', async () => {
    const { code, out } = await diff([synth(), synth(withAppA({ replicas: 5, image: `team/app-a:${'9'.repeat(120)}` })), '--json']);
    expect(code).toBe(ExitCode.OK);
    const report = JSON.parse(out);
    expect(report.flagged).toBe(false);
    const prodc = report.fleets[0].clusters.find((c: { cluster: string }) => c.cluster === 'prodc');
    const deployment = prodc.objects.find((o: { object: string }) => o.object === 'Deployment ns/app-a');
    expect(deployment.fields).toEqual(
      expect.arrayContaining([
        { path: 'spec.replicas', before: 3, after: 5 },
        { path: 'spec.template.spec.containers[name=app-a].image', before: 'team/app-a:1.4.2', after: `team/app-a:${'9'.repeat(120)}` },
      ]),
    );
  });

  test('a long value is shortened to fit 100 columns', async () => {
    const { out } = await diff([synth(), synth(withAppA({ image: `team/app-a:${'9'.repeat(120)}` }))]);
    // Too long for one line: the values go on the next, the new one cut at its end.
    expect(out).toMatch(/\n {8}spec\.template\.spec\.containers\[name=app-a\]\.image:\n {12}"team\/app-a:1\.4\.2" → "team\/app-a:9+…\n/);
    expect(out.split('\n').every((l) => l.length <= 100)).toBe(true);
  });
});

describe('hub engines: objects inline in the plan document', () => {
  test.each(['Karmada', 'KubeVela'])('%s: a replicas change is listed per member cluster, exit 0', async (engine) => {
    const { code, out } = await diff([synth(undefined, engine), synth(withAppA({ replicas: 5 }), engine)]);
    expect(code).toBe(ExitCode.OK);
    expect(out).toMatch(new RegExp(`fleet fleet · Delivery\\.${engine === 'Karmada' ? 'karmada' : 'kubeVela'}\\(\\)`));
    expect(out).toMatch(/prodc: 0 added, 0 removed, 1 changed\n {4}~ Deployment ns\/app-a\n.*spec\.replicas: 3 → 5/);
  });

  test('KubeVela: a pinned clusterIP that moves is flagged', async () => {
    const pin = (ip: string) => (s: Services): Services => ({ ...s, 'app-a': { ...s['app-a'], placements: [new ActivePlacement({ clusters: ['prodc'], clusterIP: ip }), s['app-a'].placements[1]] } });
    const { code, out } = await diff([synth(pin('10.96.0.50'), 'KubeVela'), synth(pin('10.96.0.60'), 'KubeVela')]);
    expect(code).toBe(ExitCode.FLAGGED);
    expect(out).toMatch(/! spec\.clusterIP: "10\.96\.0\.50" → "10\.96\.0\.60"/);
  });
});

describe('the Git forms', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  /** A repository whose two commits hold dist/ with app-a at 3, then 5 replicas; dist/ on disk has 7. */
  function repository(): string {
    const repo = tempDir('diff-git');
    dirs.push(repo);
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'test');
    for (const replicas of [3, 5]) {
      removeDir(path.join(repo, 'dist'));
      synth(withAppA({ replicas }), 'Direct', path.join(repo, 'dist'));
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', `app-a at ${replicas}`);
    }
    removeDir(path.join(repo, 'dist'));
    synth(withAppA({ replicas: 7 }), 'Direct', path.join(repo, 'dist'));
    return repo;
  }

  test('two revisions, REV:PATH, and one revision against the folder on disk; the worktree is left as it was', async () => {
    const repo = repository();
    const status = git(repo, 'status', '--porcelain');
    const revisions = await diff(['HEAD~1', 'HEAD', '--dir', 'dist'], repo);
    expect(revisions.code).toBe(ExitCode.OK);
    expect(revisions.out).toMatch(/^clusterset diff HEAD~1:dist \([0-9a-f]{7}\) → HEAD:dist \([0-9a-f]{7}\)/);
    expect(revisions.out).toMatch(/spec\.replicas: 3 → 5/);
    const explicit = await diff(['HEAD~1:dist', 'HEAD:./dist'], repo);
    expect(explicit.out).toMatch(/spec\.replicas: 3 → 5/);
    const onDisk = await diff(['HEAD'], repo);
    expect(onDisk.out).toMatch(/→ dist\n/);
    expect(onDisk.out).toMatch(/spec\.replicas: 5 → 7/);
    // From a subdirectory, --dir is relative to it, as everywhere else.
    const sub = await diff(['HEAD~1', 'HEAD', '--dir', '..'], path.join(repo, 'dist', 'prodc'));
    expect(sub.err).toBe('');
    expect(sub.out).toMatch(/spec\.replicas: 3 → 5/);
    expect(git(repo, 'status', '--porcelain')).toBe(status);
  });

  test('a revision without the folder, or a word that is neither a folder nor a revision: exit 2 with what to write', async () => {
    const repo = repository();
    const missing = await diff(['HEAD~1:out', 'HEAD'], repo);
    expect(missing.code).toBe(ExitCode.USAGE);
    expect(missing.err).toMatch(/out does not exist in HEAD~1 \([0-9a-f]{7}\); give the output folder's path in that revision/);
    const nonsense = await diff(['no-such-thing', 'HEAD'], repo);
    expect(nonsense.code).toBe(ExitCode.USAGE);
    expect(nonsense.err).toMatch(/"no-such-thing" is neither a directory nor a Git revision; give an output folder, a revision \(its dist folder is read\), or REV:PATH/);
    const notRepo = tempDir('diff-not-a-repo');
    dirs.push(notRepo);
    const outside = await diff(['HEAD', 'HEAD'], notRepo);
    expect(outside.err).toContain(`(${notRepo} is not in a Git repository)`);
  });
});

describe('usage errors and damaged outputs: exit 2, never a TypeError', () => {
  test.each([
    [['--nope', 'a', 'b'], /clusterset diff: Unknown option '--nope'; see clusterset diff --help/],
    [[], /missing <before>/],
    [['a', 'b', 'c'], /unexpected argument "c"/],
    [['a', 'b', '--dir'], /Option '--dir <value>' argument missing/],
    [['a', 'b', '--json=yes'], /Option '--json' does not take an argument/],
  ])('%j', async (args, message) => {
    const { code, err, out } = await diff(args);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  test('--help prints the synopsis and exits 0', async () => {
    const { code, out } = await diff(['--help']);
    expect(code).toBe(ExitCode.OK);
    expect(out).toMatch(/^Usage: clusterset diff <before> \[<after>\]/);
  });

  test('a folder that is not an output', async () => {
    const empty = tempDir('diff-empty');
    dirs.push(empty);
    const { code, err } = await diff([empty, empty]);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(/clusterset\.plan\.json does not exist; synthesize the program first/);
  });

  test.each([
    ['an object without a kind', (o: Record<string, unknown>) => ({ ...o, kind: undefined }), /^clusterset diff: after \(.*\): .*clusterset\.plan\.json is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.manifest\.kind must be a non-empty string, got nothing; synthesize/],
    ['an object that is a number', () => 42, /is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.manifest must be an object, got 42;/],
    ['a namespace that is a list', (o: Record<string, unknown>) => ({ ...o, metadata: { name: 'x', namespace: ['a'] } }), /is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.manifest\.metadata\.namespace must be a non-empty string, got \["a"\];/],
  ])('a hub plan document with %s names the object', async (_, damage, message) => {
    const after = synth(undefined, 'Karmada');
    const planPath = path.join(after, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    const entry = plan.fleets[0].clusters[0].objects[0];
    entry.manifest = damage(entry.manifest);
    fs.writeFileSync(planPath, JSON.stringify(plan));
    const { code, err } = await diff([synth(undefined, 'Karmada'), after]);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/TypeError/);
  });

  test('a Service without a spec (hand-edited) is reported, not thrown', async () => {
    const after = synth(undefined, 'Karmada');
    const planPath = path.join(after, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
    for (const c of plan.fleets[0].clusters) for (const o of c.objects) if (o.kind === 'Service') delete o.manifest.spec;
    fs.writeFileSync(planPath, JSON.stringify(plan));
    const { code, err } = await diff([synth(undefined, 'Karmada'), after]);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(/after \(.*\): 4 object field\(s\) the routes cannot be read from:\n {2}clusterset\.plan\.json \(inline\): Service ns\/app-a of cluster "prodc": spec is missing, not an object; fix the file or synthesize the program again\n/);
    expect(err).not.toMatch(/Cannot read/);
  });
});
