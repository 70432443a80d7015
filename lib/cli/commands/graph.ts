// `clusterset graph`: the fleet as a picture, drawn from the plan document of a synthesized output (SVG by
// the library itself, Mermaid or DOT), to standard output or a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { renderDot } from '../graph/dot';
import { type FleetGraph, fleetGraph } from '../graph/model';
import { renderMermaid } from '../graph/mermaid';
import { renderSvg } from '../graph/svg';
import { readOutput } from '../output';
import { parseOptions, UsageError } from '../parse-options';
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
  const { values } = parseOptions('graph', args, { format: { type: 'string' }, out: { type: 'string' }, fleet: { type: 'string' }, dir: { type: 'string' } });
  const option = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const format = option('format') ?? 'svg';
  const render = Object.hasOwn(RENDERERS, format) ? RENDERERS[format] : undefined;
  if (!render) throw new UsageError(`--format "${format}" is not one of ${Object.keys(RENDERERS).join(', ')}; see clusterset graph --help`);
  const outOption = option('out');
  const out = outOption === undefined ? undefined : path.resolve(io.cwd, outOption);
  if (out !== undefined && !isDirectory(path.dirname(out))) throw new UsageError(`the folder of --out ${outOption} (${path.dirname(out)}) does not exist; create it first or write elsewhere`);

  const dir = path.resolve(io.cwd, option('dir') ?? 'dist');
  const output = readOutput(dir);
  const paths = output.fleets.map((f) => f.document.path);
  const fleet = option('fleet');
  let index = 0;
  if (fleet !== undefined) {
    index = paths.indexOf(fleet);
    if (index < 0) throw new UsageError(`--fleet ${fleet} is not a fleet of ${dir} (fleets: ${paths.join(', ') || 'none'})`);
  } else if (paths.length !== 1) {
    throw new UsageError(paths.length === 0 ? `${path.join(dir, PLAN_FILE)} holds no fleet; declare a ClusterSet and synthesize again` : `${dir} holds ${paths.length} fleets (${paths.join(', ')}); pick one with --fleet`);
  }

  const text = render(fleetGraph(output.fleets[index].document, `fleets[${index}]`, path.join(dir, PLAN_FILE)));
  if (out === undefined) {
    io.out(text);
    return ExitCode.OK;
  }
  try {
    fs.writeFileSync(out, text);
  } catch (e) {
    throw new UsageError(`cannot write --out ${outOption}: ${(e as Error).message}`);
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
