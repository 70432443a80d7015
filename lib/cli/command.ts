// The contract every CLI command implements: one file per command under lib/cli/commands/, listed in
// lib/cli/commands/index.ts; the dispatcher (lib/cli/main.ts) parses nothing a command owns.

/** Where a command writes, and how. */
export interface CliIo {
  /** Writes to standard output as is (add the newline). */
  readonly out: (text: string) => void;
  /** Writes to standard error as is (add the newline). */
  readonly err: (text: string) => void;
  /** Whether to colour output: a TTY, and no `--no-color` or NO_COLOR. */
  readonly color: boolean;
  /** The directory relative paths start from. */
  readonly cwd: string;
}

/** Exit codes every command keeps to, so CI can gate on them. */
export enum ExitCode {
  /** Done, nothing flagged. */
  OK = 0,
  /** Done, and something is flagged (a refused change, a broken route, an invalid object). */
  FLAGGED = 1,
  /** The command line is wrong, or an input is missing or unreadable. */
  USAGE = 2,
}

/** One `clusterset <name>` command. */
export interface CliCommand {
  /** The word after `clusterset`. */
  readonly name: string;
  /** One line for `clusterset --help`. */
  readonly summary: string;
  /** The full `clusterset <name> --help` text: synopsis, every option with its default, an example. */
  readonly help: string;
  /** Runs with the arguments after the command's name; resolves to an ExitCode. */
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
