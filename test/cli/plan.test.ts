// `clusterset plan` on the example fleets: the tables say what the plan document says, fit the page and are
// the same on every run; --json, --fleet; and every damaged input an exit 2 with the field, never a TypeError.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ExitCode } from '../../lib/cli/command';
import { planCommand } from '../../lib/cli/commands/plan';
import { main } from '../../lib/cli/main';
import { OutputError } from '../../lib/cli/output';
import { MigrationPhase } from '../../lib';
import { PLAN_FILE, type PlanDocument } from '../../lib/core/report/plan-document';
import { activeActiveApp } from '../../examples/active-active/app';
import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';
import { migrationApp } from '../../examples/migration/app';
import { shopApp } from '../../examples/shop/app';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';

const root = tempDir('cli-plan');
const EXAMPLES: Record<string, (outdir: string) => void> = {
  shop: (outdir) => shopApp({ outdir }).app.synth(),
  'active-active': (outdir) => activeActiveApp({ outdir }).app.synth(),
  migration: (outdir) => migrationApp(MigrationPhase.SWITCH, { outdir }).app.synth(),
  karmada: (outdir) => hybridApp({ outdir }, hybridDelivery('Karmada')).synth(),
};

beforeAll(() => {
  for (const [name, synth] of Object.entries(EXAMPLES)) synth(path.join(root, name));
});
afterAll(() => removeDir(root));

const document = (name: string) => JSON.parse(fs.readFileSync(path.join(root, name, PLAN_FILE), 'utf8')) as PlanDocument;

/** Runs `clusterset plan` through the dispatcher, in the temp root. */
async function plan(...args: string[]): Promise<{ code: ExitCode; out: string; err: string }> {
  const cli = captureIo({ cwd: root });
  const code = await main(['plan', ...args], cli.io, { env: {} });
  return { code, out: cli.out(), err: cli.err() };
}

/** The rows of a section: the lines after its title, up to the first empty line. */
function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const at = lines.indexOf(title);
  expect(at).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', at);
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

