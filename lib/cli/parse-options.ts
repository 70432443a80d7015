// Command-line options of one command, parsed strictly with Node's util.parseArgs: an unknown option or a
// missing value is a usage error that names the option and points at the command's --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line that cannot be run as written; the dispatcher prints it and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The options a command declares, as util.parseArgs takes them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The parsed values and the positional arguments. */
export interface ParsedOptions {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/**
 * Parses `args` for `clusterset <command>`. util.parseArgs's own messages name the option but say nothing
 * of where to read more, so every failure gets the same pointer to the command's help.
 */
export function parseOptions(command: string, args: readonly string[], options: OptionSpecs, positionals = 0): ParsedOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals > 0 });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. (To specify a positional argument|This command does not take).*$/s, '')}; see clusterset ${command} --help`);
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals])}; see clusterset ${command} --help`);
  }
  return { values: parsed.values as ParsedOptions['values'], positionals: parsed.positionals };
}

/** A whole-number option at least `min`, or its default. */
export function integerOption(command: string, name: string, value: string | boolean | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(value)}; see clusterset ${command} --help`);
  }
  return n;
}
