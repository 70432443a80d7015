// Offline preview of the Pulumi program (Pulumi.yaml) for one stack, without the Pulumi CLI, a cluster or
// credentials: the program runs under pulumi.runtime.setMocks with the stack's configuration, and every
// resource it would create is printed per cluster (provider) with its type, name and dependencies, in the
// order the engine could create them.
//
//   npm run preview:pulumi -- --stack dev
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';

/** One resource the program registered. */
interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urnSuffix: string;
  readonly provider?: string;
  readonly dependencies: readonly string[];
  readonly inputs: Record<string, unknown>;
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** Stack configuration as the engine hands it to a program: structured values as JSON text, secrets stood in for. */
function stackConfig(file: string): { config: Record<string, string>; secrets: string[] } {
  if (!fs.existsSync(file)) throw new Error(`no stack file ${file}: create it, or pass --stack with an existing one`);
  const entries = Object.entries((parse(fs.readFileSync(file, 'utf8'))?.config ?? {}) as Record<string, unknown>);
  const secrets: string[] = [];
  const config = Object.fromEntries(
    entries.map(([key, value]) => {
      const { value: plain, secret } = withoutSecrets(value);
      if (secret) secrets.push(key);
      return [key, typeof plain === 'string' ? plain : JSON.stringify(plain)];
    }),
  );
  return { config, secrets };
}

/** Replaces every `{ secure: ... }` value (top-level or nested, as `--path --secret` writes) with a stand-in; secrets are not decrypted offline. */
function withoutSecrets(value: unknown): { value: unknown; secret: boolean } {
  if (typeof value === 'object' && value !== null && 'secure' in value) return { value: '[secret: not decrypted offline]', secret: true };
  if (Array.isArray(value)) {
    const items = value.map(withoutSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
  }
  return { value, secret: false };
}

/** Registers mocks that record every resource; Services get a stand-in ClusterIP naming where it comes from. */
function recordRegistrations(project: string, stack: string): Registration[] {
  const recorded: Registration[] = [];
  const dependencies = new Map<string, string[]>();
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const urnSuffix = `${args.type}::${args.name}`;
        recorded.push({ type: args.type, name: args.name, urnSuffix, provider: args.provider, dependencies: dependencies.get(urnSuffix) ?? [], inputs: args.inputs });
        const state = args.type === 'kubernetes:core/v1:Service' ? { ...args.inputs, spec: { ...args.inputs.spec, clusterIP: `<clusterIP of ${args.name}>` } } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    true,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, callback: unknown): void };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, callback: unknown) => {
    dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
    register(req, callback);
  };
  return recorded;
}

/** The parts of the engine's registration request the preview reads (the mocks' own callback does not see dependencies). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

/** Waits until the program stops registering resources. */
async function settled(recorded: readonly Registration[]): Promise<void> {
  let last = -1;
  while (last !== recorded.length) {
    last = recorded.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Creation order: a resource after everything it depends on, otherwise in registration order. */
function creationOrder(recorded: readonly Registration[]): Registration[] {
  const bySuffix = new Map(recorded.map((r) => [r.urnSuffix, r]));
  const depsOf = (r: Registration) => r.dependencies.map((urn) => [...bySuffix.keys()].find((s) => urn.endsWith(s))).filter((s): s is string => !!s);
  const done = new Set<string>();
  const order: Registration[] = [];
  while (order.length < recorded.length) {
    const next = recorded.find((r) => !done.has(r.urnSuffix) && depsOf(r).every((d) => done.has(d)));
    if (!next) throw new Error('dependency cycle among resources');
    done.add(next.urnSuffix);
    order.push(next);
  }
  return order;
}

/** `Kind name` of a URN (`urn:pulumi:stack::project::parent$kubernetes:core/v1:Service::name`). */
function describeUrn(urn: string): string {
  const parts = urn.split('::');
  const type = parts[parts.length - 2] ?? '';
  return `${type.split(':').pop()} ${parts[parts.length - 1]}`;
}

function print(stack: string, project: string, recorded: readonly Registration[]): void {
  const order = creationOrder(recorded);
  const providers = order.filter((r) => r.type.startsWith('pulumi:providers:'));
  const managed = order.filter((r) => r.provider && !r.type.startsWith('pulumi:providers:'));
  console.log(`Preview of stack "${stack}" (project ${project}), offline under mocks: ${providers.length} providers, ${managed.length} resources`);
  console.log('Steps number the order the engine can create them in: each after what it waits for.\n');
  for (const provider of providers) {
    const cluster = (provider.inputs.context as string | undefined) ?? provider.name;
    const mine = managed.filter((r) => r.provider?.includes(`::${provider.name}::`));
    console.log(`provider ${provider.name} (context ${cluster}): ${mine.length} resources`);
    for (const r of mine) {
      const step = managed.indexOf(r) + 1;
      const after = r.dependencies.map(describeUrn).join(', ');
      console.log(`  ${String(step).padStart(3)}. ${r.type.padEnd(58)} ${r.name}${after ? `   after ${after}` : ''}`);
    }
    console.log('');
  }
  const live = managed.filter((r) => JSON.stringify(r.inputs).includes('<clusterIP of '));
  for (const r of live) console.log(`${r.name} takes its address from the live Service: ${JSON.stringify(r.inputs.endpoints)}`);
}

async function main(): Promise<void> {
  const root = process.cwd();
  const stack = argument('stack', 'dev');
  const project = parse(fs.readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as { name: string; main?: string };
  const recorded = recordRegistrations(project.name, stack);
  const { config, secrets } = stackConfig(path.join(root, `Pulumi.${stack}.yaml`));
  pulumi.runtime.setAllConfig(config, secrets);
  // The program registers its resources as it is loaded, as under `pulumi up`.
  await import(path.resolve(root, project.main ?? '.'));
  await settled(recorded);
  print(stack, project.name, recorded);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