describe('clusterset plan', () => {
  test('shop: the whole text (read with the focused tests below)', async () => {
    const { code, out, err } = await plan('--dir', 'shop');
    expect([code, err]).toEqual([ExitCode.OK, '']);
    expect(out).toMatchSnapshot();
  });

  test('services by cluster: each service\'s role, replicas, networking and address, as the plan document has them', async () => {
    const { out } = await plan('--dir', 'shop');
    const [fleet] = document('shop').fleets;
    const rows = section(out, 'Services by cluster').slice(1).filter((l) => /^\S*\s+\S+\s+(active|withdrawn|placeholder)\s/.test(l));
    let service = '';
    const seen: string[] = [];
    for (const row of rows) {
      const cells = row.split(/\s{2,}/);
      if (!row.startsWith(' ')) service = cells.shift() ?? '';
      else cells.shift();
      const [cluster, role, replicas, networking, address] = cells;
      const summary = fleet.services.find((s) => `${s.namespace}/${s.name}` === service);
      expect(summary).toBeDefined();
      if (role === 'placeholder') {
        expect([replicas, address]).toEqual(['-', '-']);
        expect(networking).toBe(summary?.placeholders.find((p) => p.cluster === cluster)?.networking);
      } else {
        expect(summary?.active).toContain(cluster);
        expect(Number(replicas)).toBe(summary?.replicas[cluster]);
        expect(address).toBe(summary?.addresses[cluster]?.clusterIP ?? '-');
      }
      seen.push(`${service} ${cluster}`);
    }
    const expected = fleet.services.flatMap((s) => [...s.active, ...s.placeholders.map((p) => p.cluster)].map((c) => `${s.namespace}/${s.name} ${c}`));
    expect(seen.sort()).toEqual(expected.sort());
  });

  test('clusters: the objects each receives, counted from the plan document', async () => {
    for (const name of ['shop', 'karmada']) {
      const { out } = await plan('--dir', name);
      const [fleet] = document(name).fleets;
      const rows = section(out, 'Clusters').slice(1, 1 + fleet.clusters.length);
      expect(rows.map((r) => r.split(/\s+/).slice(0, 3))).toEqual(fleet.clusters.map((c) => [c.cluster.name, 'READY', String(c.objects.length)]));
    }
  });

  test('migration: statuses, the migration at its phase, usage against allocatable, moves and degradation', async () => {
    const { code, out } = await plan('--dir', 'migration', '--width', '120');
    expect(code).toBe(ExitCode.OK);
    expect(out).toContain('Clusters: 3 (READY: b; CORDONED: c; UNAVAILABLE: a)');
    expect(out).toContain('Migration fleet/c-to-b: c -> b at SWITCH, phase 2 of 3');
    expect(section(out, 'Clusters')[0]).toMatch(/^CLUSTER\s+STATUS\s+OBJECTS\s+PODS\s+CPU\s+MEMORY\s+ACTIVE\s+WITHDRAWN\s+PLACEHOLDERS$/);
    expect(section(out, 'Clusters').find((l) => l.startsWith('b '))).toMatch(/^b\s+READY\s+\d+\s+15\/40 37%\s+15500m\/16 96%\s+18Gi\/64Gi 28%\s+3\s+0\s+0$/);
    expect(section(out, 'Services by cluster').filter((l) => /\s{2}withdrawn\s{2,}\d/.test(l))).toHaveLength(3);
    expect(section(out, 'Moves')).toContainEqual(expect.stringMatching(/^shop\/reports\s+a\s+b\s+4\s+failover$/));
    expect(section(out, 'Degraded (replicas given up where a cluster was short)')).toContainEqual(expect.stringMatching(/^shop\/reports\s+b\s+8\s+5\s+3$/));
    expect(out).toContain('Replicas per cluster at SWITCH');
  });

  test('north-south weights and unfronted clusters when the fleet has them, nothing otherwise', async () => {
    const { out } = await plan('--dir', 'active-active');
    expect(section(out, 'North-south (outer load balancer)').slice(0, 6)).toEqual([
      'SERVICE        CLUSTER     PODS  INGRESS NODE          WEIGHT',
      'shop/catalog   prodc          6  10.1.0.11:80              20',
      '                                 10.1.0.12:80              20',
      '                                 10.1.0.13:80              20',
      '               hangzhou-1     2  hangzhou-1-ingress-1      10',
      '                                 hangzhou-1-ingress-2      10',
    ]);
    expect(out).toContain('shop/checkout runs unfronted in localproda');
    expect((await plan('--dir', 'shop')).out).not.toContain('North-south');
    // Without operations, no empty Moves/Degraded sections.
    expect((await plan('--dir', 'shop')).out).not.toContain('Moves');
  });

  test.each([40, 80, 100, 120])('every line fits %d columns, on every example', async (width) => {
    for (const name of Object.keys(EXAMPLES)) {
      const { out } = await plan('--dir', name, '--width', String(width));
      const long = out.split('\n').filter((l) => l.length > width);
      expect(long).toEqual([]);
    }
  });

  test('long names are cut to fit, with an ellipsis', async () => {
    const dir = path.join(root, 'long');
    fs.cpSync(path.join(root, 'shop'), dir, { recursive: true });
    const doc = document('shop');
    const long = `${'x'.repeat(80)}`;
    const edited = { ...doc, fleets: doc.fleets.map((f) => ({ ...f, path: long, services: f.services.map((s) => ({ ...s, name: `${s.name}-${long}` })) })) };
    fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(edited));
    const { code, out } = await plan('--dir', 'long', '--width', '80');
    expect(code).toBe(ExitCode.OK);
    expect(out.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(out).toContain(`shop/db-${'x'.repeat(31)}…`);
  });

  test('the same output gives the same text, byte for byte, and colour only when asked', async () => {
    expect((await plan('--dir', 'migration')).out).toBe((await plan('--dir', 'migration')).out);
    const cli = captureIo({ cwd: root, color: true });
    await planCommand.run(['--dir', 'shop'], cli.io);
    expect(cli.out()).toContain('\u001b[1mClusters\u001b[22m');
    expect(cli.out().replace(new RegExp(String.fromCharCode(27) + '\\[\\d+m', 'g'), '')).toBe((await plan('--dir', 'shop')).out);
    expect((await plan('--dir', 'shop')).out).not.toContain('\u001b[');
  });

  describe('--json', () => {
    test('the plan document\'s summaries, and each cluster with its status and object counts', async () => {
      const { code, out } = await plan('--dir', 'migration', '--json');
      expect(code).toBe(ExitCode.OK);
      const json = JSON.parse(out);
      const doc = document('migration');
      expect(json.version).toBe(1);
      expect(json.planSchemaVersion).toBe(doc.schemaVersion);
      expect(json.generator).toBe(doc.generator);
      const [fleet] = json.fleets;
      const [expected] = doc.fleets;
      expect(fleet.services).toEqual(expected.services);
      expect(fleet.usage).toEqual(expected.usage);
      expect(fleet.operations).toEqual(expected.operations);
      expect(fleet.clusters.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
        ['a', 'UNAVAILABLE'],
        ['b', 'READY'],
        ['c', 'CORDONED'],
      ]);
      for (const [i, c] of expected.clusters.entries()) {
        expect(fleet.clusters[i].objects).toBe(c.objects.length);
        expect(Object.values(fleet.clusters[i].kinds).reduce((a, b) => (a as number) + (b as number), 0)).toBe(c.objects.length);
        expect(Object.keys(fleet.clusters[i].kinds)).toEqual(Object.keys(fleet.clusters[i].kinds).sort());
        expect(fleet.clusters[i].folder).toBe(c.folder);
      }
      expect(out).toBe((await plan('--dir', 'migration', '--json')).out);
    });

    test('hub engines have no folder; counts come from the inline objects', async () => {
      const json = JSON.parse((await plan('--dir', 'karmada', '--json')).out);
      const [expected] = document('karmada').fleets;
      expect(json.fleets[0].clusters.map((c: { folder?: string; objects: number }) => [c.folder, c.objects])).toEqual(expected.clusters.map((c) => [undefined, c.objects.length]));
      const kinds: Record<string, number> = {};
      for (const o of expected.clusters[0].objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
      expect(json.fleets[0].clusters[0].kinds).toEqual(kinds);
      expect(kinds.ServiceExport).toBe(1);
    });
  });

  describe('--fleet', () => {
    const dir = path.join(root, 'two');
    beforeAll(() => {
      fs.cpSync(path.join(root, 'shop'), dir, { recursive: true });
      const doc = document('shop');
      fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify({ ...doc, fleets: [doc.fleets[0], { ...doc.fleets[0], path: 'second' }] }));
    });

    test('every fleet without it, one with it', async () => {
      const all = await plan('--dir', 'two');
      expect(all.out.match(/^Fleet (\S+) /gm)).toEqual(['Fleet fleet ', 'Fleet second ']);
      const one = await plan('--dir', 'two', '--fleet', 'second');
      expect(one.out.match(/^Fleet (\S+) /gm)).toEqual(['Fleet second ']);
      expect(JSON.parse((await plan('--dir', 'two', '--fleet', 'second', '--json')).out).fleets.map((f: { path: string }) => f.path)).toEqual(['second']);
    });

    test('an unknown fleet exits 2 with the known ones', async () => {
      expect(await plan('--dir', 'two', '--fleet', 'third')).toEqual({ code: ExitCode.USAGE, out: '', err: 'clusterset plan: no fleet "third" in two (fleets: fleet, second); give one of them to --fleet\n' });
    });
  });

  describe('usage errors, exit 2', () => {
    test.each([
      [['--bogus'], "clusterset plan: Unknown option '--bogus'; see clusterset plan --help\n"],
      [['--dir'], "clusterset plan: Option '--dir <value>' argument missing; see clusterset plan --help\n"],
      [['extra'], 'clusterset plan: Unexpected argument \'extra\'; see clusterset plan --help\n'],
      [['--dir', 'shop', '--width', '30'], 'clusterset plan: --width must be a whole number of at least 40, got "30"; see clusterset plan --help\n'],
      [['--dir', 'shop', '--width', 'wide'], 'clusterset plan: --width must be a whole number of at least 40, got "wide"; see clusterset plan --help\n'],
    ])('%j', async (args, message) => {
      expect(await plan(...args)).toEqual({ code: ExitCode.USAGE, out: '', err: message });
    });

    test('no output where --dir points (default dist, relative to the working folder)', async () => {
      const { code, err } = await plan();
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toBe(`clusterset plan: ${path.join(root, 'dist', PLAN_FILE)} does not exist; synthesize the program first (npm run synth, or clusterset synth), or point --dir at its output\n`);
    });
  });

  describe('a damaged plan document: exit 2 naming the file and the field, never a TypeError', () => {
    const dir = path.join(root, 'damaged');
    const original = () => document('shop');
    beforeAll(() => fs.cpSync(path.join(root, 'shop'), dir, { recursive: true }));

    async function planOf(doc: unknown, ...args: string[]) {
      fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(doc));
      return plan('--dir', 'damaged', ...args);
    }

    test('a replica count as a string', async () => {
      const doc = original();
      (doc.fleets[0].services[1].replicas as Record<string, unknown>)['hangzhou-1'] = '6';
      const { code, err } = await planOf(doc);
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toBe(
        `clusterset plan: ${path.join(dir, PLAN_FILE)} is damaged: fleets[0].services[1].replicas.hangzhou-1 must be a whole number, at least 0, got "6"; synthesize the program again (was the file edited by hand?)\n`,
      );
    });

    test('clusters that are not a list: the shape check names the field before readOutput reads them', async () => {
      const doc = original() as unknown as { fleets: Array<Record<string, unknown>> };
      doc.fleets[0].clusters = { prodc: {} };
      const { code, err } = await planOf(doc);
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toContain('is damaged: fleets[0].clusters must be a list, got {"prodc":{}}');
    });

    test('an object file that is a number', async () => {
      const doc = original() as unknown as { fleets: Array<{ clusters: Array<{ objects: Array<Record<string, unknown>> }> }> };
      doc.fleets[0].clusters[0].objects[0].file = 7;
      const { code, err } = await planOf(doc);
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toMatch(/^clusterset plan: .*clusterset\.plan\.json is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.file must be a non-empty string, got 7; synthesize the program again/);
    });

    test('a cpu that is not a quantity', async () => {
      const doc = document('migration');
      fs.cpSync(path.join(root, 'migration'), dir, { recursive: true });
      (doc.fleets[0].usage?.[1].allocatable as Record<string, unknown>).cpu = '1e99999999';
      const { err } = await planOf(doc);
      expect(err).toContain('fleets[0].usage[1].allocatable.cpu must be a quantity such as 500m or 1Gi, got "1e99999999"');
      fs.cpSync(path.join(root, 'shop'), dir, { recursive: true });
    });

    test('any value replaced anywhere: exit 0 or 2, never an internal error', async () => {
      const doc = original();
      const paths: Array<Array<string | number>> = [];
      const walk = (value: unknown, at: Array<string | number>) => {
        paths.push(at);
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
      };
      walk(doc, []);
      const odd = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant([null]), fc.constant({ name: 1 }));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: paths.length - 1 }), odd, fc.boolean(), async (which, value, json) => {
          const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
          const at = paths[which];
          if (at.length === 0) return;
          let parent = copy as Record<string | number, unknown>;
          for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          parent[at[at.length - 1]] = value;
          const { code, err } = await planOf(copy, ...(json ? ['--json'] : []));
          expect(err).not.toContain('internal error');
          expect([ExitCode.OK, ExitCode.USAGE]).toContain(code);
          if (code === ExitCode.USAGE) expect(err).toMatch(/^clusterset plan: .*clusterset\.plan\.json/);
        }),
        { numRuns: 300 },
      );
    }, 120_000);
  });

  test('run directly: an OutputError for the dispatcher to print', async () => {
    await expect(planCommand.run(['--dir', 'nowhere'], captureIo({ cwd: root }).io)).rejects.toThrow(OutputError);
  });
});
