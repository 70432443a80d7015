// The fields that differ between two versions of one object, as JSON paths: what a reviewer reads instead of
// two YAML documents side by side.

/** One field that differs; `before` or `after` is left out where the field is absent on that side. */
export interface FieldChange {
  /** `spec.replicas`, `metadata.labels["app.kubernetes.io/name"]`, `spec.template.spec.containers[name=app].image` */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Every leaf that differs between `before` and `after`, in document order (keys sorted), deepest path first reached. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, changes: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const child = IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
      walk(before[key], after[key], child, changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) return walkArrays(before, after, path, changes);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  changes.push({ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
}

/**
 * Lists of named items (containers, ports, env, volumes, claim templates) are matched by name, as Kubernetes merges them, so an
 * item inserted first shows as one addition, not as every item after it changing; other lists go index by index.
 */
function walkArrays(before: unknown[], after: unknown[], path: string, changes: FieldChange[]): void {
  const names = (list: unknown[]) => list.map(nameOf);
  const [was, is] = [names(before), names(after)];
  const named = [...was, ...is].every((n) => n !== undefined) && new Set(was).size === was.length && new Set(is).size === is.length;
  if (named && (before.length > 0 || after.length > 0)) {
    const order = [...was, ...is.filter((n) => !was.includes(n))] as string[];
    for (const name of order) {
      walk(before[was.indexOf(name)], after[is.indexOf(name)], `${path}[name=${name}]`, changes);
    }
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], `${path}[${i}]`, changes);
}

/** The name a list item is known by: `name` (containers, ports, env), or `metadata.name` (volumeClaimTemplates). */
function nameOf(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.name === 'string') return item.name;
  const metadata = item.metadata;
  return isObject(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
