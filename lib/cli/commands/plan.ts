// `clusterset plan`: the fleet as planned, read from a synthesized output: services × clusters (role,
// replicas, networking, addresses), each cluster's objects and usage, migrations and status; --json for scripts.
import * as path from 'node:path';
import { PLAN_FILE } from '../../core/report/plan-document';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { readOutput } from '../output';
import { integerOption, parseOptions, UsageError } from '../parse-options';
import { planJson } from '../plan/json';
import { fleetText } from '../plan/text';
import { Style } from '../style';

const DEFAULT_WIDTH = 100;

const HELP = `usage: clusterset plan [--dir DIR] [--fleet PATH] [--json] [--width N]

Prints the fleet as planned, from the plan document a synth writes (DIR/clusterset.plan.json): the
clusters with their status, object counts and usage against allocatable; the replicas of each service
per cluster; every service × cluster with its role, replicas, networking mode and address; moves,
degraded replicas and north-south weights when there are any. Nothing is re-run or contacted.

Options:
  --dir DIR      the synthesized output to read (default: dist)
  --fleet PATH   only the fleet with this construct path (default: every fleet of the output)
  --json         a stable machine-readable form instead of tables (docs/cli.md, "plan --json")
  --width N      the page width tables fit in, at least 40 (default: ${DEFAULT_WIDTH})

Exit codes: 0 printed; 2 wrong option, unknown fleet, or an output that is missing or damaged.

Example:
  clusterset plan --dir dist/shop --width 120
`;

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseOptions('plan', args, {
    dir: { type: 'string', default: 'dist' },
    fleet: { type: 'string' },
    json: { type: 'boolean', default: false },
    width: { type: 'string' },
  });
  const width = integerOption('plan', 'width', values.width, DEFAULT_WIDTH, 40);
  // readOutput checks the whole document, and finds every object it lists: a damaged output is an OutputError.
  const { document } = readOutput(path.resolve(io.cwd, String(values.dir)));
  const wanted = values.fleet;
  const fleets = wanted === undefined ? document.fleets : document.fleets.filter((f) => f.path === wanted);
  if (fleets.length === 0) {
    const known = document.fleets.map((f) => f.path);
    throw new UsageError(
      wanted === undefined
        ? `${path.join(String(values.dir), PLAN_FILE)} lists no fleet; add a ClusterSet to the program and synthesize it again`
        : `no fleet ${JSON.stringify(wanted)} in ${String(values.dir)} (fleets: ${known.join(', ') || 'none'}); give one of them to --fleet`,
    );
  }
  if (values.json === true) {
    io.out(planJson(document, fleets));
    return ExitCode.OK;
  }
  const style = new Style(io);
  io.out(fleets.map((fleet) => fleetText(fleet, width, style)).join('\n'));
  return ExitCode.OK;
}

/** `clusterset plan`. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'the fleet as planned: services × clusters, object counts, usage, migrations',
  help: HELP,
  run,
};
