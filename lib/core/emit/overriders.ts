// Karmada's overriders, applied to one cluster's workload after its settings are built: each step
// reports an override that points at nothing instead of skipping it.
import { type ImageOverrider, type JsonPatchOperation, type ListOverrider, type MapOverrider } from '../api/overriders';
import { formatImage, type ImageReference, imageProblem, isRegistryHost, parseImage } from '../kube/image';
import type { Manifest } from '../kube/manifest';

/** Applies image overriders in order to an image reference; a remove of an absent part is reported. */
export function overrideImage(image: string, overriders: readonly ImageOverrider[], report: (message: string) => void): string {
  let ref: ImageReference = parseImage(image);
  for (const o of overriders) {
    const key = o.component === 'Registry' ? 'registry' : o.component === 'Repository' ? 'repository' : 'tag';
    const current = key === 'tag' ? (ref.tag !== undefined ? ref.tag : ref.digest) : ref[key];
    if (o.operator !== 'remove' && !o.value) {
      report(`imageOverriders: ${o.operator} of ${o.component} needs a value`);
      continue;
    }
    if (o.operator === 'remove' && current === undefined) {
      report(`imageOverriders: remove of ${o.component} on "${formatImage(ref)}", which has none`);
      continue;
    }
    if (key === 'tag' && o.operator === 'add' && ref.digest !== undefined) {
      report(`imageOverriders: add to the Tag of "${formatImage(ref)}", which is pinned by digest`);
      continue;
    }
    const next = o.operator === 'remove' ? undefined : o.operator === 'add' ? `${current ?? ''}${o.value}` : o.value;
    // Like Karmada's SetTagOrDigest: a digest value pins the image, anything else is a tag.
    if (key === 'tag') ref = next !== undefined && DIGEST.test(next) ? { ...ref, tag: undefined, digest: next } : { ...ref, tag: next, digest: undefined };
    else if (key === 'repository' && next === undefined) report('imageOverriders: an image cannot lose its repository');
    else ref = { ...ref, [key]: next };
  }
  const result = formatImage(ref);
  const problem = imageProblem(result);
  if (problem) report(`imageOverriders make "${result}", which ${problem}`);
  else if (ref.registry !== undefined && !isRegistryHost(ref.registry)) {
    report(`imageOverriders make registry "${ref.registry}", which a runtime would read as a Docker Hub namespace; give a host such as registry.example.com`);
  }
  return result;
}

/** An image digest such as `sha256:<64 hex digits>`. */
const DIGEST = /^[a-z0-9]+:[a-f0-9]{32,}$/;

/** Applies label or annotation overriders in order; remove or replace of a key that is not there is reported. */
export function overrideMap(
  field: string,
  map: Readonly<Record<string, string>>,
  overriders: readonly MapOverrider[],
  report: (message: string) => void,
): Record<string, string> {
  const result: Record<string, string> = { ...map };
  for (const o of overriders) {
    for (const [key, value] of Object.entries(o.value)) {
      const present = Object.prototype.hasOwnProperty.call(result, key);
      if (o.operator === 'add') result[key] = value;
      else if (!present) report(`${field}: ${o.operator} of "${key}", which the workload does not have`);
      else if (o.operator === 'remove') delete result[key];
      else result[key] = value;
    }
  }
  return result;
}

/** Applies command or args overriders in order; a remove of an item that is not there is reported. */
export function overrideList(
  field: string,
  container: string,
  list: readonly string[] | undefined,
  overriders: readonly ListOverrider[],
  report: (message: string) => void,
  pod: readonly string[] = [container],
): string[] | undefined {
  let result = list ? [...list] : undefined;
  for (const o of overriders) {
    if (o.containerName !== undefined && o.containerName !== container) {
      const index = pod.indexOf(o.containerName);
      report(
        index >= 0
          ? `${field}: container "${o.containerName}" is not the service's container ("${container}"), the only one overriders change; patch /spec/template/spec/containers/${index}/${field === 'argsOverriders' ? 'args' : 'command'} instead`
          : `${field}: container "${o.containerName}" does not exist (the workload's container is "${container}")`,
      );
      continue;
    }
    if (o.operator === 'add') {
      result = [...(result ?? []), ...o.value];
      continue;
    }
    for (const item of o.value) {
      if (!result?.includes(item)) report(`${field}: remove of "${item}", which is not among [${(result ?? []).join(', ')}]`);
    }
    result = (result ?? []).filter((item) => !o.value.includes(item));
  }
  return result;
}

/** Applies JSON patch operations in order to a copy of `manifest`; a path that points at nothing is reported. */
export function applyJsonPatches(manifest: Manifest, patches: readonly JsonPatchOperation[], report: (message: string) => void): Manifest {
  const root = jsonCopy(manifest) as unknown as Record<string, unknown>;
  for (const patch of patches) {
    const tokens = pointerTokens(patch.path);
    if (tokens === undefined || tokens.length === 0) {
      report(`patches: path "${patch.path}" is not a JSON pointer to a field, such as /spec/template/spec/nodeSelector`);
      continue;
    }
    const parent = walk(root, tokens.slice(0, -1));
    const last = tokens[tokens.length - 1];
    if (parent === undefined || typeof parent !== 'object' || parent === null) {
      report(`patches: ${patch.op} at "${patch.path}": its parent does not exist in the workload`);
      continue;
    }
    if (Array.isArray(parent)) {
      applyToArray(parent, last, patch, report);
      continue;
    }
    const object = parent as Record<string, unknown>;
    const present = Object.prototype.hasOwnProperty.call(object, last);
    if (patch.op !== 'add' && !present) {
      report(`patches: ${patch.op} at "${patch.path}", which does not exist in the workload`);
      continue;
    }
    if (patch.op === 'remove') delete object[last];
    else object[last] = jsonCopy(patch.value);
  }
  return root as unknown as Manifest;
}

function applyToArray(array: unknown[], token: string, patch: JsonPatchOperation, report: (message: string) => void): void {
  const index = token === '-' ? array.length : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : Number.NaN;
  const limit = patch.op === 'add' ? array.length : array.length - 1;
  if (Number.isNaN(index) || index > limit || (token === '-' && patch.op !== 'add')) {
    report(`patches: ${patch.op} at "${patch.path}": index ${token} is outside the list of ${array.length}`);
    return;
  }
  if (patch.op === 'add') array.splice(index, 0, jsonCopy(patch.value));
  else if (patch.op === 'remove') array.splice(index, 1);
  else array[index] = jsonCopy(patch.value);
}

/** RFC 6901 reference tokens of a pointer, or undefined when it is not one. */
function pointerTokens(pointer: string): string[] | undefined {
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(value: unknown, tokens: readonly string[]): unknown {
  let current = value;
  for (const token of tokens) {
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(token) ? current[Number(token)] : undefined;
    else if (typeof current === 'object' && current !== null) current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}

/**
 * A deep copy of JSON data. Not structuredClone: under a VM context (Jest) it builds arrays of the outer
 * realm, which libraries checking `instanceof Array` (Pulumi's serializer) take for plain objects.
 */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
