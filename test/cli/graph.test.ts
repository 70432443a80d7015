// `clusterset graph` on the example fleets: the SVG parses as XML and holds every box, placement, route
// and move of the plan document; Mermaid and DOT are well-formed; the layout keeps labels clear of
// arrows; failures say what to do and exit 2.
import * as fs from 'node:fs';
import fc from 'fast-check';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { ExitCode } from '../../lib/cli/command';
import { layoutGraph, verticalsAcross } from '../../lib/cli/graph/layout';
import { fleetGraph } from '../../lib/cli/graph/model';
import { readOutput } from '../../lib/cli/output';
import { MigrationPhase } from '../../lib';
import type { FleetDocument } from '../../lib/core/report/plan-document';
import { PLAN_FILE } from '../../lib/core/report/plan-document';
import { activeActiveApp } from '../../examples/active-active/app';
import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';
import { migrationApp } from '../../examples/migration/app';
import { shopApp } from '../../examples/shop/app';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';
import { allElements, dotProblems, mermaidProblems, parseSvg, type SvgElement, svgOutline } from '../support/graph-syntax';

const outputs: Record<string, string> = {};
beforeAll(() => {
  const synth = (name: string, build: (outdir: string) => void): void => {
    outputs[name] = tempDir(`graph-${name}`);
    build(outputs[name]);
  };
  synth('hybrid', (outdir) => hybridApp({ outdir }, hybridDelivery('Direct')).synth());
  synth('karmada', (outdir) => hybridApp({ outdir }, hybridDelivery('Karmada')).synth());
  synth('active-active', (outdir) => activeActiveApp({ outdir }).app.synth());
  synth('shop', (outdir) => shopApp({ outdir }).app.synth());
  synth('migration', (outdir) => migrationApp(MigrationPhase.BOTH_ACTIVE, { outdir }).app.synth());
  synth('switch', (outdir) => migrationApp(MigrationPhase.SWITCH, { outdir }).app.synth());
});
afterAll(() => Object.values(outputs).forEach(removeDir));

async function graph(args: string[], cwd = process.cwd()): Promise<{ code: ExitCode; out: string; err: string }> {
  const captured = captureIo({ cwd });
  const code = await main(['graph', ...args], captured.io, { env: {} });
  return { code, out: captured.out(), err: captured.err() };
}

async function drawn(example: string, format = 'svg'): Promise<string> {
  const { code, out, err } = await graph(['--dir', outputs[example], '--format', format]);
  expect(err).toBe('');
  expect(code).toBe(ExitCode.OK);
  return out;
}

function document(example: string): FleetDocument {
  return readOutput(outputs[example]).fleets[0].document;
}

const groups = (root: SvgElement, cls: string): SvgElement[] => allElements(root).filter((e) => e.name === 'g' && e.attributes.class === cls);
const texts = (e: SvgElement): string[] => allElements(e).filter((t) => t.name === 'text').map((t) => t.text);

