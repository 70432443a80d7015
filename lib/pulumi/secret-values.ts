// Secret values given as Pulumi Outputs (pulumi.secret(...), config.requireSecret(...)): they never reach the
// planner, which takes plain JSON and refuses plain-text Secret data, and are put back, as secrets, into the
// Secret resources the plan creates, so that Pulumi keeps them encrypted in the state.
import * as pulumi from '@pulumi/pulumi';
import type { Manifest } from '../core/kube/manifest';
import { isObject } from '../core/validate/input/shape';

const SECRET_FIELDS = ['data', 'stringData'] as const;
type SecretField = (typeof SECRET_FIELDS)[number];

/** Output values of the service's declared Secrets, by Secret name and field. */
export type SealedValues = ReadonlyMap<string, Partial<Record<SecretField, Record<string, pulumi.Output<unknown>>>>>;

/**
 * The options with every Output value of a declared Secret's `data` or `stringData` taken out, and those values.
 * Anything that is not a declared Secret with Output values is returned as it was (the planner checks it).
 */
export function sealSecretValues(options: Record<string, unknown>): { options: Record<string, unknown>; sealed: SealedValues } {
  const sealed = new Map<string, Partial<Record<SecretField, Record<string, pulumi.Output<unknown>>>>>();
  if (!Array.isArray(options.dependencies)) return { options, sealed };
  const dependencies = options.dependencies.map((d: unknown) => {
    if (!isObject(d) || d.kind !== 'Secret' || !isObject(d.metadata) || typeof d.metadata.name !== 'string') return d;
    const name = d.metadata.name;
    const copy: Record<string, unknown> = { ...d };
    for (const field of SECRET_FIELDS) {
      const values = d[field];
      if (!isObject(values)) continue;
      const outputs = Object.entries(values).filter(([, v]) => pulumi.Output.isInstance(v));
      if (outputs.length === 0) continue;
      sealed.set(name, { ...sealed.get(name), [field]: Object.fromEntries(outputs) });
      copy[field] = Object.fromEntries(Object.entries(values).filter(([, v]) => !pulumi.Output.isInstance(v)));
    }
    return copy;
  });
  return { options: { ...options, dependencies }, sealed };
}

/** The args of a planned object's resource: a declared Secret gets its Output values back, as secrets. */
export function unsealed(manifest: Manifest, args: Record<string, unknown>, sealed: SealedValues): Record<string, unknown> {
  const values = manifest.kind === 'Secret' && manifest.apiVersion === 'v1' ? sealed.get(manifest.metadata.name) : undefined;
  if (!values) return args;
  const result: Record<string, unknown> = { ...args };
  for (const field of SECRET_FIELDS) {
    const outputs = values[field];
    if (!outputs) continue;
    const plain = isObject(args[field]) ? args[field] : {};
    result[field] = { ...plain, ...Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, pulumi.secret(v)])) };
  }
  return result;
}
