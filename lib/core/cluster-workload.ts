// One cluster's copy of a service's workload: the service's settings with the overrides that apply
// there, in their order of precedence.
import type { Manifest } from './manifest';
import type { Role } from './objects';
import { applyJsonPatches, overrideImage, overrideList, overrideMap } from './overriders';
import { imageFor, mergeSorted, type Overrides } from './overrides';
import type { Assignment, ResolvedService } from './resolved-service';
import { WorkloadKind } from './service';
import { workloadManifest } from './workload';

/** Overrides fields that hold ordered rules. */
type ListKey = 'imageOverriders' | 'labelsOverriders' | 'annotationsOverriders' | 'commandOverriders' | 'argsOverriders' | 'patches';

/** The override sets of one cluster, lowest precedence first: the placement's, then the cluster's own. */
function layersOf(s: ResolvedService, a: Assignment): Overrides[] {
  return [a.placement.props.overrides, s.spec.options.clusterOverrides?.[a.cluster.name]].filter((o): o is Overrides => o !== undefined);
}

/**
 * Builds the workload for one assignment. Shorthands first (image parts over the cluster's registry,
 * labels, annotations, env, resources), then the Karmada-style overriders, then JSON patches; every
 * override that points at nothing is reported through `report`.
 */
export function clusterWorkload(s: ResolvedService, a: Assignment, report: (message: string) => void): Manifest {
  const { options } = s.spec;
  const layers = layersOf(s, a);
  const all = <K extends ListKey>(key: K): Array<NonNullable<Overrides[K]>[number]> => layers.flatMap((l) => [...(l[key] ?? [])]);
  const where = `cluster "${a.cluster.name}"`;
  const container = s.model.name;
  const workload = workloadManifest(s.model, {
    kind: options.workload ?? WorkloadKind.DEPLOYMENT,
    role: a.role as Role,
    image: overrideImage(
      imageFor(options.image, a.cluster.registry, Object.assign({}, ...layers.map((l) => l.image))),
      all('imageOverriders'),
      (m) => report(`${where}: ${m}`),
    ),
    replicas: a.replicas,
    labels: mergeSorted(...layers.map((l) => l.labels)),
    annotations: mergeSorted(options.annotations, ...layers.map((l) => l.annotations)),
    env: mergeSorted(options.env, ...layers.map((l) => l.env)),
    command: overrideList('commandOverriders', container, options.command, all('commandOverriders'), (m) => report(`${where}: ${m}`)),
    args: overrideList('argsOverriders', container, options.args, all('argsOverriders'), (m) => report(`${where}: ${m}`)),
    resources: layers.reduce((r, l) => l.resources ?? r, options.resources),
  });
  const labels = overrideMap('labelsOverriders', workload.metadata.labels ?? {}, all('labelsOverriders'), (m) => report(`${where}: ${m}`));
  const annotations = overrideMap('annotationsOverriders', workload.metadata.annotations ?? {}, all('annotationsOverriders'), (m) => report(`${where}: ${m}`));
  const { annotations: _before, ...metadata } = workload.metadata;
  const relabelled: Manifest = {
    ...workload,
    metadata: { ...metadata, labels: mergeSorted(labels), ...(Object.keys(annotations).length > 0 ? { annotations: mergeSorted(annotations) } : {}) },
  };
  const patches = all('patches');
  return patches.length > 0 ? applyJsonPatches(relabelled, patches, (m) => report(`${where}: ${m}`)) : relabelled;
}
