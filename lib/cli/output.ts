// Reads a synthesized output back: its plan document and, for every cluster, the objects it receives, as
// manifests. Every command that looks at an output starts here, so they agree on what an output holds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../core/kube/manifest';
import { type FleetDocument, type ObjectEntry, PLAN_FILE, PLAN_SCHEMA_VERSION, type PlanDocument } from '../core/report/plan-document';
import { planShapeProblems } from './plan-document-shape';

const AGAIN = 'synthesize the program again (was the file edited by hand?)';

/** An output that cannot be read: the command line pointed at the wrong place, or the files are damaged. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** One fleet of an output, with each cluster's objects read. */
export interface LoadedFleet {
  readonly document: FleetDocument;
  /** Each cluster's objects, in apply order, by cluster name. */
  readonly objects: Readonly<Record<string, readonly Manifest[]>>;
}

/** A synthesized output, read. */
export interface LoadedOutput {
  /** The output directory, absolute. */
  readonly dir: string;
  readonly document: PlanDocument;
  readonly fleets: readonly LoadedFleet[];
}

/**
 * Reads `<dir>/clusterset.plan.json` and the objects it lists; throws OutputError saying what is wrong and what
 * to do. The document's whole shape is checked first (planShapeProblems), so a command reads what it returns as
 * the types say.
 */
export function readOutput(dir: string): LoadedOutput {
  const root = path.resolve(dir);
  const planPath = path.join(root, PLAN_FILE);
  if (!fs.existsSync(planPath)) {
    throw new OutputError(`${planPath} does not exist; synthesize the program first (npm run synth, or clusterset synth), or point --dir at its output`);
  }
  const document = readPlanDocument(planPath);
  const files = new Map<string, Manifest[]>();
  const fleets = document.fleets.map((fleet) => ({
    document: fleet,
    objects: Object.fromEntries(fleet.clusters.map((c) => [c.cluster.name, c.objects.map((entry) => manifestOf(root, entry, files))])),
  }));
  return { dir: root, document, fleets };
}

/** A plan document that cannot be read: `reason` is what is wrong with it and what to do, after its name. */
export class PlanDocumentError extends OutputError {
  constructor(
    public readonly file: string,
    public readonly reason: string,
  ) {
    super(`${file} ${reason}`);
  }
}

/**
 * The plan document at `planPath`, parsed and checked whole (planShapeProblems), for readOutput and for
 * `clusterset validate` (which reads the objects of the output's files itself); throws PlanDocumentError.
 */
export function readPlanDocument(planPath: string): PlanDocument {
  const refuse = (reason: string) => new PlanDocumentError(planPath, reason);
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(planPath, 'utf8'));
  } catch (e) {
    throw refuse(`is not valid JSON (${(e as Error).message}); synthesize the program again`);
  }
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number' || !Array.isArray((document as { fleets?: unknown }).fleets)) {
    throw refuse('is not a clusterset plan (no schemaVersion and fleets); synthesize the program again');
  }
  if (Math.floor(version) > PLAN_SCHEMA_VERSION) {
    throw refuse(`has schemaVersion ${version}, newer than this clusterset reads (${PLAN_SCHEMA_VERSION}); upgrade clusterset`);
  }
  const problems = planShapeProblems(document);
  if (problems.length > 0) throw refuse(`is damaged: ${problems.join('; ')}; ${AGAIN}`);
  return document as PlanDocument;
}

/** The member object an entry names: inline, or found in its file by apiVersion, kind, namespace and name. */
function manifestOf(root: string, entry: ObjectEntry, files: Map<string, Manifest[]>): Manifest {
  // planShapeProblems vouches for an inline manifest's identity, and that an entry without one names a file.
  if (entry.manifest) return entry.manifest as unknown as Manifest;
  const where = `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name}`;
  if (entry.file === undefined) throw new Error(`${where} has neither file nor manifest, past planShapeProblems`);
  let manifests = files.get(entry.file);
  if (!manifests) {
    const file = path.join(root, entry.file);
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new OutputError(`${PLAN_FILE} lists ${where} in ${entry.file}, outside ${root}; ${AGAIN}`);
    if (!fs.existsSync(file)) throw new OutputError(`${file}, which ${PLAN_FILE} lists for ${where}, does not exist; synthesize the program again`);
    manifests = readManifests(file, where);
    files.set(entry.file, manifests);
  }
  const found = manifests.find(
    (m) => m.apiVersion === entry.apiVersion && m.kind === entry.kind && m.metadata?.name === entry.name && (m.metadata?.namespace ?? undefined) === (entry.namespace ?? undefined),
  );
  if (!found) throw new OutputError(`${path.join(root, entry.file)} does not hold ${where}, which ${PLAN_FILE} lists there; synthesize the program again (was the file edited?)`);
  return found;
}

/** The objects of one YAML file (anything else in it, such as a bare string, is no object and never matches). */
function readManifests(file: string, where: string): Manifest[] {
  try {
    return parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJSON() as Manifest | null)
      .filter((m): m is Manifest => m !== null && typeof m === 'object');
  } catch (e) {
    throw new OutputError(`${file}, which ${PLAN_FILE} lists for ${where}, cannot be read (${(e as Error).message}); ${AGAIN}`);
  }
}
