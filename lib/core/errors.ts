/**
 * Thrown when a fleet or a service cannot be planned. It carries every problem found in one synth,
 * so a user fixes them all at once rather than one per run.
 */
export class ClusterSetValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(
      `clusterset: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was synthesized:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ClusterSetValidationError';
  }
}

/** Collects problems, each prefixed with the construct path it belongs to. */
export class Problems {
  private readonly found: string[] = [];

  add(path: string, message: string): void {
    this.found.push(`${path}: ${message}`);
  }

  /** Throws every problem collected so far, if any. */
  throwIfAny(): void {
    if (this.found.length > 0) throw new ClusterSetValidationError(this.found);
  }
}
