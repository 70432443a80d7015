// What `clusterset synth` runs and where it writes: --app and --output, else cdk8s.yaml's `app` and
// `output`, as `cdk8s synth` reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../parse-options';

/** The command to run and the output folder, absolute. */
export interface SynthProject {
  readonly app: string;
  readonly outdir: string;
}

const CONFIG = 'cdk8s.yaml';

/** The project in `cwd` with the command line's overrides; a usage error when no app is known or the config is damaged. */
export function synthProject(cwd: string, app: string | undefined, output: string | undefined): SynthProject {
  const file = path.join(cwd, CONFIG);
  let config: { app?: unknown; output?: unknown } = {};
  if (fs.existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`${file} is not valid YAML (${(e as Error).message.split('\n')[0]}); fix it, or give --app and --output`);
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new UsageError(`${file} must hold a mapping (app: ..., output: ...), got ${JSON.stringify(parsed)}; fix it, or give --app and --output`);
    }
    config = (parsed ?? {}) as typeof config;
  }
  for (const key of ['app', 'output'] as const) {
    if (config[key] !== undefined && (typeof config[key] !== 'string' || config[key] === '')) {
      throw new UsageError(`${file}: ${key} must be a non-empty string, got ${JSON.stringify(config[key])}; fix it, or give --${key}`);
    }
  }
  const command = app ?? (config.app as string | undefined);
  if (command === undefined || command.trim() === '') {
    throw new UsageError(
      fs.existsSync(file)
        ? `${file} has no app; add one (app: node main.js) or give --app 'node main.js'`
        : `no ${CONFIG} in ${cwd} and no --app; run in the project's folder, or give --app 'node main.js'`,
    );
  }
  return { app: command, outdir: path.resolve(cwd, output ?? (config.output as string | undefined) ?? 'dist') };
}
