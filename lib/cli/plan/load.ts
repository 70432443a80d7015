// The output `clusterset plan` reads: readOutput's, with every field the command reads checked first, so a
// damaged or hand-edited plan document is reported by field rather than failing with a TypeError.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLAN_FILE, type PlanDocument } from '../../core/report/plan-document';
import { OutputError, readOutput } from '../output';
import { planShapeProblems } from './shape';

const AGAIN = 'synthesize the program again (was the file edited by hand?)';

/** The plan document of the output in `dir`, with the objects it lists found; throws OutputError naming the file and field. */
export function loadPlan(dir: string): PlanDocument {
  const planPath = path.join(path.resolve(dir), PLAN_FILE);
  let document: PlanDocument;
  try {
    document = readOutput(dir).document;
  } catch (e) {
    if (e instanceof OutputError) throw e;
    // readOutput walks fields it trusts; a wrong one surfaces here, and the shape check names it.
    throw shapeError(planPath, JSON.parse(fs.readFileSync(planPath, 'utf8')) as unknown, e);
  }
  const problems = planShapeProblems(document);
  if (problems.length > 0) throw shapeError(planPath, document, undefined);
  return document;
}

function shapeError(planPath: string, document: unknown, cause: unknown): OutputError {
  const problems = planShapeProblems(document);
  if (problems.length === 0) return new OutputError(`${planPath} cannot be read (${(cause as Error)?.message ?? String(cause)}); ${AGAIN}`);
  return new OutputError(`${planPath} is damaged: ${problems.join('; ')}; ${AGAIN}`);
}
