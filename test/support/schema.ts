/**
 * The test suite's view of the one schema validator (lib/cli/validate, also behind `clusterset validate`):
 * plain Kubernetes manifests against the maintained model packages (kubernetes-models, @kubernetes-models/istio,
 * argo-cd, prometheus-operator), the upstream CRDs under CRD_ROOT (`../shared/crds`) with a strictness pass
 * for undeclared fields, and Gatekeeper constraints against the templates of ../shared/gatekeeper-library.
 * A kind known to none of them is reported, never silently accepted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchemaSourceError } from '../../lib/cli/validate/crd-schemas';
import { SchemaValidator } from '../../lib/cli/validate/schema-validator';
import { LIBRARY_ROOT } from './gatekeeper';

export interface SchemaProblem {
  /** "Kind namespace/name" (or "Kind name" when cluster-scoped). */
  readonly object: string;
  readonly message: string;
}

/** Upstream CRDs, shared beside the repo (see ../shared/crds/README.md). */
export const CRD_ROOT: string = path.resolve(__dirname, '../../../shared/crds');

export function crdsAvailable(crdRoot: string = CRD_ROOT): boolean {
  return fs.existsSync(crdRoot) && fs.statSync(crdRoot).isDirectory();
}

/** One validator per CRD root, for the whole test file (the model packages' worker is stopped after it). */
const validators = new Map<string, SchemaValidator>();

function validator(crdRoot: string): SchemaValidator {
  let found = validators.get(crdRoot);
  if (!found) {
    const crdDirs = crdsAvailable(crdRoot) ? [crdRoot, ...(crdsAvailable(LIBRARY_ROOT) ? [LIBRARY_ROOT] : [])] : [];
    found = new SchemaValidator({ crdDirs });
    validators.set(crdRoot, found);
  }
  return found;
}

// Registered at import time (top level of a test file), so each test file's worker is stopped with it.
if (typeof afterAll === 'function') afterAll(() => Promise.all([...validators.values()].map((v) => v.close())));

function missingCrdsMessage(crdRoot: string): string {
  return `upstream CRDs not found at ${crdRoot}: clone the shared folder beside the repo (see ../shared/crds/README.md)`;
}

/** Every schema problem of each manifest, in order (one batch: one round trip to the model packages). */
function problemsOfAll(manifests: readonly Record<string, unknown>[], crdRoot: string): SchemaProblem[] {
  let verdicts;
  try {
    verdicts = validator(crdRoot).check(manifests);
  } catch (e) {
    if (e instanceof SchemaSourceError) return [{ object: '(schemas)', message: e.message }];
    throw e;
  }
  return verdicts.flatMap(({ object, known, problems }, i) => {
    const messages = [...problems];
    if (!known) {
      // Model-known kinds (core, Istio...) stay validated without the CRDs; only CRD kinds need them.
      messages.push(crdsAvailable(crdRoot) ? `no schema known for ${String(manifests[i].apiVersion)} ${String(manifests[i].kind)}` : missingCrdsMessage(crdRoot));
    }
    return messages.map((message) => ({ object, message }));
  });
}

/** Every schema problem of one manifest; empty when it is valid. `crdRoot` is overridable for tests only. */
export function schemaProblems(manifest: Record<string, unknown>, crdRoot: string = CRD_ROOT): SchemaProblem[] {
  return problemsOfAll([manifest], crdRoot);
}

/** Throws one Error listing every problem of every manifest (for jest tests). */
export function expectValidAgainstSchemas(manifests: readonly Record<string, unknown>[]): void {
  const problems = problemsOfAll(manifests, CRD_ROOT);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  - ${p.object}: ${p.message}`);
  throw new Error(`${problems.length} schema problem(s) in ${manifests.length} manifest(s):\n${lines.join('\n')}`);
}
