// The synth's progress, as `clusterset synth` follows it: with CLUSTERSET_PROGRESS=1 in its environment,
// ClusterSetApp writes one line per step to stderr, `clusterset:progress {"step":"render","done":3,"total":40,"name":"eu-1"}`.
// Off by default, so `cdk8s synth` and tests print nothing more. Documented in docs/cli.md.

/** The environment variable that turns the lines on ('1'). */
export const PROGRESS_ENV = 'CLUSTERSET_PROGRESS';

/** What starts every progress line. */
export const PROGRESS_PREFIX = 'clusterset:progress ';

/** One step of a synth. */
export interface SynthProgress {
  /** `plan`: every fleet is planned (done = total = the fleets); `render`: one folder (a cluster's, or a hub's) rendered; `write`: one folder written. */
  readonly step: string;
  readonly done: number;
  readonly total: number;
  /** `fleets` (plan), or the folder's name (render, write). */
  readonly name: string;
}

/** Writes one progress line to stderr when PROGRESS_ENV is '1'. */
export function reportProgress(progress: SynthProgress, env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env[PROGRESS_ENV] !== '1') return;
  process.stderr.write(`${PROGRESS_PREFIX}${JSON.stringify(progress)}\n`);
}

/** The progress a line reports, or undefined for any other line (or a damaged one). */
export function parseProgress(line: string): SynthProgress | undefined {
  if (!line.startsWith(PROGRESS_PREFIX)) return undefined;
  try {
    const p = JSON.parse(line.slice(PROGRESS_PREFIX.length)) as Partial<SynthProgress> | null;
    if (p && typeof p.step === 'string' && typeof p.done === 'number' && typeof p.total === 'number' && typeof p.name === 'string') return p as SynthProgress;
  } catch {
    // Not ours after all: shown as the app's own output.
  }
  return undefined;
}
