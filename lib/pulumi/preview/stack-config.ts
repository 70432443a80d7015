import * as fs from 'node:fs';
import { parse } from 'yaml';

/** A stack's configuration as the engine hands it to a program. */
export interface StackConfig {
  /** Every key of the stack file, structured values as JSON text. */
  readonly config: Record<string, string>;
  /** The keys holding a secret, which are stood in for rather than decrypted. */
  readonly secrets: string[];
}

/** Reads `Pulumi.<stack>.yaml`: structured values as JSON text, secrets (`{ secure: ... }`) stood in for. */
export function readStackConfig(file: string): StackConfig {
  if (!fs.existsSync(file)) throw new Error(`no stack file ${file}: create it, or pass --stack with an existing one`);
  const entries = Object.entries((parse(fs.readFileSync(file, 'utf8'))?.config ?? {}) as Record<string, unknown>);
  const secrets: string[] = [];
  const config = Object.fromEntries(
    entries.map(([key, value]) => {
      const { value: plain, secret } = withoutSecrets(value);
      if (secret) secrets.push(key);
      return [key, typeof plain === 'string' ? plain : JSON.stringify(plain)];
    }),
  );
  return { config, secrets };
}

/** Replaces every `{ secure: ... }` value (top-level or nested, as `--path --secret` writes) with a stand-in; secrets are not decrypted offline. */
function withoutSecrets(value: unknown): { value: unknown; secret: boolean } {
  if (typeof value === 'object' && value !== null && 'secure' in value) return { value: '[secret: not decrypted offline]', secret: true };
  if (Array.isArray(value)) {
    const items = value.map(withoutSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
  }
  return { value, secret: false };
}
