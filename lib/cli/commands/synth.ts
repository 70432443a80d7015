// `clusterset synth`: runs the project's cdk8s app as `cdk8s synth` does, shows its progress per cluster on
// large fleets, and ends with one line: fleets, clusters, objects, files and seconds. A refused synth lists
// its problems and exits 1.
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { OutputError, readOutput } from '../output';
import { parseOptions } from '../parse-options';
import { Style } from '../style';
import { runApp } from '../synth/child';
import { synthProject } from '../synth/project';
import { refusalProblems } from '../synth/refusal';
import { summaryLine, synthCounts } from '../synth/summary';
import type { PlanDocument } from '../../core/report/plan-document';
import type { SynthProgress } from '../../core/report/synth-progress';

/** From this many folders on, each one rendered gets a progress line (fewer finish before anyone reads them). */
const LARGE = 10;

const HELP = `usage: clusterset synth [--app CMD] [--output DIR] [--progress | --quiet]

Runs the project's cdk8s app, as cdk8s synth does: CMD through the shell, in this folder, with
CDK8S_OUTDIR=DIR. ClusterSetApp reports its steps (CLUSTERSET_PROGRESS=1): on a fleet of ${LARGE} folders or
more, a line per cluster rendered and written on stderr. Ends with one line on stdout:
fleets, clusters, objects, files written and seconds.

Unlike cdk8s synth, DIR is not emptied first: ClusterSetApp replaces each cluster's folder itself and
warns of objects whose immutable fields change against the previous output there. Files of an earlier
synth that this one did not write (a cluster removed since) are listed after the summary.

Options:
  --app CMD      the command that runs the app (default: app in cdk8s.yaml)
  --output DIR   where the app writes (default: output in cdk8s.yaml, else dist)
  --progress     a line per folder whatever the fleet's size
  --quiet        no progress lines, only the summary and problems

Exit codes: 0 synthesized; 1 refused by clusterset (each problem is listed); 2 wrong option, no app,
or an app that failed otherwise (its stderr is shown).

Example:
  clusterset synth --app 'npx ts-node --transpile-only examples/shop/main.ts' --output dist/shop
`;

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseOptions('synth', args, {
    app: { type: 'string' },
    output: { type: 'string' },
    progress: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  const project = synthProject(io.cwd, values.app as string | undefined, values.output as string | undefined);
  const style = new Style(io);
  const started = Date.now();
  const result = await runApp(project.app, io.cwd, project.outdir, io.out, progressPrinter(io, values.quiet === true ? 'never' : values.progress === true ? 'always' : 'large'));
  const seconds = (Date.now() - started) / 1000;
  if (result.code !== 0) {
    const problems = refusalProblems(result.stderr);
    if (problems) {
      io.err(`${style.apply('red', `clusterset synth: refused, ${problems.length} problem${problems.length === 1 ? '' : 's'}`)} (nothing was written):\n`);
      io.err(problems.map((p) => `  - ${p}\n`).join(''));
      return ExitCode.FLAGGED;
    }
    io.err(result.stderr.map((line) => `${line}\n`).join(''));
    const how = result.code === undefined ? `was stopped by ${result.signal}` : `exited ${result.code}`;
    io.err(`${style.apply('red', 'clusterset synth:')} the app ${how}: ${project.app}; its output is above\n`);
    return ExitCode.USAGE;
  }
  // What the app said besides progress (warnings such as replaced objects) is kept for the end.
  const said = result.stderr.filter((line) => line.trim() !== '');
  if (said.length > 0) io.err(said.map((line) => `${line}\n`).join(''));
  const document = documentOf(project.outdir, io);
  const counts = synthCounts(project.outdir, document, started);
  io.out(`${style.apply('green', summaryLine(counts, project.outdir, seconds))}\n`);
  if (counts.stale.length > 0) {
    const shown = counts.stale.slice(0, 5).join(', ');
    io.err(`${style.apply('yellow', 'clusterset synth:')} ${counts.stale.length} file(s) in ${project.outdir} are from an earlier synth (${shown}${counts.stale.length > 5 ? ', ...' : ''}); remove them if their cluster is gone\n`);
  }
  return ExitCode.OK;
}

/** The plan document the app wrote, or undefined (with a note) when it wrote none: an app without ClusterSetApp. */
function documentOf(outdir: string, io: CliIo): PlanDocument | undefined {
  try {
    return readOutput(outdir).document;
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    io.err(`clusterset synth: ${e.message}\n  (counts below are of files only; does the app use ClusterSetApp?)\n`);
    return undefined;
  }
}

/** Prints render and write steps as `[ 3/40] rendered eu-1`; `large` only once the fleet has LARGE folders. */
function progressPrinter(io: CliIo, when: 'always' | 'large' | 'never'): (p: SynthProgress) => void {
  const style = new Style(io);
  return (p) => {
    if (when === 'never' || p.step === 'plan' || (when === 'large' && p.total < LARGE)) return;
    const width = String(p.total).length;
    const verb = p.step === 'render' ? 'rendered' : p.step === 'write' ? 'wrote' : p.step;
    io.err(style.apply('dim', `[${String(p.done).padStart(width)}/${p.total}] ${verb} ${p.name}`) + '\n');
  };
}

/** `clusterset synth`. */
export const synthCommand: CliCommand = {
  name: 'synth',
  summary: 'run the project\'s cdk8s app with progress per cluster and a one-line summary',
  help: HELP,
  run,
};
