/**
 * Thrown when a fleet or a service cannot be planned. It carries every problem found in one synth,
 * so a user fixes them all at once rather than one per run.
 */
export class ClusterSetValidationError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `clusterset: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was synthesized:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ClusterSetValidationError';
  }
}

/**
 * Collects problems, each prefixed with the construct path it belongs to. Clashes between services (the
 * checks of `FleetLedger`) are counted apart, since the Pulumi flavour reports them on the service's
 * resource once it is registered, and the service's own problems before.
 */
export class Problems {
  private readonly found: string[] = [];
  private clashes = 0;

  add(path: string, message: string): void {
    this.found.push(`${path}: ${message}`);
  }

  /** A problem that is a clash with what another service of the fleet claimed. */
  addClash(path: string, message: string): void {
    this.add(path, message);
    this.clashes++;
  }

  /** The problems found so far, each as `path: message`. */
  get messages(): string[] {
    return [...this.found];
  }

  /** Whether any problem was found. */
  get any(): boolean {
    return this.found.length > 0;
  }

  /** Throws every problem collected so far, if any. */
  throwIfAny(): void {
    if (this.found.length > 0) throw new ClusterSetValidationError(this.found);
  }

  /** Throws every problem collected so far, clashes included, if any of them is not a clash between services. */
  throwIfAnyBesidesClashes(): void {
    if (this.found.length > this.clashes) this.throwIfAny();
  }
}

/**
 * Reads the errors clusterset throws. jsii cannot export a subclass of Error, so the cdk8s entry point
 * offers these checks instead of the class (the Pulumi entry point still exports it for `instanceof`).
 */
export class ClusterSetErrors {
  /** Whether `error` is the error clusterset throws when a fleet cannot be planned. */
  public static isValidationError(error: unknown): boolean {
    return error instanceof ClusterSetValidationError;
  }

  /** Every problem a validation error carries, each naming the construct path, the value and the fix; empty for any other error. */
  public static problemsOf(error: unknown): string[] {
    return error instanceof ClusterSetValidationError ? [...error.problems] : [];
  }

  private constructor() {}
}
