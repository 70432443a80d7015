// What `clusterset validate` prints: the invalid objects grouped by file (object, then each field's
// problem), the kinds no schema knows, the files skipped and why, and one closing line with the counts.
// Lines are wrapped to fit a terminal, and everything is in a stable order.
import type { Style } from '../style';
import type { LocatedObject } from './output-objects';
import type { SchemaVerdict } from './schema-validator';

/** Terminal width the report wraps at. */
const WIDTH = 100;

/** One object, where it was read, and what the validator says. */
export interface CheckedObject extends LocatedObject {
  readonly verdict: SchemaVerdict;
  readonly apiVersion: string;
  readonly kind: string;
}

/** Everything the report shows. */
export interface ValidateReport {
  readonly checked: readonly CheckedObject[];
  readonly buildFiles: readonly string[];
  readonly unreadable: readonly string[];
  readonly notes: readonly string[];
  readonly allowUnknownKinds: boolean;
}

/**
 * `text` cut at spaces into lines of at most `width` columns: the first after `indent`, the next ones two
 * columns further in, so a wrapped line reads as the continuation of the one above. A word longer than a
 * line stays whole (a file name is not cut).
 */
export function wrap(text: string, indent: string, width: number = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  const prefix = () => (lines.length === 0 ? indent : `${indent}  `);
  for (const word of text.split(' ')) {
    if (line && prefix().length + line.length + 1 + word.length > width) {
      lines.push(prefix() + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(prefix() + line);
  return lines;
}

/** "a, b, c and 4 more" */
function some(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The report's lines (each ends with a newline). */
export function renderReport(report: ValidateReport, style: Style): string {
  const out: string[] = [];
  const invalid = report.checked.filter((c) => c.verdict.problems.length > 0);
  const unknown = report.checked.filter((c) => !c.verdict.known && c.verdict.problems.length === 0);
  for (const note of report.notes) out.push(...wrap(`note: ${note}`, ''));
  for (const problem of report.unreadable) out.push(...wrap(`${style.apply('red', 'unreadable')} ${problem}`, ''));
  const bySource = new Map<string, CheckedObject[]>();
  for (const c of invalid) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  for (const [source, objects] of bySource) {
    out.push(style.apply('bold', source));
    for (const c of objects) {
      out.push(`  ${style.apply('red', c.verdict.object)}`);
      for (const problem of c.verdict.problems) out.push(...wrap(problem, '    '));
    }
  }
  const kinds = new Map<string, string[]>();
  for (const c of unknown) {
    const key = `${c.apiVersion} ${c.kind}`;
    kinds.set(key, [...(kinds.get(key) ?? []), c.source]);
  }
  if (kinds.size > 0) {
    const why = report.allowUnknownKinds ? 'allowed by --allow-unknown-kinds' : 'add their CRDs with --crds DIR, or pass --allow-unknown-kinds';
    out.push(style.apply('yellow', `Kinds with no schema (not checked; ${why}):`));
    for (const [kind, sources] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push(...wrap(`${kind}: ${plural(sources.length, 'object')} (${some([...new Set(sources)])})`, '  '));
    }
  }
  if (report.buildFiles.length > 0) {
    out.push(...wrap(`Skipped ${plural(report.buildFiles.length, 'kustomize build file')}, never sent to a cluster (${some(report.buildFiles)})`, ''));
  }
  const valid = report.checked.length - invalid.length - unknown.length;
  const counts = [`${valid} valid`, `${invalid.length} invalid`, `${unknown.length} of unknown kinds`];
  if (report.unreadable.length > 0) counts.push(plural(report.unreadable.length, 'unreadable file'));
  // Inline objects count once for the plan document, not once per cluster.
  const files = new Set(report.checked.map((c) => c.source.split(' (')[0])).size;
  const colour = report.unreadable.length > 0 || invalid.length > 0 ? 'red' : unknown.length > 0 && !report.allowUnknownKinds ? 'yellow' : 'green';
  out.push(style.apply(colour, `${plural(report.checked.length, 'object')} from ${plural(files, 'file')}: ${counts.join(', ')}`));
  return out.map((l) => `${l}\n`).join('');
}
