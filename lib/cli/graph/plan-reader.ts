// Field-by-field reading of a plan document for the graph: the document comes from a file a user may have
// edited or damaged, so a field of the wrong type becomes a message naming the file, the field and the fix,
// never a TypeError.

/** A plan document the graph cannot be drawn from. */
export class GraphInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphInputError';
  }
}

/** Reads the fields of one fleet of `file`, found at `where` (`fleets[0]`). */
export class PlanReader {
  constructor(
    private readonly file: string,
    private readonly where: string,
  ) {}

  /** The error for `field` (relative to the fleet): what is wrong, and to synthesize again. */
  public error(field: string, problem: string): GraphInputError {
    const at = field === '' ? this.where : `${this.where}.${field}`;
    return new GraphInputError(`${this.file}: ${at} ${problem}; synthesize the program again (was the file edited?)`);
  }

  public object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.error(field, `is ${describe(value)}, not an object`);
    return value as Record<string, unknown>;
  }

  public array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) throw this.error(field, `is ${describe(value)}, not a list`);
    return value;
  }

  /** A list that may be absent. */
  public optionalArray(value: unknown, field: string): unknown[] {
    return value === undefined ? [] : this.array(value, field);
  }

  public string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value === '') throw this.error(field, `is ${describe(value)}, not a non-empty string`);
    return value;
  }

  /** A replica count: a whole number, zero or more. */
  public count(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw this.error(field, `is ${describe(value)}, not a whole number of replicas`);
    return value;
  }

  /** One of `allowed` (`what` names them in the message), or `absent` when the field is missing. */
  public oneOf<T extends string>(value: unknown, allowed: readonly T[], absent: T, field: string, what: string): T {
    if (value === undefined) return absent;
    const found = allowed.find((s) => s === value);
    if (found === undefined) throw this.error(field, `is ${describe(value)}, not ${what} (${allowed.join(', ')})`);
    return found;
  }
}

/** A value as a message shows it: short, and never the whole of a large object. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
