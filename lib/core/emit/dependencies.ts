// The objects a service's pods need, in one cluster: the declared ones in the service's namespace, each
// replaced by the placement's and then the cluster's override of the same kind and name.
import type { Manifest } from '../kube/manifest';
import { jsonCopy } from './overriders';
import type { Assignment, ResolvedService } from '../model';
import { own } from '../kube/own';
import { keyOf } from '../validate/dependencies';

/** The service's dependencies as written in `a`'s cluster, in declaration order. */
export function clusterDependencies(s: ResolvedService, a: Assignment): Manifest[] {
  const { options } = s.spec;
  const byKey = new Map((options.dependencies ?? []).map((d) => [keyOf(d), d]));
  for (const layer of [a.placement.props.overrides, own(options.clusterOverrides, a.cluster.name)]) {
    for (const d of layer?.dependencies ?? []) if (byKey.has(keyOf(d))) byKey.set(keyOf(d), d);
  }
  return [...byKey.values()].map((d) => inNamespace(d, s.model.namespace));
}

/** A copy of `d` in `namespace`, whether it named it or not. */
function inNamespace(d: Manifest, namespace: string): Manifest {
  const copy = jsonCopy(d);
  return { ...copy, metadata: { ...copy.metadata, namespace } };
}

/**
 * Dependencies already written per cluster and namespace, and by which service: two services may need
 * the same object, which is written once if both declare it alike.
 */
export class WrittenDependencies {
  private readonly written = new Map<string, { readonly content: string; readonly path: string }>();

  /** True when `d` is new in `cluster` (write it); false when written already, reporting a different content. */
  public claim(cluster: string, d: Manifest, path: string, report: (message: string) => void): boolean {
    const key = `${cluster}|${d.metadata.namespace}|${keyOf(d)}`;
    const content = dependencyContent(d);
    const earlier = this.written.get(key);
    if (!earlier) {
      this.written.set(key, { content, path });
      return true;
    }
    if (earlier.content !== content) report(differentDependency(d, cluster, earlier.path));
    return false;
  }
}

/** Two services declare one dependency of a cluster differently: the same words within a plan and across Pulumi services. */
export function differentDependency(d: Manifest, cluster: string, earlier: string): string {
  return (
    `declares ${d.kind} ${d.metadata.namespace}/${d.metadata.name} in cluster "${cluster}" differently from ${earlier}; ` +
    'a shared dependency is written once per cluster and namespace, so declare it alike in both services (or give one of them another name)'
  );
}

/** What two declarations of a dependency must share to be one object: its JSON with keys sorted, so field order does not matter. */
export function dependencyContent(d: Manifest): string {
  return canonical(d);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
