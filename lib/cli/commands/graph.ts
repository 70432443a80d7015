// `clusterset graph`: the fleet as a picture, drawn from the plan document of a synthesized output (SVG by
// the library itself, Mermaid or DOT), to standard output or a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { renderDot } from '../graph/dot';
import { type FleetGraph, fleetGraph, GraphInputError } from '../graph/model';
import { renderMermaid } from '../graph/mermaid';
import { renderSvg } from '../graph/svg';
import { OutputError, type LoadedOutput, readOutput } from '../output';
import { PLAN_FILE } from '../../core/report/plan-document';

const RENDERERS: Readonly<Record<string, (graph: FleetGraph) => string>> = { svg: renderSvg, mermaid: renderMermaid, dot: renderDot };

const HELP = `Usage: clusterset graph [--format svg|mermaid|dot] [--out FILE] [--fleet PATH] [--dir DIR]

Draws the fleet of a synthesized output: each cluster a box with every service placed there, active
(with its replicas) or placeholder (with its networking mode); an arrow from each placeholder to every
cluster exporting its service, labelled with the networking mode; replicas moved by failover or a
migration; cordoned and unavailable clusters marked.

Options:
  --format FORMAT  svg (drawn by clusterset, no browser needed), mermaid or dot (default: svg)
  --out FILE       write to FILE instead of standard output; its folder must exist
  --fleet PATH     the ClusterSet's construct path, when the output holds more than one (default: the only one)
  --dir DIR        the synthesized output (default: dist)
  -h, --help       show this help

Example:
  clusterset graph --out fleet.svg
  clusterset graph --format mermaid --dir dist/active-active
`;

/** The graph command. */
export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'draw the fleet: clusters, services, cross-cluster routes (SVG, Mermaid, DOT)',
  help: HELP,
  run: async (args, io) => run(args, io),
};

function run(args: readonly string[], io: CliIo): ExitCode {
  const fail = (message: string): ExitCode => {
    io.err(`clusterset graph: ${message}\n`);
    return ExitCode.USAGE;
  };
  let values: { format?: string; out?: string; fleet?: string; dir?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { format: { type: 'string' }, out: { type: 'string' }, fleet: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    return fail(`${(e as Error).message}; see clusterset graph --help`);
  }
  if (values.help) {
    io.out(HELP);
    return ExitCode.OK;
  }
  const format = values.format ?? 'svg';
  const render = Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
  if (!render) return fail(`--format "${format}" is not one of ${Object.keys(RENDERERS).join(', ')}; see clusterset graph --help`);
  const out = values.out === undefined ? undefined : path.resolve(io.cwd, values.out);
  if (out !== undefined && !isDirectory(path.dirname(out))) return fail(`the folder of --out ${values.out} (${path.dirname(out)}) does not exist; create it first or write elsewhere`);

  const dir = path.resolve(io.cwd, values.dir ?? 'dist');
  let output: LoadedOutput;
  try {
    output = readOutput(dir);
  } catch (e) {
    if (e instanceof OutputError) return fail(e.message);
    throw e;
  }

  const paths = output.fleets.map((f) => f.document.path);
  let index = 0;
  if (values.fleet !== undefined) {
    index = paths.indexOf(values.fleet);
    if (index < 0) return fail(`--fleet ${values.fleet} is not a fleet of ${dir} (fleets: ${paths.join(', ') || 'none'})`);
  } else if (paths.length !== 1) {
    return fail(paths.length === 0 ? `${path.join(dir, PLAN_FILE)} holds no fleet; declare a ClusterSet and synthesize again` : `${dir} holds ${paths.length} fleets (${paths.join(', ')}); pick one with --fleet`);
  }

  let text: string;
  try {
    text = render(fleetGraph(output.fleets[index].document, `fleets[${index}]`, path.join(dir, PLAN_FILE)));
  } catch (e) {
    if (e instanceof GraphInputError) return fail(e.message);
    throw e;
  }
  if (out === undefined) {
    io.out(text);
    return ExitCode.OK;
  }
  try {
    fs.writeFileSync(out, text);
  } catch (e) {
    return fail(`cannot write --out ${values.out}: ${(e as Error).message}`);
  }
  const shown = path.relative(io.cwd, out);
  io.out(`wrote ${shown.startsWith('..') || path.isAbsolute(shown) ? out : shown} (${format}, fleet ${paths[index]})\n`);
  return ExitCode.OK;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
