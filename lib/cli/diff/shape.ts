// What the diff needs of every object before it compares: a kind, an API version and a name. A hand-edited plan
// document or YAML file that breaks this is reported by place, never as a TypeError.
import { OutputError, type LoadedOutput } from '../output';

/** Throws OutputError naming the side, fleet, cluster and object of the first object the diff cannot identify. */
export function checkComparable(output: LoadedOutput, side: string): void {
  for (const fleet of output.fleets) {
    const fleetPath = String((fleet.document as { path?: unknown }).path);
    if (typeof fleet.document.path !== 'string') throw new OutputError(`${side}: a fleet of ${output.dir}'s plan has no path; synthesize the program again`);
    for (const [cluster, objects] of Object.entries(fleet.objects)) {
      objects.forEach((o, i) => {
        const where = `${side}: object #${i + 1} of cluster "${cluster}" in fleet ${fleetPath}`;
        if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new OutputError(`${where} is not an object; synthesize the program again`);
        const fields = { apiVersion: o.apiVersion, kind: o.kind, 'metadata.name': o.metadata?.name };
        for (const [field, value] of Object.entries(fields)) {
          if (typeof value !== 'string' || value === '') throw new OutputError(`${where} has no ${field} (${JSON.stringify(value) ?? 'absent'}); fix or regenerate that object`);
        }
        // The route model follows Services and EndpointSlices field by field: what it walks must have its shape.
        const body = o as unknown as Record<string, unknown>;
        const spec = body.spec;
        if ((spec !== undefined || o.kind === 'Service') && !isObject(spec)) throw new OutputError(`${where} (${o.kind} ${o.metadata?.name}) has spec ${JSON.stringify(spec) ?? 'absent'}, not an object; fix or regenerate that object`);
        for (const [field, value] of [['spec.ports', isObject(spec) ? spec.ports : undefined], ['ports', body.ports], ['endpoints', body.endpoints]] as const) {
          if (o.kind !== 'Service' && field === 'spec.ports') continue;
          if (value !== undefined && value !== null && !Array.isArray(value)) throw new OutputError(`${where} (${o.kind} ${o.metadata?.name}) has ${field} ${JSON.stringify(value)}, not a list; fix or regenerate that object`);
        }
        const ns: unknown = o.metadata.namespace;
        if (ns !== undefined && typeof ns !== 'string') throw new OutputError(`${where} has metadata.namespace ${JSON.stringify(ns)}, not a string; fix or regenerate that object`);
      });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
