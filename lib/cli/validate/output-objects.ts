// Every object a synthesized output holds, with where it was read: each YAML document under the folder
// (cluster folders, hub files, anything else written there), and the member objects that hub engines
// (KubeVela, Karmada) and one-file outputs keep inline in clusterset.plan.json, which no YAML file holds as is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PLAN_FILE, type PlanDocument } from '../../core/report/plan-document';
import { PlanDocumentError, readPlanDocument } from '../output';
import { isRecord } from './json';

/** One object and where it was read. */
export interface LocatedObject {
  /** The file, relative to the output folder; for inline objects, the plan file with fleet and cluster. */
  readonly source: string;
  readonly manifest: unknown;
}

/** What an output folder holds, for `clusterset validate`. */
export interface OutputObjects {
  /** Objects sent to clusters, sorted by source, in file order within a source. */
  readonly objects: readonly LocatedObject[];
  /** kustomize build files (kustomization.yaml): read by a tool, never sent to a cluster. */
  readonly buildFiles: readonly string[];
  /** "file: what is wrong" for every file that could not be read. */
  readonly unreadable: readonly string[];
  /** Whether the folder has a plan document (without one, inline member objects cannot be checked). */
  readonly hasPlan: boolean;
  /** How many YAML files were read. */
  readonly fileCount: number;
}

/** Every .yaml/.yml file under `dir`, relative, sorted. */
function yamlFiles(dir: string, sub = ''): string[] {
  return fs
    .readdirSync(path.join(dir, sub), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) return yamlFiles(dir, rel);
      return /\.ya?ml$/.test(entry.name) ? [rel] : [];
    });
}

/** kustomize's own files: `kustomize build` reads them, the API server never sees them. */
function isBuildFile(manifest: unknown): boolean {
  return isRecord(manifest) && typeof manifest.apiVersion === 'string' && manifest.apiVersion.startsWith('kustomize.config.k8s.io/');
}

/** JSON with sorted keys, to recognise an inline object that a YAML file of the output already holds. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Reads every object of the output folder `dir` (absolute); the folder must exist. */
export function outputObjects(dir: string): OutputObjects {
  const objects: LocatedObject[] = [];
  const buildFiles: string[] = [];
  const unreadable: string[] = [];
  const files = yamlFiles(dir);
  for (const file of files) {
    let docs;
    try {
      docs = parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      unreadable.push(`${file}: cannot be read (${(e as Error).message})`);
      continue;
    }
    const broken = docs.find((d) => d.errors.length > 0);
    if (broken) {
      unreadable.push(`${file}: not valid YAML (${broken.errors[0].message.split('\n')[0]}); synthesize again, or fix the file by hand`);
      continue;
    }
    const manifests = docs.map((d) => d.toJS() as unknown).filter((m) => m !== null && m !== undefined);
    if (manifests.some(isBuildFile)) buildFiles.push(file);
    for (const manifest of manifests) if (!isBuildFile(manifest)) objects.push({ source: file, manifest });
  }
  const plan = planObjects(dir, new Set(objects.map((o) => canonical(o.manifest))), unreadable);
  return { objects: [...objects, ...plan.objects], buildFiles, unreadable, hasPlan: plan.found, fileCount: files.length };
}

/** The inline member objects of the plan document that no YAML file holds; a document readOutput would refuse is unreadable, for the same reasons. */
function planObjects(dir: string, inFiles: ReadonlySet<string>, unreadable: string[]): { found: boolean; objects: LocatedObject[] } {
  const file = path.join(dir, PLAN_FILE);
  if (!fs.existsSync(file)) return { found: false, objects: [] };
  let document: PlanDocument;
  try {
    document = readPlanDocument(file);
  } catch (e) {
    if (!(e instanceof PlanDocumentError)) throw e;
    unreadable.push(`${PLAN_FILE}: ${e.reason}`);
    return { found: true, objects: [] };
  }
  const objects: LocatedObject[] = [];
  for (const fleet of document.fleets) {
    for (const { cluster, objects: entries } of fleet.clusters) {
      const source = `${PLAN_FILE} (fleet ${fleet.path}, cluster ${cluster.name})`;
      for (const { manifest } of entries) if (manifest !== undefined && !inFiles.has(canonical(manifest))) objects.push({ source, manifest });
    }
  }
  return { found: true, objects };
}
