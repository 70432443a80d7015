import { type PreviewedResource, urnSuffix } from './resource';

/** An order the engine can create the resources in: each after everything it depends on, otherwise in registration order. */
export function creationOrder(recorded: readonly PreviewedResource[]): PreviewedResource[] {
  // A URN ends in `::type::name` at the top level and `$type::name` under a parent.
  const suffixes = recorded.map(urnSuffix);
  const depsOf = (r: PreviewedResource) => r.dependencies.map((urn) => suffixes.find((s) => urn.endsWith(`::${s}`) || urn.endsWith(`$${s}`))).filter((s): s is string => !!s);
  const done = new Set<string>();
  const order: PreviewedResource[] = [];
  while (order.length < recorded.length) {
    const next = recorded.find((r) => !done.has(urnSuffix(r)) && depsOf(r).every((d) => done.has(d)));
    if (!next) {
      const waiting = recorded.filter((r) => !done.has(urnSuffix(r))).map(urnSuffix);
      throw new Error(`dependency cycle among resources: ${waiting.join(', ')} each wait for another of them; remove a dependsOn`);
    }
    done.add(urnSuffix(next));
    order.push(next);
  }
  return order;
}
