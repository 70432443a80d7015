// The CustomResourceDefinitions (and Gatekeeper ConstraintTemplates) found under the folders a user points
// at, like kubeconform's schema locations, indexed by "group/version Kind". Parsing megabytes of CRD YAML
// takes seconds, so a file is parsed only when a kind it mentions is looked up (a cheap text scan says which).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CONSTRAINT_GROUP, CONSTRAINT_VERSIONS, constraintSchema } from './constraint-schema';
import { isRecord, type Json } from './json';

/** A schema folder that is missing, or a schema file that cannot be read: the command line must change. */
export class SchemaSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaSourceError';
  }
}

/** One served version's schema, and the file it came from. */
export interface CrdSchema {
  readonly file: string;
  readonly schema: Json;
}

interface SchemaFile {
  readonly file: string;
  /** Every `kind:` value in the text: a superset of the kinds the file defines. */
  readonly mentions: ReadonlySet<string>;
  parsed: boolean;
}

const KIND_LINE = /^[ \t]*(?:-[ \t]+)?kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(?:#.*)?$/gm;

/** Every .yaml/.yml file under `dir`, recursively, sorted. */
function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
}

/** The schemas of every CRD and ConstraintTemplate under some folders. */
export class CrdSchemas {
  private readonly files: SchemaFile[];
  private readonly index = new Map<string, CrdSchema>();

  /** Throws SchemaSourceError when a folder does not exist or is not a folder. */
  constructor(dirs: readonly string[]) {
    for (const dir of dirs) {
      if (!fs.existsSync(dir)) throw new SchemaSourceError(`--crds ${dir}: no such folder; point it at a folder of CRD YAML files`);
      if (!fs.statSync(dir).isDirectory()) throw new SchemaSourceError(`--crds ${dir}: not a folder; point it at the folder that holds the file`);
    }
    this.files = dirs.flatMap(yamlFiles).map((file) => ({ file, mentions: mentions(file), parsed: false }));
  }

  /** How many YAML files the folders hold. */
  public get fileCount(): number {
    return this.files.length;
  }

  /**
   * The schema of `apiVersion` `kind`, if a file defines it. `exhaustive` parses every file before saying no
   * (for kinds nothing else knows); otherwise only files that mention the kind are read.
   */
  public lookup(apiVersion: string, kind: string, exhaustive: boolean): CrdSchema | undefined {
    const key = `${apiVersion} ${kind}`;
    // Files that mention the kind first; the rest only for a kind still unknown (a CRD written oddly).
    for (const pass of exhaustive ? [true, false] : [true]) {
      for (const f of this.files) {
        if (this.index.has(key)) return this.index.get(key);
        if (!f.parsed && (!pass || f.mentions.has(kind))) this.parse(f);
      }
    }
    return this.index.get(key);
  }

  private parse(f: SchemaFile): void {
    f.parsed = true;
    let text: string;
    try {
      text = fs.readFileSync(f.file, 'utf8');
    } catch (e) {
      throw new SchemaSourceError(`${f.file}: cannot be read (${(e as Error).message})`);
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        const [error] = doc.errors;
        throw new SchemaSourceError(`${f.file}: not valid YAML (${error.message.split('\n')[0]}); fix the file or remove it from the --crds folder`);
      }
      this.add(f.file, doc.toJS() as unknown);
    }
  }

  private add(file: string, doc: unknown): void {
    const constraint = constraintSchema(doc);
    if (constraint) {
      for (const version of CONSTRAINT_VERSIONS) this.set(`${CONSTRAINT_GROUP}/${version} ${constraint.kind}`, { file, schema: constraint.schema });
      return;
    }
    if (!isRecord(doc) || doc.kind !== 'CustomResourceDefinition' || !isRecord(doc.spec)) return;
    const { group, names, versions } = doc.spec;
    if (typeof group !== 'string' || !isRecord(names) || typeof names.kind !== 'string' || !Array.isArray(versions)) return;
    for (const version of versions as unknown[]) {
      if (!isRecord(version) || typeof version.name !== 'string' || !isRecord(version.schema)) continue;
      const schema = version.schema.openAPIV3Schema;
      if (isRecord(schema)) this.set(`${group}/${version.name} ${names.kind}`, { file, schema });
    }
  }

  /** The first file (in sorted order) that defines a version wins, as with a schema path list. */
  private set(key: string, schema: CrdSchema): void {
    if (!this.index.has(key)) this.index.set(key, schema);
  }
}

function mentions(file: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SchemaSourceError(`${file}: cannot be read (${(e as Error).message})`);
  }
  return new Set([...text.matchAll(KIND_LINE)].map((m) => m[1]));
}
