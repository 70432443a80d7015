// The checks of a fleet's declared Namespaces: their names, labels and annotations.
import type { NamespaceProps } from '../api/namespace';
import type { Problems } from '../errors';
import { BUILT_IN_NAMESPACES } from '../kube/namespaces';
import { dns1123LabelProblem } from '../kube/names';
import { checkLabels } from './checks';
import { LABELS } from '../resolved';
import { podSecurityLabelProblems } from './workload-security';

/**
 * Each declared Namespace once, with a name clusterset may create, labels and annotations the API server
 * accepts, and without clusterset's own managed-by label. Built-in Namespaces are refused: clusterset
 * neither creates nor owns them, so it could not keep their labels without fighting whoever does.
 */
export function checkDeclaredNamespaces(path: string, namespaces: readonly NamespaceProps[], problems: Problems): void {
  const seen = new Set<string>();
  namespaces.forEach((ns, i) => {
    const at = `${path}/namespaces[${i}]`;
    const report = (message: string) => problems.add(at, message);
    const nameProblem = dns1123LabelProblem(ns.name);
    if (nameProblem) report(`name "${ns.name}" ${nameProblem}`);
    if (BUILT_IN_NAMESPACES.has(ns.name)) {
      report(`name "${ns.name}" is a Namespace Kubernetes creates itself, which clusterset does not own; label it with the tool that manages the cluster, or use a Namespace of your own`);
    }
    if (seen.has(ns.name)) report(`name "${ns.name}" is declared twice; merge its labels and annotations into one entry`);
    seen.add(ns.name);
    checkLabels('labels', ns.labels, report);
    checkLabels('annotations', ns.annotations, report, { keysOnly: true });
    podSecurityLabelProblems(ns.labels).forEach(report);
    if (ns.labels && LABELS.managedBy in ns.labels) {
      report(`labels sets "${LABELS.managedBy}", which clusterset sets itself (it finds the Namespaces it manages by it); use another key`);
    }
  });
}
