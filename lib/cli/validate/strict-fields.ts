// The strictness pass: a JSON-schema validator accepts fields a CRD does not declare, while the API server
// prunes them (the value silently never arrives) or, with strict field validation, refuses the object.
// Either way the author meant something else: report each one.
import { isRecord, type Json } from './json';

const TYPE_META: readonly string[] = ['apiVersion', 'kind', 'metadata'];

/** "path: unknown field "name"" for every field of `value` that `schema` (a CRD's openAPIV3Schema) does not declare. */
export function unknownFields(value: unknown, schema: Json): string[] {
  const out: string[] = [];
  walk(value, schema, '', out, true);
  return out;
}

function walk(value: unknown, schema: Json, at: string, out: string[], root = false): void {
  if (Array.isArray(value)) {
    const { items } = schema;
    if (isRecord(items)) {
      for (const [i, item] of value.entries()) walk(item, items, `${at}[${i}]`, out);
    }
    return;
  }
  if (!isRecord(value)) return;
  const declared = declaredProperties(schema);
  const additional = schema.additionalProperties;
  const strict = declared.size > 0 && additional === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true;
  // Type meta is always allowed at the root and in embedded objects, declared or not (Istio CRDs omit it).
  const implicit = root || schema['x-kubernetes-embedded-resource'] === true ? TYPE_META : [];
  for (const [key, child] of Object.entries(value)) {
    if (root && key === 'metadata') continue;
    const where = at ? `${at}.${key}` : key;
    const sub = declared.get(key) ?? (isRecord(additional) ? additional : undefined);
    if (sub) walk(child, sub, where, out);
    else if (strict && !implicit.includes(key)) out.push(`${where}: unknown field "${key}"`);
  }
}

/** Properties declared on a node, including inside allOf/anyOf/oneOf branches. */
function declaredProperties(schema: Json): Map<string, Json> {
  const result = new Map<string, Json>();
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  for (const node of [schema, ...branches]) {
    if (!isRecord(node) || !isRecord(node.properties)) continue;
    for (const [name, sub] of Object.entries(node.properties)) if (isRecord(sub) && !result.has(name)) result.set(name, sub);
  }
  return result;
}
