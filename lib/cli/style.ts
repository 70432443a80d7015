// Terminal styling for CLI output: ANSI colours only when the CliIo says so (a TTY, no --no-color, no NO_COLOR).
import type { CliIo } from './command';

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

/** A style's name. */
export type StyleName = keyof typeof CODES;

/** Styles text for `io`: plain text when colour is off, so output piped to files and CI logs stays clean. */
export class Style {
  constructor(private readonly io: Pick<CliIo, 'color'>) {}

  public apply(name: StyleName, text: string): string {
    if (!this.io.color) return text;
    const [on, off] = CODES[name];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }
}
