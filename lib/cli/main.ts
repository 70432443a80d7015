#!/usr/bin/env node
// `clusterset`: the dispatcher. It owns the words before a command (--help, --version, --no-color), finds
// the command in COMMANDS and turns what a command throws into a message and an exit code; each command
// parses its own options.
import { type CliCommand, type CliIo, ExitCode } from './command';
import { COMMANDS } from './commands';
import { OutputError } from './output';
import { UsageError } from './parse-options';
import { Style } from './style';
import { packageVersion } from '../cdk8s/package-version';

/** Where to read more, printed with every usage error. */
const DOCS = 'docs/cli.md';

/** The environment main reads: CLUSTERSET_DEBUG=1 prints stacks of internal errors. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** What main runs with besides the command line; tests give their own. */
export interface MainOptions {
  /** @default process.env */
  readonly env?: CliEnv;
  /** @default COMMANDS */
  readonly commands?: readonly CliCommand[];
}

/**
 * Runs `clusterset` with the arguments after the program name and resolves to its exit code. `--no-color`
 * is taken out wherever it stands, so every command accepts it without declaring it.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<ExitCode> {
  const commands = options.commands ?? COMMANDS;
  const end = argv.indexOf('--');
  const before = end < 0 ? [...argv] : argv.slice(0, end);
  const noColor = before.includes('--no-color');
  const args = [...before.filter((a) => a !== '--no-color'), ...(end < 0 ? [] : argv.slice(end))];
  const out: CliIo = noColor ? { ...io, color: false } : io;
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest.length > 0) return main([rest[0], '--help'], out, options);
    out.out(overview(out, commands));
    return ExitCode.OK;
  }
  if (first === '--version' || first === '-v') {
    out.out(`clusterset ${packageVersion()}\n`);
    return ExitCode.OK;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    out.err(unknownCommand(first, commands));
    return ExitCode.USAGE;
  }
  const helpAt = rest.findIndex((a) => a === '--help' || a === '-h');
  const restEnd = rest.indexOf('--');
  if (helpAt >= 0 && (restEnd < 0 || helpAt < restEnd)) {
    out.out(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return ExitCode.OK;
  }
  return runCommand(command, rest, out, options.env ?? process.env);
}

/** Runs one command; what it throws becomes one message on stderr, and exit 2. */
async function runCommand(command: CliCommand, args: readonly string[], io: CliIo, env: CliEnv): Promise<ExitCode> {
  const style = new Style(io);
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof OutputError) {
      io.err(`${style.apply('red', `clusterset ${command.name}:`)} ${e.message}\n`);
      return ExitCode.USAGE;
    }
    // Anything else is a bug of clusterset, not of the user's input: say so, and what to send.
    const error = e instanceof Error ? e : new Error(String(e));
    io.err(
      `${style.apply('red', `clusterset ${command.name}: internal error:`)} ${error.name}: ${firstLine(error.message)}; ` +
        `please report it to the clusterset maintainers with the command line, clusterset ${packageVersion()} and this message ` +
        `(run again with CLUSTERSET_DEBUG=1 for the stack)\n`,
    );
    if (env.CLUSTERSET_DEBUG === '1' && error.stack) io.err(`${error.stack}\n`);
    return ExitCode.USAGE;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** `clusterset --help`: every command with its summary, the global options and the exit codes. */
function overview(io: CliIo, commands: readonly CliCommand[]): string {
  const style = new Style(io);
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  return [
    `${style.apply('bold', 'clusterset')} ${packageVersion()}: look at a synthesized fleet before anything is applied`,
    '',
    'usage: clusterset <command> [options]',
    '       clusterset <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(14)}  this list, or a command's options after its name`,
    `  ${'-v, --version'.padEnd(14)}  the version of clusterset`,
    `  ${'--no-color'.padEnd(14)}  no colours (also NO_COLOR=1, or output that is not a terminal)`,
    '',
    'Exit codes: 0 done, 1 something flagged, 2 wrong command line or unreadable input.',
    `Commands that read an output take --dir (default dist). More in ${DOCS}.`,
    '',
  ].join('\n');
}

function unknownCommand(word: string, commands: readonly CliCommand[]): string {
  const known = commands.map((c) => c.name);
  const near = word.startsWith('-') ? undefined : closest(word, known);
  const what = word.startsWith('-') ? `unknown option ${JSON.stringify(word)}` : `unknown command ${JSON.stringify(word)}`;
  return `clusterset: ${what}${near ? `; did you mean ${JSON.stringify(near)}?` : '.'} Commands: ${known.join(', ')}; see clusterset --help\n`;
}

/** The known word nearest to `word` by edit distance, when a typo could explain the difference (at most 2, less than half the word). */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(word) && word.length >= 2 ? 1 : editDistance(word.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.min(2, Math.floor(best.name.length / 2)) ? best.name : undefined;
}

/** Levenshtein distance, with a transposition counted once (as people mistype). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Whether to colour: a terminal, no --no-color, and NO_COLOR unset or empty (no-color.org). */
export function colorWanted(argv: readonly string[], env: CliEnv, isTTY: boolean): boolean {
  const end = argv.indexOf('--');
  const before = end < 0 ? argv : argv.slice(0, end);
  return isTTY && !before.includes('--no-color') && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: colorWanted(argv, process.env, Boolean(process.stdout.isTTY)),
    cwd: process.cwd(),
  };
  void main(argv, io).then((code) => {
    process.exitCode = code;
  });
}
