// A Namespace added by hand to a cluster chart must not be written next to the one clusterset plans there.
import type { ApiObject, Chart } from 'cdk8s';

/**
 * Why Namespaces added by hand to `chart` clash with the Namespaces planned for it: both would be written,
 * and whichever is applied last would decide the Namespace's labels. A hand-made Namespace clusterset does
 * not plan stays the user's.
 */
export function handNamespaceProblems(fleetPath: string, chart: Chart, byHand: readonly ApiObject[], planned: ReadonlySet<string>): string[] {
  return byHand
    .filter((o) => o.kind === 'Namespace' && o.apiVersion === 'v1' && planned.has(o.metadata.name ?? ''))
    .map(
      (o) =>
        `${o.node.path}: Namespace "${o.metadata.name}" was added by hand to the chart of cluster "${chart.node.id}", where clusterset writes it too; ` +
        `remove it and declare its labels and annotations on the fleet (${fleetPath}): namespaces: [{ name: '${o.metadata.name}', labels: { ... } }]`,
    );
}
