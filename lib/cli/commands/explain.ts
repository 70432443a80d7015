// `clusterset explain <service> --from <cluster>`: the path a request for a service's plain name takes from a
// pod of one cluster, hop by hop, and why a branch cannot succeed. It asks the route model the test suite checks
// every emitted object with (lib/cli/route-model.ts), so what it prints is what the tests hold the output to.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { routeModelOf } from '../fleet-model';
import { renderExplanation } from '../explain/render';
import { ExplainUsageError, type ExplainTarget, resolveTarget } from '../explain/target';
import { type LoadedOutput, OutputError, readOutput } from '../output';
import type { Route, TracedRoute } from '../route-model';
import { routeShapeProblems } from '../route-model-shape';

const HELP = `Usage: clusterset explain <service> --from <cluster> [options]

The path a request for <service>'s plain name ({name}.{namespace}.svc.cluster.local) takes from a pod
in <cluster>: the Service there and its wiring (selector, EndpointSlices, ExternalName, Istio
VirtualService, ServiceEntry and DestinationRule), the clusterset name, the exporting clusters with their
replicas and weights, and for every branch that cannot reach a running pod, why.

Arguments:
  <service>                 the service, as name or namespace/name

Options:
  --from <cluster>          the cluster of the calling pod (required)
  --port <port>             one port, by number or name (default: every port of the Service)
  --client-namespace <ns>   the calling pod's namespace; Istio exportTo and NetworkPolicies depend on it
                            (default: the service's namespace)
  --caller <workload>       the calling Deployment or StatefulSet of the client namespace: its labels and
                            service account are what NetworkPolicies and AuthorizationPolicies judge
                            (default: a pod of no workload, running as the namespace's default account)
  --dir <dir>               the synthesized output (default: dist)
  --json                    print the routes as JSON (route, ok, reached, failures, hidden, hops)
  -h, --help                print this help

Exit codes: 0 every branch of every port reaches a running pod, 1 some branch fails (the why is
printed), 2 the command line or the output is wrong.

Example:
  clusterset explain ns/app-a --from localproda --port 8080
`;

const OPTIONS = {
  from: { type: 'string' },
  port: { type: 'string' },
  'client-namespace': { type: 'string' },
  caller: { type: 'string' },
  dir: { type: 'string', default: 'dist' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'the path a request for a service takes from one cluster, hop by hop, and why it fails',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const usage = (message: string) => {
      io.err(`clusterset explain: ${message}\nSee clusterset explain --help.\n`);
      return ExitCode.USAGE;
    };
    let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
    try {
      parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      return usage(parseError(e as Error & { code?: string }));
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return ExitCode.OK;
    }
    if (positionals.length !== 1) return usage(positionals.length === 0 ? 'name the service to explain (name or namespace/name)' : `one service at a time, not ${positionals.join(' ')}`);
    if (values.from === undefined) return usage('--from <cluster> is required: the cluster of the calling pod');
    let output: LoadedOutput;
    try {
      output = readOutput(path.resolve(io.cwd, values.dir));
    } catch (e) {
      if (e instanceof OutputError) return usage(e.message);
      throw e;
    }
    let traced: TracedRoute[];
    let text: string;
    try {
      const target = resolveTarget(output, {
        service: positionals[0],
        from: values.from,
        ...(values.port !== undefined ? { port: values.port } : {}),
        ...(values['client-namespace'] !== undefined ? { clientNamespace: values['client-namespace'] } : {}),
        ...(values.caller !== undefined ? { caller: values.caller } : {}),
      });
      const damaged = routeShapeProblems(target.fleet);
      if (damaged.length > 0) return usage(`${damaged.length} object field(s) explain cannot read:\n  ${damaged.slice(0, 10).join('\n  ')}${damaged.length > 10 ? `\n  and ${damaged.length - 10} more` : ''}`);
      traced = traceTarget(target);
      text = values.json ? `${JSON.stringify(jsonOf(target, traced), null, 2)}\n` : renderExplanation(target, traced, io);
    } catch (e) {
      if (e instanceof ExplainUsageError) return usage(e.message);
      // readOutput checked the document and routeShapeProblems every field the route model reads: anything else is a bug.
      throw e;
    }
    io.out(text);
    return traced.every((r) => r.ok) ? ExitCode.OK : ExitCode.FLAGGED;
  },
};

/** Each port's route, traced through the fleet's route model. */
function traceTarget(target: ExplainTarget): TracedRoute[] {
  const model = routeModelOf(target.fleet);
  return target.ports.map((p) => {
    const route: Route = {
      cluster: target.from,
      client: target.client,
      namespace: target.service.namespace,
      service: target.service.name,
      port: p.port,
      protocol: p.protocol,
      ...(target.caller !== undefined ? { from: target.caller } : {}),
    };
    return model.trace(route);
  });
}

/** Node's parseArgs message, shortened to the option at fault (its own hint about `--` misleads here). */
function parseError(e: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return e.message.split('\n')[0].replace(/\.$/, '');
  return e.message;
}

function jsonOf(target: ExplainTarget, traced: readonly TracedRoute[]): unknown {
  return {
    fleet: target.fleet.document.path,
    service: `${target.service.namespace}/${target.service.name}`,
    from: target.from,
    clientNamespace: target.client,
    ...(target.caller !== undefined ? { caller: target.caller } : {}),
    ok: traced.every((r) => r.ok),
    routes: traced,
  };
}
