// Every `clusterset` command, in the order `clusterset --help` lists them. A new command is one file here
// implementing CliCommand, and one line below.
import type { CliCommand } from '../command';
import { diffCommand } from './diff';
import { explainCommand } from './explain';
import { graphCommand } from './graph';
import { planCommand } from './plan';
import { synthCommand } from './synth';
import { validateCommand } from './validate';

/** The commands, by the word after `clusterset`. */
export const COMMANDS: readonly CliCommand[] = [
  synthCommand,
  planCommand,
  explainCommand,
  graphCommand,
  diffCommand,
  validateCommand,
];