describe('clusterset graph --format svg', () => {
  test.each(['hybrid', 'karmada', 'active-active', 'shop', 'migration', 'switch'])('%s: valid SVG with a box per cluster, a row per placement, an arrow per route and move', async (example) => {
    const svg = parseSvg(await drawn(example));
    const { width, height, viewBox } = svg.attributes;
    expect(Number(width)).toBeGreaterThan(0);
    expect(viewBox).toBe(`0 0 ${width} ${height}`);

    const doc = document(example);
    const boxes = groups(svg, 'cluster');
    expect(boxes.map((b) => b.attributes['data-cluster'])).toEqual(doc.clusters.map((c) => c.cluster.name));
    for (const box of boxes) expect(texts(box)).toContain(box.attributes['data-cluster']);

    const placements = boxes.flatMap((b) => groups(b, 'placement').map((p) => `${b.attributes['data-cluster']} ${p.attributes['data-service']} ${p.attributes['data-role']} ${texts(p).join(' ')}`));
    const expected = doc.services.flatMap((s) => [
      ...s.active.map((c) => `${c} ${s.namespace}/${s.name} active ${s.namespace}/${s.name} ×${s.replicas[c]}${s.withdrawn?.includes(c) ? ' withdrawn' : ''}`),
      ...s.placeholders.map((p) => `${p.cluster} ${s.namespace}/${s.name} placeholder ${s.namespace}/${s.name} ${p.networking}`),
    ]);
    expect([...placements].sort()).toEqual([...expected].sort());

    const routes = groups(svg, 'route').map((r) => `${r.attributes['data-service']} ${r.attributes['data-from']}→${r.attributes['data-to']} ${texts(r).join(' ')}`);
    const expectedRoutes = doc.services.flatMap((s) =>
      s.placeholders.flatMap((p) => s.active.filter((c) => !s.withdrawn?.includes(c)).map((c) => `${s.namespace}/${s.name} ${p.cluster}→${c} ${s.namespace}/${s.name} · ${p.networking}`)),
    );
    expect(routes.sort()).toEqual(expectedRoutes.sort());
    expect(routes.length).toBeGreaterThan(0);

    const moves = groups(svg, 'move').map((m) => `${m.attributes['data-service']} ${m.attributes['data-from']}→${m.attributes['data-to']} ${texts(m).join(' ')}`);
    const expectedMoves = (doc.operations?.services ?? []).flatMap((s) => s.moves.map((m) => `${s.namespace}/${s.name} ${m.from}→${m.to} ${s.namespace}/${s.name} · ${m.replicas} moved (${m.reason})`));
    expect(moves.sort()).toEqual(expectedMoves.sort());

    // Every arrow has a path ending in an arrowhead the document defines.
    const markers = allElements(svg).filter((e) => e.name === 'marker').map((m) => `url(#${m.attributes.id})`);
    for (const arrow of [...groups(svg, 'route'), ...groups(svg, 'move')]) expect(markers).toContain(arrow.children.find((c) => c.name === 'path')?.attributes['marker-end']);
    expect(texts(groups(svg, 'legend')[0])).toEqual(expect.arrayContaining(['active ×replicas', 'placeholder · networking']));
  });

  test('cluster status: unavailable and cordoned boxes are marked, withdrawn placements say so', async () => {
    const svg = parseSvg(await drawn('switch'));
    const state = Object.fromEntries(groups(svg, 'cluster').map((b) => [b.attributes['data-cluster'], [b.attributes['data-state'], ...texts(b).filter((t) => /^[A-Z]+$/.test(t))]]));
    expect(state).toEqual({ a: ['UNAVAILABLE', 'UNAVAILABLE'], b: ['READY'], c: ['CORDONED', 'CORDONED'] });
    expect(texts(groups(svg, 'cluster')[2])).toEqual(expect.arrayContaining(['×4 withdrawn', '×6 withdrawn']));
    expect(texts(svg)).toContain('migration c → b (SWITCH)');
  });

  test.each(['hybrid', 'active-active', 'migration'])('%s: the structure of the picture (elements and labels, not coordinates)', async (example) => {
    expect(svgOutline(parseSvg(await drawn(example)))).toMatchSnapshot();
  });

  test('the same output gives byte-identical pictures', async () => {
    expect(await drawn('active-active')).toBe(await drawn('active-active'));
  });
});

describe('the layout of the example fleets', () => {
  type Box = { x: number; y: number; width: number; height: number };
  const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  test.each(['hybrid', 'karmada', 'active-active', 'shop', 'migration', 'switch'])('%s: boxes apart, labels clear of every arrow and of each other, all inside the picture', (example) => {
    const layout = layoutGraph(fleetGraph(document(example), 'fleets[0]', PLAN_FILE));
    const inside = (r: Box): boolean => r.x >= 0 && r.y >= 0 && r.x + r.width <= layout.width && r.y + r.height <= layout.height;
    layout.boxes.forEach((a, i) => {
      expect(inside(a.rect)).toBe(true);
      layout.boxes.slice(i + 1).forEach((b) => expect(overlap(a.rect, b.rect)).toBe(false));
    });
    layout.edges.forEach((e, i) => {
      expect(inside(e.labelRect)).toBe(true);
      for (const [x, y] of e.points) expect(x >= 0 && x <= layout.width && y >= 0 && y <= layout.height).toBe(true);
      for (const b of layout.boxes) expect(overlap(e.labelRect, b.rect)).toBe(false);
      layout.edges.slice(i + 1).forEach((o) => expect(overlap(e.labelRect, o.labelRect)).toBe(false));
      const { x, y, width, height } = e.labelRect;
      const crossing = layout.edges.flatMap((o) => verticalsAcross(o, y, y + height));
      expect(crossing.filter((v) => v >= x && v <= x + width)).toEqual([]);
      // Arrows run between boxes, never through one: every horizontal lies above or below the row.
      const laneY = e.points[1][1];
      for (const b of layout.boxes) expect(laneY < b.rect.y || laneY > b.rect.y + b.rect.height).toBe(true);
    });
  });
});

