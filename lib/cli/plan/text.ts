// `clusterset plan` as people read it: per fleet, the plan report's header and replica tables (shared with
// PlanReport), then the clusters with their object counts and the services × clusters.
import type { FleetDocument } from '../../core/report/plan-document';
import { degradedSection, moveSection } from '../../core/report/changes';
import { headerLines } from '../../core/report/header';
import { replicaSection } from '../../core/report/replica-table';
import { wrapWords } from '../../core/report/wrap';
import type { Style } from '../style';
import { clip } from '../clip';
import { clusterLines } from './cluster-table';
import { fleetPlanOf } from './fleet-plan';
import { northSouthLines } from './north-south-table';
import { serviceLines } from './service-table';

/** One fleet's text, its section titles styled; at most `width` columns wherever a cell allows. */
export function fleetText(fleet: FleetDocument, width: number, style: Style): string {
  const plan = fleetPlanOf(fleet);
  const migrations = plan.operations?.migrations ?? [];
  const at = migrations.length > 0 ? ` at ${migrations.map((m) => m.phase).join(', ')}` : '';
  const [title, rule, ...header] = headerLines(plan, clip(`Fleet ${fleet.path} (${fleet.delivery})`, width), width);
  const sections = [
    [style.apply('bold', title), rule, ...header],
    clusterLines(fleet, width),
    replicaSection(plan, `Replicas per cluster${at}`, width),
    serviceLines(fleet, width),
    // Moves and degradation exist only where operations changed the plan; without them the lines say nothing.
    ...(plan.operations ? [moveSection(plan, width), degradedSection(plan, width)] : []),
    northSouthLines(fleet, width),
  ].filter((lines) => lines.length > 0);
  // Section titles of the shared report are not cut to the page; they are wrapped here.
  const titled = sections.map(([first, ...rest]) => [...(first === title ? [first] : wrapWords(first, width).map((l) => style.apply('bold', l))), ...rest]);
  return `${titled.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
