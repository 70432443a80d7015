// Every `clusterset` command, in the order `clusterset --help` lists them. A new command is one file here
// implementing CliCommand, and one line below.
import type { CliCommand } from '../command';
import { graphCommand } from './graph';

/** The commands, by the word after `clusterset`. */
export const COMMANDS: readonly CliCommand[] = [
  graphCommand,
];
