// The active side of networking modes: what an active cluster adds for the placeholders that reach it.
import type { Assignment, ResolvedService } from '../model';
import type { Cluster } from '../resolved';
import type { Manifest } from '../kube/manifest';
import type { IActiveWiring } from '../wiring';
import { checkedModeObjects, checkExportMetadata } from '../validate/mode-objects';
import { isPlainObject } from '../validate/input/shape';
import { describeValue } from '../validate/input/describe';

/** What the modes add in one active cluster, merged. */
export interface ActiveAdditions {
  readonly exportLabels: Record<string, string>;
  readonly exportAnnotations: Record<string, string>;
  readonly objects: Manifest[];
}

/** Each mode with an active side, and the placeholder clusters of the service it wires, in fleet order. */
function activeModes(s: ResolvedService): Array<{ readonly name: string; readonly hook: IActiveWiring; readonly placeholders: Cluster[] }> {
  const modes = new Map<IActiveWiring, { name: string; hook: IActiveWiring; placeholders: Cluster[] }>();
  for (const p of s.assignments.filter((a) => a.role === 'placeholder')) {
    const hook = p.networking?.activeWiring;
    if (!hook || !p.networking) continue;
    const mode = modes.get(hook) ?? { name: p.networking.wiring.name, hook, placeholders: [] };
    mode.placeholders.push(p.cluster);
    modes.set(hook, mode);
  }
  return [...modes.values()];
}

/**
 * Asks every mode with placeholders of the service what active cluster `a` needs, once per mode (modes
 * sharing one active side count as one), and merges the answers; a label or annotation two modes set to
 * different values, and anything malformed, goes to `report`.
 */
export function activeAdditions(s: ResolvedService, a: Assignment, weight: number | undefined, report: (message: string) => void): ActiveAdditions {
  const merged: ActiveAdditions = { exportLabels: {}, exportAnnotations: {}, objects: [] };
  const setBy: Record<string, string> = {};
  for (const mode of activeModes(s)) {
    const answer: unknown = mode.hook.activeObjects({ service: s.model, cluster: a.cluster, placeholders: mode.placeholders, ...(weight !== undefined ? { weight } : {}) });
    if (!isPlainObject(answer)) {
      report(`networking ${mode.name} answered ${describeValue(answer)} for active cluster "${a.cluster.name}"; return an object such as { objects: [...] } (ActiveObjects)`);
      continue;
    }
    for (const field of ['exportLabels', 'exportAnnotations'] as const) {
      for (const [key, value] of Object.entries(checkExportMetadata(mode.name, a.cluster.name, field, answer[field], s.model, report))) {
        const earlier = setBy[`${field}/${key}`];
        if (earlier !== undefined && merged[field][key] !== value) {
          report(`networking ${mode.name} sets ${field} "${key}" to "${value}" in cluster "${a.cluster.name}", where ${earlier} sets it to "${merged[field][key]}"; give the placeholders of the service one of the two modes`);
          continue;
        }
        merged[field][key] = value;
        setBy[`${field}/${key}`] = `networking ${mode.name}`;
      }
    }
    if (answer.objects !== undefined) merged.objects.push(...checkedModeObjects(mode.name, a.cluster.name, s.model, answer.objects, report));
  }
  return merged;
}

/** The ServiceExport with the modes' labels and annotations, sorted after the service's own. */
export function withExportMetadata(serviceExport: Manifest, additions: ActiveAdditions): Manifest {
  const labels = Object.keys(additions.exportLabels).length > 0 ? { labels: { ...serviceExport.metadata.labels, ...sorted(additions.exportLabels) } } : {};
  const annotations = Object.keys(additions.exportAnnotations).length > 0 ? { annotations: sorted(additions.exportAnnotations) } : {};
  return { ...serviceExport, metadata: { ...serviceExport.metadata, ...labels, ...annotations } };
}

function sorted(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
