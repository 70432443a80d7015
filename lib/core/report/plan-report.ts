// The plan as people read it in a terminal (issue 11 §5): per cluster and per phase, replicas, usage against
// capacity, what moved and what was degraded. Pure: it reads a FleetPlan and nothing else.
import { MigrationPhase } from '../api/migration';
import { ClusterSetValidationError } from '../errors';
import type { FleetPlan } from '../model';
import { degradedSection, moveSection } from './changes';
import { clusterSection } from './cluster-table';
import { headerLines } from './header';
import { phaseSection, replicaSection } from './replica-table';

/** How to render a plan report. */
export interface PlanReportOptions {
  /** The report's first line, such as the fleet's construct path. @default 'clusterset plan' */
  readonly title?: string;
  /**
   * The page width in characters: a table wider than this is split into blocks of cluster columns, each
   * repeating the row names, and long lines are wrapped. A whole number, 40 or more.
   * @default 100
   */
  readonly width?: number;
  /** Whether to add one section per earlier migration phase (replicas of the moving services per cluster). @default true */
  readonly earlierPhases?: boolean;
}

const DEFAULT_TITLE = 'clusterset plan';
const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const PHASES = Object.values(MigrationPhase);

/** Renders a plan as plain text for terminals and review comments: no colour, fixed-width tables. */
export class PlanReport {
  /**
   * The report of `plan`: a header (cluster statuses, migrations at their phase), a table of clusters (status,
   * pods, CPU and memory against allocatable, services by role), the replicas of each service per cluster as
   * planned with every cluster ready and in this plan, the moves and the degraded replicas, and one short
   * section per earlier migration phase. The same plan gives the same text.
   */
  public static text(plan: FleetPlan, options?: PlanReportOptions): string {
    const width = options?.width ?? DEFAULT_WIDTH;
    if (!Number.isInteger(width) || width < MIN_WIDTH) {
      throw new ClusterSetValidationError([
        `PlanReport.text: options.width must be a whole number of at least ${MIN_WIDTH} characters, got ${JSON.stringify(width)}; give a wider page, or leave it out for ${DEFAULT_WIDTH}`,
      ]);
    }
    const migrations = plan.operations?.migrations ?? [];
    const current = migrations.length > 0 ? ` at ${migrations.map((m) => m.phase).join(', ')}` : '';
    const earlier = options?.earlierPhases === false ? [] : (plan.earlierPhases ?? []);
    const sections = [
      headerLines(plan, options?.title ?? DEFAULT_TITLE, width),
      clusterSection(plan, width),
      replicaSection(plan, `Replicas per cluster${current}`, width),
      moveSection(plan, width),
      degradedSection(plan, width),
      ...earlier.map((phase) =>
        phaseSection(phase, plan, `Earlier phase ${PHASES.indexOf(phase.phase) + 1} of ${PHASES.length}, ${phase.phase}: replicas of the moving services`, width),
      ),
    ];
    return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
  }

  private constructor() {}
}
