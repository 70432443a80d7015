// RFC 6902 add / remove / replace on plain JSON, as the Go json-patch library Karmada uses applies them:
// a missing parent, or removing or replacing what is not there, is an error; nothing is half applied.

type Json = any;

export interface PatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
}

/** The patched copy of `doc`; throws with the failing operation when one cannot apply. */
export function applyPatch<T>(doc: T, operations: readonly PatchOperation[]): T {
  const result = structuredClone(doc) as Json;
  for (const operation of operations) {
    const tokens = pointer(operation.path);
    if (tokens.length === 0) throw new Error(`${operation.op} ${operation.path}: the whole document cannot be patched here`);
    const parent = tokens.slice(0, -1).reduce((node: Json, token: string) => {
      const child = Array.isArray(node) ? node[Number(token)] : node?.[token];
      if (child === undefined || child === null || typeof child !== 'object') throw new Error(`${operation.op} ${operation.path}: no "${token}" to descend into`);
      return child;
    }, result);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) patchArray(parent, last, operation);
    else patchObject(parent, last, operation);
  }
  return result;
}

function patchArray(list: Json[], token: string, operation: PatchOperation): void {
  const index = token === '-' ? list.length : Number(token);
  if (!Number.isInteger(index) || index < 0) throw new Error(`${operation.op} ${operation.path}: "${token}" is no array index`);
  if (operation.op === 'add') {
    if (index > list.length) throw new Error(`${operation.op} ${operation.path}: index out of range`);
    list.splice(index, 0, structuredClone(operation.value));
  } else if (operation.op === 'remove' || operation.op === 'replace') {
    if (index >= list.length) throw new Error(`${operation.op} ${operation.path}: index out of range`);
    if (operation.op === 'remove') list.splice(index, 1);
    else list[index] = structuredClone(operation.value);
  } else throw new Error(`unsupported operation "${operation.op}"`);
}

function patchObject(node: Record<string, Json>, key: string, operation: PatchOperation): void {
  if (operation.op === 'add') node[key] = structuredClone(operation.value);
  else if (operation.op === 'remove' || operation.op === 'replace') {
    if (!(key in node)) throw new Error(`${operation.op} ${operation.path}: nothing there`);
    if (operation.op === 'remove') delete node[key];
    else node[key] = structuredClone(operation.value);
  } else throw new Error(`unsupported operation "${operation.op}"`);
}

function pointer(path: string): string[] {
  if (!path.startsWith('/')) throw new Error(`path "${path}" does not start with "/"`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
