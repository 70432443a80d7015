// The project's app, run as `cdk8s synth` runs it: through the shell, in the project's folder, with
// CDK8S_OUTDIR set; and CLUSTERSET_PROGRESS=1, so ClusterSetApp reports its steps on stderr.
import { spawn } from 'node:child_process';
import { PROGRESS_ENV, parseProgress, type SynthProgress } from '../../core/report/synth-progress';

/** How the app ended, and what it wrote to stderr besides its progress lines. */
export interface AppRun {
  /** Its exit code, or undefined when a signal ended it. */
  readonly code: number | undefined;
  readonly signal: string | undefined;
  /** Every stderr line that is not a progress line, in order. */
  readonly stderr: string[];
}

/** Runs `command`; its stdout goes to `out` as it comes, each progress line to `progress`. */
export function runApp(command: string, cwd: string, outdir: string, out: (text: string) => void, progress: (p: SynthProgress) => void): Promise<AppRun> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CDK8S_OUTDIR: outdir, [PROGRESS_ENV]: '1' } });
    const stderr: string[] = [];
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => out(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) take(line);
    });
    const take = (line: string) => {
      const p = parseProgress(line);
      if (p) progress(p);
      else stderr.push(line);
    };
    child.on('error', (e) => {
      stderr.push(`${command}: ${e.message}`);
    });
    child.on('close', (code, signal) => {
      if (partial !== '') take(partial);
      resolve({ code: code ?? undefined, signal: signal ?? undefined, stderr });
    });
  });
}
