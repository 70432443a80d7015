import type * as pulumi from '@pulumi/pulumi';
import { type PreviewedResource, urnSuffix } from './resource';

/** The parts of the engine's registration request the preview reads (the mocks' own callback does not see dependencies). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

/**
 * Puts `runtime` under mocks that record every resource registered from now on, in registration order.
 * Services get a stand-in ClusterIP naming where it comes from, so values read from a live Service show.
 */
export function recordRegistrations(runtime: typeof pulumi.runtime, project: string, stack: string): PreviewedResource[] {
  const recorded: PreviewedResource[] = [];
  const dependencies = new Map<string, string[]>();
  runtime.setMocks(
    {
      newResource: (args) => {
        const resource = { type: args.type, name: args.name, provider: args.provider, inputs: args.inputs };
        recorded.push({ ...resource, dependencies: dependencies.get(urnSuffix(resource)) ?? [] });
        const state = args.type === 'kubernetes:core/v1:Service' ? { ...args.inputs, spec: { ...args.inputs.spec, clusterIP: `<clusterIP of ${args.name}>` } } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    true,
  );
  const monitor = runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, callback: unknown): void };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, callback: unknown) => {
    dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
    register(req, callback);
  };
  return recorded;
}

/** Waits until the program stops registering resources. */
export async function settled(recorded: readonly PreviewedResource[]): Promise<void> {
  let last = -1;
  while (last !== recorded.length) {
    last = recorded.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
