// `clusterset validate [<dir>] [--crds DIR ...] [--allow-unknown-kinds]`: every object of a synthesized
// output checked offline against the maintained model packages and the CRDs the user points at, as the
// API server would check it before accepting it; for CI, before anything is applied.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliCommand, type CliIo, ExitCode } from '../command';
import { parseOptions, UsageError } from '../parse-options';
import { Style } from '../style';
import { SchemaSourceError } from '../validate/crd-schemas';
import { isRecord } from '../validate/json';
import { MODEL_PACKAGES } from '../validate/model-packages';
import { outputObjects } from '../validate/output-objects';
import { type CheckedObject, renderReport } from '../validate/report';
import { SchemaValidator } from '../validate/schema-validator';

const HELP = `Usage: clusterset validate [<dir>] [--crds DIR ...] [--allow-unknown-kinds]

Checks every object of a synthesized output offline: each YAML file under the folder (every cluster's
objects and the hub's) and the member objects hub engines keep in clusterset.plan.json, against the
schemas of ${MODEL_PACKAGES.join(', ')}, and against the CRDs (and Gatekeeper ConstraintTemplates) found
in the folders given with --crds. Each error names the file, the object and the field.

Options:
  <dir>, --dir DIR       the output folder (default: dist)
  --crds DIR             a folder searched recursively for CRD YAML files; repeatable (default: none)
  --allow-unknown-kinds  kinds no schema knows are still listed, but do not fail the run (default: they do)
  -h, --help             this text

Exit codes: 0 every object valid; 1 an object is invalid, or of a kind no schema knows (unless
--allow-unknown-kinds); 2 a usage error, a missing folder or an unreadable file.

Example:
  clusterset validate dist --crds ../crds/mcs-api --crds ../crds/karmada
`;

interface Options {
  readonly dir: string;
  readonly crds: readonly string[];
  readonly allowUnknownKinds: boolean;
}

/** The options; throws UsageError. */
function parse(args: readonly string[], io: CliIo): Options {
  const { values, positionals } = parseOptions('validate', args, { dir: { type: 'string' }, crds: { type: 'string', multiple: true }, 'allow-unknown-kinds': { type: 'boolean' } }, 1);
  const given = typeof values.dir === 'string' ? values.dir : undefined;
  if (positionals.length === 1 && given !== undefined) throw usage(`the output folder is given twice (${positionals[0]} and --dir ${given}); keep one`);
  // `crds` is declared `multiple`: util.parseArgs gives it as a list.
  const crds = (values.crds as unknown as string[] | undefined) ?? [];
  return {
    dir: path.resolve(io.cwd, positionals[0] ?? given ?? 'dist'),
    crds: crds.map((d) => path.resolve(io.cwd, d)),
    allowUnknownKinds: values['allow-unknown-kinds'] === true,
  };
}

function usage(message: string): UsageError {
  return new UsageError(`${message}; see clusterset validate --help`);
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parse(args, io);
  if (!fs.existsSync(options.dir) || !fs.statSync(options.dir).isDirectory()) {
    throw usage(`${options.dir} is not a folder; synthesize the program first (npm run synth), or name its output folder`);
  }
  let validator: SchemaValidator | undefined;
  try {
    validator = new SchemaValidator({ crdDirs: options.crds });
    if (!validator.modelPackageDirs.some((d) => d.endsWith(`${path.sep}kubernetes-models`))) {
      throw usage('the kubernetes-models package is not installed beside clusterset; reinstall clusterset (npm install clusterset)');
    }
    return validate(options, validator, io);
  } catch (e) {
    // A CRD file the user pointed at is damaged; anything else unexpected is reported as a usage error, never thrown.
    if (e instanceof UsageError) throw e;
    throw usage(e instanceof SchemaSourceError ? e.message : `cannot validate ${options.dir}: ${(e as Error).message ?? String(e)}`);
  } finally {
    await validator?.close();
  }
}

function validate(options: Options, validator: SchemaValidator, io: CliIo): ExitCode {
  const output = outputObjects(options.dir);
  const notes: string[] = [];
  if (!output.hasPlan) notes.push('no clusterset.plan.json here: only the YAML files are checked, not the member objects hub engines (KubeVela, Karmada) keep inline');
  if (output.objects.length === 0 && output.unreadable.length === 0) {
    throw usage(`${options.dir} holds no objects (no YAML file, no clusterset.plan.json); synthesize the program first, or name its output folder`);
  }
  const verdicts = validator.check(output.objects.map((o) => o.manifest));
  const checked: CheckedObject[] = output.objects.map((o, i) => {
    const m = isRecord(o.manifest) ? o.manifest : {};
    return { ...o, verdict: verdicts[i], apiVersion: String(m.apiVersion), kind: String(m.kind) };
  });
  io.out(renderReport({ checked, buildFiles: output.buildFiles, unreadable: output.unreadable, notes, allowUnknownKinds: options.allowUnknownKinds }, new Style(io)));
  if (output.unreadable.length > 0) return ExitCode.USAGE;
  if (checked.some((c) => c.verdict.problems.length > 0)) return ExitCode.FLAGGED;
  if (!options.allowUnknownKinds && checked.some((c) => !c.verdict.known)) return ExitCode.FLAGGED;
  return ExitCode.OK;
}

/** `clusterset validate`. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check every object of an output against Kubernetes, Istio, Argo CD, Prometheus schemas and your CRDs',
  help: HELP,
  run,
};
