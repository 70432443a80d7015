import type { CliIo } from '../../lib/cli/command';

/** A CliIo that records what a command writes, for tests. */
export interface CapturedIo {
  readonly io: CliIo;
  /** Everything written to standard output so far. */
  out(): string;
  /** Everything written to standard error so far. */
  err(): string;
}

export function captureIo(options: { color?: boolean; cwd?: string } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    io: { out: (t) => (out += t), err: (t) => (err += t), color: options.color ?? false, cwd: options.cwd ?? process.cwd() },
    out: () => out,
    err: () => err,
  };
}