describe('clusterset graph --format mermaid|dot', () => {
  test.each(['hybrid', 'active-active', 'migration'])('%s: well-formed Mermaid, matching the snapshot', async (example) => {
    const mermaid = await drawn(example, 'mermaid');
    expect(mermaidProblems(mermaid)).toEqual([]);
    expect(mermaid).toMatchSnapshot();
  });

  test.each(['hybrid', 'active-active', 'migration'])('%s: well-formed DOT, matching the snapshot', async (example) => {
    const dot = await drawn(example, 'dot');
    expect(dotProblems(dot)).toEqual([]);
    expect(dot).toMatchSnapshot();
  });

  test('every route and move is an edge in both formats', async () => {
    const doc = document('migration');
    const routes = doc.services.reduce((n, s) => n + s.placeholders.length * s.active.filter((c) => !s.withdrawn?.includes(c)).length, 0);
    const moves = (doc.operations?.services ?? []).reduce((n, s) => n + s.moves.length, 0);
    const mermaid = await drawn('migration', 'mermaid');
    expect(mermaid.match(/ -->\|/g)?.length).toBe(routes);
    expect(mermaid.match(/ -\.->\|/g)?.length).toBe(moves);
    const dot = await drawn('migration', 'dot');
    expect(dot.match(/ -> /g)?.length).toBe(routes + moves);
  });
});

