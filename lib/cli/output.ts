// Reads a synthesized output back: its plan document and, for every cluster, the objects it receives, as
// manifests. Every command that looks at an output starts here, so they agree on what an output holds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../core/kube/manifest';
import { type FleetDocument, type ObjectEntry, PLAN_FILE, PLAN_SCHEMA_VERSION, type PlanDocument } from '../core/report/plan-document';

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

/** Reads `<dir>/clusterset.plan.json` and the objects it lists; throws OutputError saying what is wrong and what to do. */
export function readOutput(dir: string): LoadedOutput {
  const root = path.resolve(dir);
  const planPath = path.join(root, PLAN_FILE);
  if (!fs.existsSync(planPath)) {
    throw new OutputError(`${planPath} does not exist; synthesize the program first (npm run synth, or clusterset synth), or point --dir at its output`);
  }
  const document = parsePlan(planPath);
  const files = new Map<string, Manifest[]>();
  const fleets = document.fleets.map((fleet) => ({
    document: fleet,
    objects: Object.fromEntries(fleet.clusters.map((c) => [c.cluster.name, c.objects.map((entry) => manifestOf(root, entry, files))])),
  }));
  return { dir: root, document, fleets };
}

function parsePlan(planPath: string): PlanDocument {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(planPath, 'utf8'));
  } catch (e) {
    throw new OutputError(`${planPath} is not valid JSON (${(e as Error).message}); synthesize the program again`);
  }
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number' || !Array.isArray((document as { fleets?: unknown }).fleets)) {
    throw new OutputError(`${planPath} is not a clusterset plan (no schemaVersion and fleets); synthesize the program again`);
  }
  if (Math.floor(version) > PLAN_SCHEMA_VERSION) {
    throw new OutputError(`${planPath} has schemaVersion ${version}, newer than this clusterset reads (${PLAN_SCHEMA_VERSION}); upgrade clusterset`);
  }
  return document as PlanDocument;
}

/** The member object an entry names: inline, or found in its file by apiVersion, kind, namespace and name. */
function manifestOf(root: string, entry: ObjectEntry, files: Map<string, Manifest[]>): Manifest {
  if (entry.manifest) return entry.manifest as unknown as Manifest;
  const where = `${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name}`;
  if (entry.file === undefined) throw new OutputError(`${PLAN_FILE} lists ${where} with neither file nor manifest; synthesize the program again`);
  let manifests = files.get(entry.file);
  if (!manifests) {
    const file = path.join(root, entry.file);
    if (!fs.existsSync(file)) throw new OutputError(`${file}, which ${PLAN_FILE} lists for ${where}, does not exist; synthesize the program again`);
    manifests = parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJSON() as Manifest | null)
      .filter((m): m is Manifest => m !== null && typeof m === 'object');
    files.set(entry.file, manifests);
  }
  const found = manifests.find(
    (m) => m.apiVersion === entry.apiVersion && m.kind === entry.kind && m.metadata?.name === entry.name && (m.metadata?.namespace ?? undefined) === (entry.namespace ?? undefined),
  );
  if (!found) throw new OutputError(`${path.join(root, entry.file)} does not hold ${where}, which ${PLAN_FILE} lists there; synthesize the program again (was the file edited?)`);
  return found;
}
