// `clusterset diff <before> [<after>]`: what a change of the program does to each cluster, and whether it can be
// applied (immutable fields) and keeps every route working, with an exit code CI can gate on.
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { type LoadedOutput, OutputError, readOutput } from '../output';
import { routeShapeProblems } from '../route-model-shape';
import { compareOutputs, flaggedCount } from '../diff/compare';
import { renderJson, renderText } from '../diff/render';
import { type DiffSource, openSource, SourceError } from '../diff/sources';

const HELP = `Usage: clusterset diff <before> [<after>] [--dir DIR] [--json]

Compares two synthesized outputs cluster by cluster: objects added, removed and
changed (with each changed field), flagging every change kubectl apply refuses
(an immutable field) and every route that works before and breaks after.

<before>, <after>   each one of:
                      an output folder           dist-old, ./dist, /tmp/out
                      a Git revision             HEAD~1, main, v1.2.0 (reads its --dir folder)
                      REV:PATH                   HEAD~1:dist, main:./out (PATH as Git reads it:
                                                 from the repository's top, ./ from here)
                    <after> defaults to the --dir folder as it is on disk.
                    A directory wins over a revision of the same name.

Options:
  --dir DIR   the output folder a bare revision (and a missing <after>) stands for
              (default: dist)
  --json      the whole diff as JSON, every field in full
  -h, --help  this text

Exit codes: 0 nothing flagged (changed or not), 1 something flagged, 2 usage error
or an unreadable output.

Examples:
  clusterset diff HEAD~1 HEAD --dir dist
  clusterset diff HEAD                      # the committed dist against dist on disk
  clusterset diff dist-before dist --json`;

/** `clusterset diff`. */
export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'what changes per cluster between two outputs or Git revisions; flags refused changes and broken routes',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const parsed = parse(args, io);
    if (typeof parsed === 'number') return parsed;
    const { positionals, values } = parsed;
    const dir = values.dir ?? 'dist';
    const sources: DiffSource[] = [];
    try {
      for (const arg of [positionals[0], positionals[1] ?? dir]) sources.push(openSource(arg, dir, io.cwd));
      const [before, after] = sources.map((s, i) => {
        const side = `${i === 0 ? 'before' : 'after'} (${s.label})`;
        const output = readSide(s.dir, side);
        checkRoutes(output, side);
        return output;
      });
      const fleets = compareOutputs(before, after);
      const [beforeLabel, afterLabel] = sources.map((s) => s.label);
      io.out(values.json ? renderJson(fleets, beforeLabel, afterLabel) : renderText(fleets, beforeLabel, afterLabel, io));
      const { refused, broken } = flaggedCount(fleets);
      return refused + broken > 0 ? ExitCode.FLAGGED : ExitCode.OK;
    } catch (e) {
      // readOutput checked each document and checkRoutes every field the route model reads: anything else is a bug.
      if (!(e instanceof SourceError || e instanceof OutputError)) throw e;
      io.err(`clusterset diff: ${e.message}\n`);
      return ExitCode.USAGE;
    } finally {
      sources.forEach((s) => s.cleanup());
    }
  },
};

/** readOutput's, with the side named: a side read from Git lives in a temporary folder the user never sees. */
function readSide(dir: string, side: string): LoadedOutput {
  try {
    return readOutput(dir);
  } catch (e) {
    throw e instanceof OutputError ? new OutputError(`${side}: ${e.message}`) : e;
  }
}

/** Throws OutputError naming the side and the first fields of its objects the route model cannot read. */
function checkRoutes(output: LoadedOutput, side: string): void {
  const damaged = output.fleets.flatMap(routeShapeProblems);
  if (damaged.length === 0) return;
  throw new OutputError(`${side}: ${damaged.length} object field(s) the routes cannot be read from:\n  ${damaged.slice(0, 10).join('\n  ')}${damaged.length > 10 ? `\n  and ${damaged.length - 10} more` : ''}`);
}

type Parsed = { positionals: string[]; values: { dir?: string; json?: boolean; help?: boolean } };

/** The parsed command line, or the exit code after printing help or a usage error. */
function parse(args: readonly string[], io: CliIo): Parsed | ExitCode {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { dir: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return usage(io, parseError(e as Error & { code?: string }));
  }
  if (parsed.values.help) {
    io.out(`${HELP}\n`);
    return ExitCode.OK;
  }
  if (parsed.positionals.length === 0) return usage(io, 'missing <before>: give an output folder or a Git revision (clusterset diff HEAD~1 HEAD)');
  if (parsed.positionals.length > 2) return usage(io, `expected <before> and <after>, got ${parsed.positionals.length} arguments (${parsed.positionals.join(' ')})`);
  if (parsed.values.dir === '') return usage(io, '--dir is empty; give the output folder (default: dist)');
  return parsed;
}

function parseError(e: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? e.message}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option ${option ?? ''} ${/argument missing/.test(e.message) ? 'needs a value' : 'takes no value'}`.replace('  ', ' ');
  return e.message;
}

function usage(io: CliIo, message: string): ExitCode {
  io.err(`clusterset diff: ${message}; see clusterset diff --help\n`);
  return ExitCode.USAGE;
}
