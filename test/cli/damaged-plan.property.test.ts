// Random damage to a valid plan document (a value replaced, deleted or given another type, anywhere, inline
// member objects included) never reaches the user of any command as a TypeError: plan, explain, graph, diff and
// validate each exit 0, 1 or 2, and when readOutput refuses the document, every command says what it says.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { MigrationPhase } from '../../lib';
import { ExitCode } from '../../lib/cli/command';
import { main } from '../../lib/cli/main';
import { OutputError, PlanDocumentError, readOutput } from '../../lib/cli/output';
import { PLAN_FILE } from '../../lib/core/report/plan-document';
import { migrationApp } from '../../examples/migration/app';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';

/** A JSON document, damaged anywhere. */
type Json = any;
type Key = string | number;

/** What a command must never print: a TypeError's words, or the dispatcher's note of a bug. */
const CRASH = /TypeError|Cannot read propert|is not a function|is not iterable|undefined is not|internal error/;

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function fresh(prefix: string): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

/** The migration example at SWITCH (usage, operations, north-south tables, withdrawn clusters), cluster c's objects inline. */
function original(): { dir: string; document: Json } {
  const dir = fresh('damage-original');
  migrationApp(MigrationPhase.SWITCH, { outdir: dir }).app.synth();
  const document = JSON.parse(fs.readFileSync(path.join(dir, PLAN_FILE), 'utf8'));
  const loaded = readOutput(dir);
  const c = document.fleets[0].clusters.find((entry: Json) => entry.cluster.name === 'c');
  c.objects = c.objects.map((entry: Json, i: number) => ({ ...entry, file: undefined, manifest: loaded.fleets[0].objects.c[i] }));
  fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(document));
  return { dir, document };
}

/** Every place a value sits in `value`, as keys and indexes from the top. */
function paths(value: unknown, at: Key[] = []): Key[][] {
  if (value === null || typeof value !== 'object') return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, Array.isArray(value) ? Number(k) : k]))];
}

/** The same content as another type: a number as text, text as a number, an object as a list and back. */
function retyped(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return Number(value) || value.length;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return { ...value };
  if (value !== null && typeof value === 'object') return Object.values(value);
  return 0;
}

type Damage = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'retype' };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', 'x', -1, 1.5, [], {}, [null], { name: 1 })) }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'retype' as const }),
);

/** `document` with the value at `at` damaged; the top itself is replaced whole. */
function damaged(document: Json, at: Key[], how: Damage): Json {
  const copy = structuredClone(document);
  if (at.length === 0) return how.kind === 'replace' ? how.value : how.kind === 'retype' ? retyped(copy) : null;
  const parent = at.slice(0, -1).reduce((o, k) => o[k], copy);
  const key = at[at.length - 1];
  if (how.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    parent[key] = how.kind === 'replace' ? how.value : retyped(parent[key]);
  }
  return copy;
}

async function run(args: string[]): Promise<{ code: ExitCode; out: string; err: string }> {
  const captured = captureIo();
  const code = await main(args, captured.io, { env: {} });
  return { code, out: captured.out(), err: captured.err() };
}

describe('a damaged plan document, read by every command', () => {
  test('any value replaced, deleted or retyped: exit 0, 1 or 2, never a TypeError; a document readOutput refuses, every command refuses with its message', async () => {
    const { dir: pristine, document } = original();
    const dir = fresh('damage-copy');
    fs.cpSync(pristine, dir, { recursive: true });
    const places = paths(document);
    const seen = { refused: 0, read: 0, codes: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(
        fc.nat(places.length - 1),
        damage,
        fc.constantFrom('catalog', 'orders', 'reports'),
        fc.constantFrom('a', 'b', 'c'),
        fc.boolean(),
        async (which, how, service, from, damagedFirst) => {
          fs.writeFileSync(path.join(dir, PLAN_FILE), JSON.stringify(damaged(document, places[which], how)) ?? '');
          let refusal: Error | undefined;
          try {
            readOutput(dir);
          } catch (e) {
            refusal = e as Error;
          }
          // The one check: readOutput reads the document, or refuses it with an OutputError, and nothing else.
          if (refusal !== undefined) expect(refusal).toBeInstanceOf(OutputError);
          seen[refusal ? 'refused' : 'read']++;
          const results = {
            plan: await run(['plan', '--dir', dir]),
            explain: await run(['explain', service, '--from', from, '--dir', dir]),
            graph: await run(['graph', '--dir', dir, '--format', 'mermaid']),
            diff: await run(['diff', ...(damagedFirst ? [dir, pristine] : [pristine, dir])]),
            validate: await run(['validate', dir, '--allow-unknown-kinds']),
          };
          for (const [command, { code, out, err }] of Object.entries(results)) {
            seen.codes.add(`${command} ${code}`);
            expect([ExitCode.OK, ExitCode.FLAGGED, ExitCode.USAGE]).toContain(code);
            expect(`${out}${err}`).not.toMatch(CRASH);
            if (code === ExitCode.USAGE && command !== 'validate') expect(err).toMatch(new RegExp(`^clusterset ${command}: \\S`));
          }
          if (refusal !== undefined) {
            for (const command of ['plan', 'explain', 'graph', 'diff'] as const) {
              expect([results[command].code, results[command].err]).toEqual([ExitCode.USAGE, expect.stringContaining(refusal.message)]);
            }
            // validate reads the objects of the files itself; a document it cannot use is unreadable, for the same reasons.
            if (refusal instanceof PlanDocumentError) {
              expect(results.validate.code).toBe(ExitCode.USAGE);
              expect(results.validate.out.replace(/\s+/g, ' ')).toContain(`unreadable ${PLAN_FILE}: ${refusal.reason.split(';')[0]}`.replace(/\s+/g, ' '));
            }
          }
        },
      ),
      { numRuns: Number(process.env.DAMAGE_RUNS ?? 150) },
    );
    console.log(`damaged plan property: ${seen.refused} documents refused by readOutput, ${seen.read} read; exit codes seen: ${[...seen.codes].sort().join(', ')}`);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.read).toBeGreaterThan(0);
  }, 600_000);
});