describe('names a plan document may carry', () => {
  /** An output whose plan document was edited by `edit` (the objects stay as written). */
  function edited(edit: (fleet: Record<string, unknown>) => void): string {
    const dir = tempDir('graph-edited');
    fs.cpSync(outputs.hybrid, dir, { recursive: true });
    const file = path.join(dir, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as { fleets: Array<Record<string, unknown>> };
    edit(plan.fleets[0]);
    fs.writeFileSync(file, JSON.stringify(plan));
    afterDirs.push(dir);
    return dir;
  }
  const afterDirs: string[] = [];
  afterAll(() => afterDirs.forEach(removeDir));

  const odd = 'A<&"\'>|#]}B';
  const oddly = (fleet: Record<string, unknown>): void => {
    const services = fleet.services as Array<{ placeholders: Array<{ networking: string }> }>;
    services[0].placeholders[0].networking = odd;
    fleet.path = `fleet ${odd}`;
  };

  test('SVG escapes them and shows them as they are', async () => {
    const dir = edited(oddly);
    const { code, out } = await graph(['--dir', dir]);
    expect(code).toBe(ExitCode.OK);
    const svg = parseSvg(out);
    expect(texts(svg)).toEqual(expect.arrayContaining([odd, `ns/app-a · ${odd}`, `fleet ${odd} · Delivery.direct()`]));
  });

  test.each(['mermaid', 'dot'])('%s stays well-formed', async (format) => {
    const { code, out } = await graph(['--dir', edited(oddly), '--format', format]);
    expect(code).toBe(ExitCode.OK);
    expect(format === 'dot' ? dotProblems(out) : mermaidProblems(out)).toEqual([]);
  });

  test('more than one fleet: --fleet picks one, and without it the command lists them', async () => {
    const dir = edited(() => undefined);
    const file = path.join(dir, PLAN_FILE);
    const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as { fleets: Array<Record<string, unknown>> };
    plan.fleets.push({ ...plan.fleets[0], path: 'second' });
    fs.writeFileSync(file, JSON.stringify(plan));
    const both = await graph(['--dir', dir]);
    expect(both.code).toBe(ExitCode.USAGE);
    expect(both.err).toBe(`clusterset graph: ${dir} holds 2 fleets (fleet, second); pick one with --fleet\n`);
    const second = await graph(['--dir', dir, '--fleet', 'second', '--format', 'dot']);
    expect(second.code).toBe(ExitCode.OK);
    expect(second.out).toContain('second · Delivery.direct()');
    const unknown = await graph(['--dir', dir, '--fleet', 'third']);
    expect([unknown.code, unknown.err]).toEqual([ExitCode.USAGE, `clusterset graph: --fleet third is not a fleet of ${dir} (fleets: fleet, second)\n`]);
  });

  test.each<[string, (fleet: Record<string, unknown>) => void, string]>([
    ['a replica count that is text', (f) => ((f.services as Array<{ replicas: Record<string, unknown> }>)[0].replicas.prodc = 'three'), 'fleets[0].services[0].replicas.prodc must be a whole number, at least 0, got "three"'],
    ['a placeholder in an undeclared cluster', (f) => ((f.services as Array<{ placeholders: Array<{ cluster: string }> }>)[0].placeholders[0].cluster = 'nope'), 'fleets[0].services[0].placeholders[0].cluster must name a cluster of the fleet (prodc, localproda), got "nope"'],
    ['services that are not a list', (f) => (f.services = { a: 1 }), 'fleets[0].services must be a list, got {"a":1}'],
    ['an unknown cluster status', (f) => ((f.clusters as Array<{ cluster: Record<string, unknown> }>)[1].cluster.status = 'DOWN'), 'fleets[0].clusters[1].cluster.status must be one of READY, CORDONED, UNAVAILABLE, got "DOWN"'],
    [
      'a move from a cluster to itself',
      (f) =>
        (f.operations = {
          clusters: [],
          migrations: [],
          services: [{ path: 'app/a', namespace: 'ns', name: 'app-a', planned: {}, beforeDegrade: {}, replicas: {}, degraded: {}, moves: [{ from: 'prodc', to: 'prodc', replicas: 1, reason: 'failover' }] }],
        }),
      'fleets[0].operations.services[0].moves[0] moves replicas from cluster "prodc" to itself',
    ],
    ['a service placed twice in one cluster', (f) => (f.services as Array<{ active: string[] }>)[0].active.push('prodc'), 'fleets[0].services[0].active places ns/app-a in cluster "prodc" a second time'],
  ])('a plan document with %s: exit 2, naming the file, the field and the fix', async (_, edit, message) => {
    const dir = edited(edit);
    const { code, out, err } = await graph(['--dir', dir]);
    expect(code).toBe(ExitCode.USAGE);
    expect(out).toBe('');
    expect(err).toBe(`clusterset graph: ${path.join(dir, PLAN_FILE)} is damaged: ${message}; synthesize the program again (was the file edited by hand?)\n`);
  });

  test('any one value of the plan document replaced by any JSON: a picture (exit 0) or a message (exit 2), never a crash', async () => {
    const file = path.join(outputs.migration, PLAN_FILE);
    const original = fs.readFileSync(file, 'utf8');
    const dir = tempDir('graph-fuzz');
    afterDirs.push(dir);
    fs.cpSync(outputs.migration, dir, { recursive: true });
    // Every place a value sits in the document, as a path of keys and indexes.
    const paths: Array<Array<string | number>> = [];
    const walk = (value: unknown, at: Array<string | number>): void => {
      paths.push(at);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, Array.isArray(value) ? Number(k) : k]);
    };
    walk(JSON.parse(original), []);
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), async (which, replacement) => {
        const plan = JSON.parse(original) as Record<string | number, unknown>;
        const at = paths[which];
        if (at.length === 0) {
          fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(replacement ?? null));
        } else {
          const parent = at.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, plan);
          if (replacement === undefined) delete parent[at[at.length - 1]];
          else parent[at[at.length - 1]] = replacement;
          fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(plan));
        }
        for (const format of ['svg', 'mermaid', 'dot']) {
          const { code, out, err } = await graph(['--dir', dir, '--format', format]);
          if (code === ExitCode.OK) expect(out.length).toBeGreaterThan(0);
          else expect([code, out, err.startsWith('clusterset graph: ') && err.endsWith('\n')]).toEqual([ExitCode.USAGE, '', true]);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('a plan document whose clusters are not a list: exit 2 with the field and what to do', async () => {
    const { code, err } = await graph(['--dir', edited((f) => (f.clusters = 7))]);
    expect(code).toBe(ExitCode.USAGE);
    expect(err).toMatch(/^clusterset graph: .*clusterset\.plan\.json is damaged: fleets\[0\]\.clusters must be a list, got 7; synthesize the program again \(was the file edited by hand\?\)\n$/);
  });
});

