// Moving services from one cluster to another as a sequence of reviewed phases (docs/operations.md).
import type { LabelSelector } from './label-selector';

/** The phases of a migration, each a complete plan; a program applies them in this order, one commit each. */
export enum MigrationPhase {
  /** The target runs and exports beside the source, so clusterset DNS answers with both. */
  BOTH_ACTIVE = 'BOTH_ACTIVE',
  /** Placeholders and north-south weights point at the target only; the source still runs but no longer exports. */
  SWITCH = 'SWITCH',
  /** The source becomes a placeholder pointing at the target. */
  DRAIN = 'DRAIN',
}

/** A migration of services from one cluster to another, at one phase. */
export interface MigrationProps {
  /** The cluster the services leave. @default - no default */
  readonly from: string;
  /** The cluster they move to: ready, and with room for what it receives. @default - no default */
  readonly to: string;
  /** The phase to plan; returning to the previous phase is the failback. @default - no default */
  readonly phase: MigrationPhase;
  /**
   * The services that move, by name (`orders`) or `namespace/name`; each must run in `from`.
   * @default - every service that runs in `from`
   */
  readonly services?: string[];
  /**
   * Moves the services whose labels (`labels` of the service) match, among those `services` names (or all
   * that run in `from`).
   * @default - no selection by labels
   */
  readonly serviceSelector?: LabelSelector;
}
