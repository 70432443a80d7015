// `clusterset diff <before> [<after>]`: what a change of the program does to each cluster, and whether it can be
// applied (immutable fields) and keeps every route working, with an exit code CI can gate on.
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { type LoadedOutput, OutputError, readOutput } from '../output';
import { parseOptions, UsageError } from '../parse-options';
import { routeShapeProblems } from '../route-model-shape';
import { compareOutputs, flaggedCount } from '../diff/compare';
import { renderJson, renderText } from '../diff/render';
import { type DiffSource, openSource } from '../diff/sources';

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
    const { positionals, values } = parseOptions('diff', args, { dir: { type: 'string' }, json: { type: 'boolean' } }, 2);
    if (positionals.length === 0) throw new UsageError('missing <before>: give an output folder or a Git revision (clusterset diff HEAD~1 HEAD); see clusterset diff --help');
    if (values.dir === '') throw new UsageError('--dir is empty; give the output folder (default: dist); see clusterset diff --help');
    const dir = typeof values.dir === 'string' ? values.dir : 'dist';
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
