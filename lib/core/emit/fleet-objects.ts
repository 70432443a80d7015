// Objects of the fleet or of a namespace (governance, monitoring), not of one service: added to the plan
// of each cluster they are for, after its Namespaces, in their wave, with the Namespace they live in.
import { ApplyWave, type FleetPlan, type Owner, OwnerKind, type PlannedObject } from '../model';
import type { Manifest } from '../kube/manifest';
import { BUILT_IN_NAMESPACES } from '../kube/namespaces';
import { namespaceManifest } from './objects';
import type { NamespaceProps } from '../api/namespace';
import { applyWaveOf, compare } from './order';
import { immutableFieldsSet } from '../kube/immutable';

/** One object a fleet-level part places in one cluster. */
export interface FleetObject {
  /** The cluster it goes to. */
  readonly cluster: string;
  readonly manifest: Manifest;
  /**
   * The fleet (cluster-wide objects, objects of no service), a Namespace (its LimitRange, quota, policies),
   * or a service (a rule about it: its NetworkPolicy, its ServiceMonitor), whose engines then deliver it
   * with the service's own objects.
   */
  readonly owner: Owner;
}

/**
 * The plan with `objects` added to their clusters: within each wave before the services' objects (a
 * namespace's guardrails are in place before its workloads), each waiting for its Namespace, which is
 * added (bare, or as declared) where no service had brought it. Objects are taken in the order given.
 */
export function withFleetObjects(plan: FleetPlan, objects: readonly FleetObject[], declared: readonly NamespaceProps[] = []): FleetPlan {
  if (objects.length === 0) return plan;
  return {
    ...plan,
    clusters: plan.clusters.map((c) => {
      const mine = objects.filter((o) => o.cluster === c.cluster);
      if (mine.length === 0) return c;
      const present = new Set(c.objects.filter((o) => o.manifest.kind === 'Namespace').map((o) => o.manifest.metadata.name));
      const missing = [...new Set(mine.map((o) => o.manifest.metadata.namespace).filter((ns): ns is string => ns !== undefined && !BUILT_IN_NAMESPACES.has(ns) && !present.has(ns)))].sort(compare);
      const namespaces: PlannedObject[] = missing.map((ns) => ({
        manifest: namespaceManifest(ns, declared.find((d) => d.name === ns)),
        wave: ApplyWave.NAMESPACES,
        dependsOn: [],
        owner: { kind: OwnerKind.NAMESPACE, name: ns },
      }));
      const added: PlannedObject[] = mine.map(({ manifest, owner }) => {
        const ns = manifest.metadata.namespace;
        const replaceOnChanges = immutableFieldsSet(manifest);
        return {
          manifest,
          owner,
          ...(owner.kind === OwnerKind.SERVICE ? { servicePath: owner.name } : {}),
          wave: applyWaveOf(manifest),
          dependsOn: ns !== undefined && !BUILT_IN_NAMESPACES.has(ns) ? [{ cluster: c.cluster, apiVersion: 'v1', kind: 'Namespace', name: ns }] : [],
          ...(replaceOnChanges.length > 0 ? { replaceOnChanges } : {}),
        };
      });
      // Stable sort: Namespaces first (the new ones after the planned ones, by name), then by wave, fleet objects first in each.
      const all = [...c.objects.filter((o) => o.wave === ApplyWave.NAMESPACES), ...namespaces, ...added, ...c.objects.filter((o) => o.wave !== ApplyWave.NAMESPACES)];
      return { ...c, objects: all.sort((a, b) => a.wave - b.wave) };
    }),
  };
}
