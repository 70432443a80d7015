/** How a message shows a value it refuses: its kind and, shortened, its content. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `the string ${shorten(JSON.stringify(value))}`;
    case 'number':
      return Number.isFinite(value) ? `the number ${value}` : String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the bigint ${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return `a list ${shorten(safeJson(value))}`;
  const proto = Object.getPrototypeOf(value) as object | null;
  const plain = proto === null || Object.getPrototypeOf(proto) === null;
  if (!plain) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `an instance of ${name}` : 'an object of a class';
  }
  return `an object ${shorten(safeJson(value))}`;
}

const LONGEST = 60;

function shorten(text: string): string {
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 3)}...` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(not printable)';
  }
}
