import { Yaml } from 'cdk8s';

type Lines = string[];

/**
 * Where a scalar stands. The YAML library's quoting depends on it (a root key such as `---` would read
 * as a document marker at column 0, nested it would not), so each scalar is formatted in its place.
 */
type Place = 'rootKey' | 'key' | 'value' | 'item';

/** A one-entry document that puts a scalar in its place, and the text around the scalar to strip. */
const PLACES: Readonly<Record<Place, { wrap(value: unknown): unknown; before: string; after: string }>> = {
  rootKey: { wrap: (value) => ({ [String(value)]: 0 }), before: '', after: ': 0\n' },
  key: { wrap: (value) => ({ k: { [String(value)]: 0 } }), before: 'k:\n  ', after: ': 0\n' },
  value: { wrap: (value) => ({ k: value }), before: 'k: ', after: '\n' },
  item: { wrap: (value) => [value], before: '- ', after: '\n' },
};

/** Keys longer than this become explicit `? key` entries in the YAML library; such documents go to it whole. */
const LONGEST_PLAIN_KEY = 1000;

/**
 * Writes JSON documents as YAML, byte for byte as cdk8s's `Yaml.stringify` does, several times faster:
 * the block structure (maps, sequences, indentation) is written directly, and each distinct scalar is
 * formatted once by cdk8s's own YAML library and remembered, so quoting follows its rules exactly.
 * A document it cannot mirror (a multi-line string, a sequence inside a sequence, a non-object root,
 * undefined values) is handed to `Yaml.stringify` whole.
 */
export class YamlWriter {
  private readonly scalars = new Map<string, string | undefined>();
  private delegated = 0;

  /** How many documents were handed to `Yaml.stringify` whole (for tests and benchmarks). */
  public get documentsDelegated(): number {
    return this.delegated;
  }

  /** Like `Yaml.stringify(...docs)`: the documents joined with `---`. */
  public stringify(...docs: unknown[]): string {
    return docs.map((doc) => this.document(doc)).join('---\n');
  }

  private document(doc: unknown): string {
    const lines: Lines = [];
    if (isMap(doc) && Object.keys(doc).length > 0 && this.map(doc, 0, lines)) return `${lines.join('\n')}\n`;
    this.delegated++;
    return Yaml.stringify(doc);
  }

  /** Appends a non-empty map whose keys start at column `indent`; `firstPrefix` replaces the first key's indentation (`- ` of a sequence item). */
  private map(value: Readonly<Record<string, unknown>>, indent: number, lines: Lines, firstPrefix?: string): boolean {
    let prefix = firstPrefix ?? ' '.repeat(indent);
    let place: Place = prefix === '' ? 'rootKey' : 'key';
    for (const key of Object.keys(value)) {
      const formattedKey = key.length <= LONGEST_PLAIN_KEY ? this.scalar(key, place) : undefined;
      if (formattedKey === undefined || !this.entry(`${prefix}${formattedKey}:`, value[key], indent, lines)) return false;
      prefix = ' '.repeat(indent);
      place = indent === 0 ? 'rootKey' : 'key';
    }
    return true;
  }

  /** Appends one `key: value` entry whose line so far is `head`; nested blocks go two columns deeper. */
  private entry(head: string, value: unknown, indent: number, lines: Lines): boolean {
    if (Array.isArray(value)) {
      if (value.length === 0) return push(lines, `${head} []`);
      lines.push(head);
      return this.sequence(value, indent + 2, lines);
    }
    if (isMap(value)) {
      if (Object.keys(value).length === 0) return push(lines, `${head} {}`);
      lines.push(head);
      return this.map(value, indent + 2, lines);
    }
    const text = this.scalar(value, 'value');
    return text !== undefined && push(lines, `${head} ${text}`);
  }

  /** Appends a non-empty sequence whose `- ` markers sit at column `indent`. */
  private sequence(items: readonly unknown[], indent: number, lines: Lines): boolean {
    const marker = `${' '.repeat(indent)}- `;
    for (const item of items) {
      if (Array.isArray(item)) return false;
      if (isMap(item)) {
        if (Object.keys(item).length === 0) lines.push(`${marker}{}`);
        else if (!this.map(item, indent + 2, lines, marker)) return false;
        continue;
      }
      const text = this.scalar(item, 'item');
      if (text === undefined) return false;
      lines.push(`${marker}${text}`);
    }
    return true;
  }

  /** A scalar as the YAML library writes it in that place, or undefined when that takes more than one line. */
  private scalar(value: unknown, place: Place): string | undefined {
    if (typeof value === 'boolean') return String(value);
    if (value === null) return 'null';
    // -0 is an integer to JavaScript, but YAML writes its sign.
    if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const key = `${place}|${typeof value}|${value}`;
    if (this.scalars.has(key)) return this.scalars.get(key);
    const { wrap, before, after } = PLACES[place];
    const written = Yaml.stringify(wrap(value));
    const inner = written.startsWith(before) && written.endsWith(after) ? written.slice(before.length, written.length - after.length) : undefined;
    const text = inner === undefined || inner.includes('\n') ? undefined : inner;
    this.scalars.set(key, text);
    return text;
  }
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function push(lines: Lines, line: string): true {
  lines.push(line);
  return true;
}
