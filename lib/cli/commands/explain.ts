// `clusterset explain <service> --from <cluster>`: the path a request for a service's plain name takes from a
// pod of one cluster, hop by hop, and why a branch cannot succeed. It asks the route model the test suite checks
// every emitted object with (lib/cli/route-model.ts), so what it prints is what the tests hold the output to.
import * as path from 'node:path';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { routeModelOf } from '../fleet-model';
import { renderExplanation } from '../explain/render';
import { type ExplainTarget, resolveTarget } from '../explain/target';
import { OutputError, readOutput } from '../output';
import { type OptionSpecs, parseOptions, UsageError } from '../parse-options';
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
} satisfies OptionSpecs;

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'the path a request for a service takes from one cluster, hop by hop, and why it fails',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseOptions('explain', args, OPTIONS, 1);
    const usage = (message: string) => new UsageError(`${message}; see clusterset explain --help`);
    if (positionals.length === 0) throw usage('name the service to explain (name or namespace/name)');
    if (typeof values.from !== 'string') throw usage('--from <cluster> is required: the cluster of the calling pod');
    const output = readOutput(path.resolve(io.cwd, String(values.dir)));
    const target = resolveTarget(output, {
      service: positionals[0],
      from: values.from,
      ...(typeof values.port === 'string' ? { port: values.port } : {}),
      ...(typeof values['client-namespace'] === 'string' ? { clientNamespace: values['client-namespace'] } : {}),
      ...(typeof values.caller === 'string' ? { caller: values.caller } : {}),
    });
    const damaged = routeShapeProblems(target.fleet);
    if (damaged.length > 0) throw new OutputError(`${damaged.length} object field(s) explain cannot read:\n  ${damaged.slice(0, 10).join('\n  ')}${damaged.length > 10 ? `\n  and ${damaged.length - 10} more` : ''}`);
    const traced = traceTarget(target);
    io.out(values.json ? `${JSON.stringify(jsonOf(target, traced), null, 2)}\n` : renderExplanation(target, traced, io));
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