describe('the command line', () => {
  test('--help prints the usage with every option, exit 0', async () => {
    const { code, out } = await graph(['--help']);
    expect(code).toBe(ExitCode.OK);
    for (const option of ['--format', '--out', '--fleet', '--dir', 'default: svg', 'default: dist']) expect(out).toContain(option);
  });

  test('--out writes the file and says so; the default format is SVG', async () => {
    const dir = tempDir('graph-out');
    try {
      const { code, out } = await graph(['--dir', outputs.hybrid, '--out', 'fleet.svg'], dir);
      expect([code, out]).toEqual([ExitCode.OK, 'wrote fleet.svg (svg, fleet fleet)\n']);
      expect(fs.readFileSync(path.join(dir, 'fleet.svg'), 'utf8')).toBe(await drawn('hybrid'));
    } finally {
      removeDir(dir);
    }
  });

  test('--dir defaults to dist under the working directory', async () => {
    const dir = tempDir('graph-cwd');
    try {
      fs.cpSync(outputs.hybrid, path.join(dir, 'dist'), { recursive: true });
      const { code, out } = await graph(['--format', 'dot'], dir);
      expect(code).toBe(ExitCode.OK);
      expect(out).toBe(await drawn('hybrid', 'dot'));
    } finally {
      removeDir(dir);
    }
  });

  // Node words parseArgs' messages a little differently from version to version: the option must be named.
  test.each<[string[], RegExp]>([
    [['--colour'], /^clusterset graph: Unknown option '--colour'.*; see clusterset graph --help\n$/],
    [['extra'], /^clusterset graph: Unexpected argument 'extra'.*; see clusterset graph --help\n$/],
    [['--format', 'png'], /^clusterset graph: --format "png" is not one of svg, mermaid, dot; see clusterset graph --help\n$/],
    [['--format'], /^clusterset graph: Option '--format <value>' argument missing; see clusterset graph --help\n$/],
  ])('%j: exit 2, naming the option and pointing to --help', async (args, message) => {
    const { code, out, err } = await graph(args);
    expect([code, out]).toEqual([ExitCode.USAGE, '']);
    expect(err).toMatch(message);
  });

  test('--out into a folder that does not exist: exit 2, nothing drawn', async () => {
    const { code, out, err } = await graph(['--dir', outputs.hybrid, '--out', 'no/such/folder/fleet.svg'], outputs.hybrid);
    expect([code, out]).toEqual([ExitCode.USAGE, '']);
    expect(err).toBe(`clusterset graph: the folder of --out no/such/folder/fleet.svg (${path.join(outputs.hybrid, 'no/such/folder')}) does not exist; create it first or write elsewhere\n`);
  });

  test('no output where --dir points: exit 2, saying to synthesize first', async () => {
    const dir = tempDir('graph-empty');
    try {
      const { code, err } = await graph(['--dir', dir]);
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toBe(`clusterset graph: ${path.join(dir, PLAN_FILE)} does not exist; synthesize the program first (npm run synth, or clusterset synth), or point --dir at its output\n`);
    } finally {
      removeDir(dir);
    }
  });

  test('an object file the plan lists is gone: exit 2, naming it', async () => {
    const dir = tempDir('graph-damaged');
    try {
      fs.cpSync(outputs.hybrid, dir, { recursive: true });
      const folder = path.join(dir, 'prodc');
      const file = fs.readdirSync(folder).find((f) => f.endsWith('.yaml'));
      fs.rmSync(path.join(folder, String(file)));
      const { code, err } = await graph(['--dir', dir]);
      expect(code).toBe(ExitCode.USAGE);
      expect(err).toContain(`${path.join(folder, String(file))}, which ${PLAN_FILE} lists for`);
    } finally {
      removeDir(dir);
    }
  });
});
