import * as pulumi from '@pulumi/pulumi';

/** One resource as the mock engine saw it registered. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  /** `urn::id` of the provider, for custom resources. */
  readonly provider?: string;
  readonly parent: string;
  /** URNs this resource waits for (dependsOn, and resources whose outputs feed its inputs). */
  readonly dependencies: readonly string[];
}

/** The ClusterIP the mock API server gives a Service: stable per resource name, in 10.0.0.0/8. */
export function fakeClusterIP(name: string): string {
  let hash = 7;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `10.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${(hash & 254) + 1}`;
}

/**
 * Runs Pulumi against a mock engine that records every registration with its provider, parent and
 * dependencies; Services come back with a ClusterIP the way the API server would give one.
 */
export function installMocks(): Registered[] {
  const registered: Registered[] = [];
  const pending = new Map<string, { parent: string; dependencies: string[] }>();
  pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => {
        const seen = pending.get(`${args.type}::${args.name}`) ?? { parent: '', dependencies: [] };
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, ...seen });
        const state = args.type === 'kubernetes:core/v1:Service' ? { ...args.inputs, spec: { ...args.inputs.spec, clusterIP: fakeClusterIP(args.name) } } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    'clusterset',
    'test',
    false,
  );
  // The mock's newResource does not see dependencies or parents; read them off the registration request.
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, callback: unknown): void };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    pending.set(`${req.getType()}::${req.getName()}`, { parent: req.getParent(), dependencies: req.getDependenciesList() });
    register(req, callback);
  };
  return registered;
}

/** Resolves once every given output has a value. */
export function settle(outputs: ReadonlyArray<pulumi.Output<unknown>>): Promise<unknown[]> {
  return Promise.all(outputs.map((o) => new Promise((resolve) => o.apply(resolve))));
}
