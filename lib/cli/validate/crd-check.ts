// Checks one object against one CRD schema: Ajv for types, required fields and enums, then the strictness
// pass for fields the schema does not declare. Validators are compiled once per schema and kept.
import Ajv, { type ValidateFunction } from 'ajv';
import type { CrdSchema } from './crd-schemas';
import { formatError, isRecord, type Json, type RawError } from './json';
import { unknownFields } from './strict-fields';

export class CrdCheck {
  // Formats (int32, date-time...) are not checked: the API server does not reject on most of them either,
  // and Ajv would log one warning per unknown format.
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  private readonly compiled = new Map<Json, ValidateFunction | string>();

  /**
   * "field: message (CRD file)" for each problem. `types` runs the Ajv pass: skipped when a model package
   * has already checked the kind, as compiling a large CRD (Argo CD's ApplicationSet) takes seconds.
   */
  public problems(crd: CrdSchema, manifest: Json, types: boolean): string[] {
    const messages: string[] = [];
    if (types) {
      const validate = this.validator(crd);
      if (typeof validate === 'string') messages.push(validate);
      else if (!validate(manifest)) messages.push(...((validate.errors ?? []) as RawError[]).map(formatError));
    }
    messages.push(...unknownFields(manifest, crd.schema));
    const file = crd.file.split(/[\\/]/).pop();
    return messages.map((m) => `${m} (CRD ${file})`);
  }

  private validator(crd: CrdSchema): ValidateFunction | string {
    let validate = this.compiled.get(crd.schema);
    if (validate === undefined) {
      try {
        validate = this.ajv.compile(ajvSchema(crd.schema));
      } catch (e) {
        validate = `(root): the CRD's schema cannot be compiled (${(e as Error).message}); fix or replace the CRD file`;
      }
      this.compiled.set(crd.schema, validate);
    }
    return validate;
  }
}

/** A deep copy Ajv understands: `x-kubernetes-int-or-string` becomes "integer or string". */
function ajvSchema(schema: Json): Json {
  const copy = structuredClone(schema);
  rewriteIntOrString(copy);
  return copy;
}

function rewriteIntOrString(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteIntOrString(item);
    return;
  }
  if (!isRecord(node)) return;
  for (const child of Object.values(node)) rewriteIntOrString(child);
  if (node['x-kubernetes-int-or-string'] !== true) return;
  // Keep any anyOf the CRD already had (usually the same two branches) as an extra constraint.
  if (node.anyOf !== undefined) node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: node.anyOf }];
  delete node.type;
  node.anyOf = [{ type: 'integer' }, { type: 'string' }];
}
