// A service's pod: its pod template (plain JSON) with the service's own container merged in, first.
import { isObject } from '../validate/input/shape';
import { jsonCopy } from './overriders';

type Json = Record<string, unknown>;

/** The container the service's short-form props describe: name, image, ports, env, command, args, resources. */
export interface ServiceContainer {
  readonly name: string;
  readonly image: string;
  readonly ports: Json[];
  readonly env: Json[];
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
}

/** Fields of the service's container that the props set; every other field comes from the template. */
const SERVICE_FIELDS = ['name', 'image', 'ports', 'env', 'command', 'args', 'resources'];

/**
 * Which of the template's containers is the service's: the one named like the service, else the only
 * one; -1 when the template has none (the service's container is added). Undefined when several are
 * given and none is named like the service.
 */
export function serviceContainerIndex(containers: readonly unknown[], serviceName: string): number | undefined {
  const named = containers.findIndex((c) => isObject(c) && c.name === serviceName);
  if (named >= 0) return named;
  if (containers.length === 0) return -1;
  return containers.length === 1 ? 0 : undefined;
}

/**
 * The pod's metadata and spec: the template's, its service container (see `serviceContainerIndex`)
 * replaced by the merge of the template's and the service's, placed first so that it is the pod's
 * default container and overrides find it at index 0. The template is not changed.
 */
export function mergedPod(template: Json | undefined, service: ServiceContainer): { metadata: Json; spec: Json } {
  const copy = jsonCopy(template ?? {});
  const spec = isObject(copy.spec) ? copy.spec : {};
  const containers = Array.isArray(spec.containers) ? (spec.containers as Json[]) : [];
  // Several containers and none the service's are reported by the checks; the first is taken meanwhile.
  const index = serviceContainerIndex(containers, service.name) ?? 0;
  const given = index >= 0 && containers.length > 0 ? containers[index] : undefined;
  const others = containers.filter((_, i) => i !== index);
  const { containers: _containers, ...rest } = spec;
  return {
    metadata: isObject(copy.metadata) ? copy.metadata : {},
    spec: { containers: [mergedContainer(given, service), ...others], ...rest },
  };
}

function mergedContainer(given: Json | undefined, service: ServiceContainer): Json {
  const rest = Object.fromEntries(Object.entries(given ?? {}).filter(([k]) => !SERVICE_FIELDS.includes(k)));
  const ports = mergedPorts(given?.ports, service.ports);
  const env = mergedEnv(given?.env, service.env);
  const command = service.command ?? (given?.command as string[] | undefined);
  const args = service.args ?? (given?.args as string[] | undefined);
  const resources = mergedResources(given?.resources, service.resources);
  return {
    name: typeof given?.name === 'string' ? given.name : service.name,
    image: service.image,
    ports,
    ...(env.length > 0 ? { env } : {}),
    ...(command ? { command: [...command] } : {}),
    ...(args ? { args: [...args] } : {}),
    ...(resources ? { resources } : {}),
    ...rest,
  };
}

/** The service's ports, then the template's ports whose number and name the service does not use (metrics, admin). */
function mergedPorts(given: unknown, ports: readonly Json[]): Json[] {
  const taken = (p: Json) => ports.some((s) => s.name === p.name || (s.containerPort === p.containerPort && s.protocol === (p.protocol ?? 'TCP')));
  const extra = Array.isArray(given) ? (given as unknown[]).filter((p): p is Json => isObject(p) && !taken(p)) : [];
  return [...ports, ...extra];
}

/**
 * The template's env in its order (order matters to `$(VAR)` references), each variable the service
 * names replaced by the service's value; then the service's other variables, sorted.
 */
function mergedEnv(given: unknown, env: readonly Json[]): Json[] {
  const list = Array.isArray(given) ? (given as unknown[]) : [];
  const byName = new Map(env.map((e) => [e.name, e]));
  const merged = list.map((e) => (isObject(e) && byName.has(e.name) ? byName.get(e.name) : e)) as Json[];
  const present = new Set(list.map((e) => (isObject(e) ? e.name : undefined)));
  return [...merged, ...env.filter((e) => !present.has(e.name))];
}

/** The template's requests and limits with the service's set over them, key by key. */
function mergedResources(given: unknown, resources: ServiceContainer['resources']): Json | undefined {
  const base = isObject(given) ? given : undefined;
  if (!resources) return base;
  const section = (key: 'requests' | 'limits') => {
    if (resources[key] === undefined && base?.[key] === undefined) return {};
    return { [key]: { ...(isObject(base?.[key]) ? (base?.[key] as Json) : {}), ...(resources[key] ?? {}) } };
  };
  const others = Object.fromEntries(Object.entries(base ?? {}).filter(([k]) => k !== 'requests' && k !== 'limits'));
  return { ...section('requests'), ...section('limits'), ...others };
}
