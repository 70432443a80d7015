// Plain-JSON helpers the validator shares: records, JSON pointers as people read them, error wording.

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Whether `value` is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), readable for any input, however damaged. */
export function describeObject(manifest: Json): string {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '<no kind>';
  const meta = isRecord(manifest.metadata) ? manifest.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '<unnamed>';
  return typeof meta.namespace === 'string' ? `${kind} ${meta.namespace}/${name}` : `${kind} ${name}`;
}

/** One schema error, as both the model packages (Ajv inside) and our own Ajv report it. */
export interface RawError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Json;
}

/** "/spec/ports/0/port" -> "spec.ports[0].port": the way kubectl names a field. */
function readablePath(pointer: string): string {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const joined = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
  return joined || '(root)';
}

/** "spec.replicas: must be integer", with the allowed values or the unknown property when there are some. */
export function formatError(error: RawError): string {
  const params = isRecord(error.params) ? error.params : {};
  // Ajv versions differ in quoting the property; the model packages' older one does not.
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${readablePath(String(error.instancePath))}: must have required property ${params.missingProperty}`;
  }
  let detail = '';
  if (error.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  return `${readablePath(String(error.instancePath))}: ${error.message ?? error.keyword}${detail}`;
}
