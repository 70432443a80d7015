import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';

/** A Pulumi project (`Pulumi.yaml`) and where its program is. */
export interface PulumiProject {
  /** The project's name, part of every URN. */
  readonly name: string;
  /** The folder holding `Pulumi.yaml` and the stack files. */
  readonly root: string;
  /** The program's entry: `main` of Pulumi.yaml resolved against the root (a file or a folder). */
  readonly main: string;
  /** Whether the program is TypeScript that Pulumi would compile (runtime option `typescript`, true by default). */
  readonly typescript: boolean;
}

/** Reads `Pulumi.yaml` in `root`. */
export function readProject(root: string): PulumiProject {
  const file = path.join(root, 'Pulumi.yaml');
  if (!fs.existsSync(file)) throw new Error(`no Pulumi.yaml in ${root}: run the preview in the folder of your Pulumi project, or pass --cwd <folder>`);
  const project = (parse(fs.readFileSync(file, 'utf8')) ?? {}) as { name?: string; main?: string; runtime?: string | { name?: string; options?: { typescript?: boolean } } };
  if (!project.name) throw new Error(`${file} has no name: add \`name: <project>\``);
  const runtime = typeof project.runtime === 'string' ? { name: project.runtime } : (project.runtime ?? {});
  if (runtime.name !== 'nodejs') throw new Error(`${file} has runtime ${JSON.stringify(runtime.name)}: the offline preview runs nodejs programs only`);
  return { name: project.name, root, main: path.resolve(root, project.main ?? '.'), typescript: runtime.options?.typescript !== false };
}

/** A `require` that resolves modules as the program does: from its own folder upwards. */
export function programRequire(project: PulumiProject): NodeJS.Require {
  const folder = fs.existsSync(project.main) && fs.statSync(project.main).isDirectory() ? project.main : path.dirname(project.main);
  return createRequire(path.join(folder, 'program.js'));
}

/** The `@pulumi/pulumi` the program will load, so the mocks are set on the copy that registers its resources. */
export function loadPulumi(project: PulumiProject): typeof pulumi {
  try {
    return programRequire(project)('@pulumi/pulumi') as typeof pulumi;
  } catch {
    throw new Error(`the program ${project.main} cannot load @pulumi/pulumi: run \`npm install @pulumi/pulumi @pulumi/kubernetes\` in ${project.root}`);
  }
}

/**
 * Runs the program as `pulumi up` would: its resources are registered as it loads, and an exported
 * function (Pulumi's other program shape) is called and awaited.
 */
export async function runProgram(project: PulumiProject): Promise<void> {
  const load = programRequire(project);
  if (project.typescript) compileTypeScript(project, load);
  const exported = load(project.main) as unknown;
  const entry = typeof exported === 'function' ? exported : (exported as { default?: unknown } | undefined)?.default;
  if (typeof entry === 'function') await entry();
}

/**
 * Compiles `.ts` on load, as Pulumi's Node.js host does: transpile only, with the project's ts-node and
 * typescript if it has them, otherwise the copies @pulumi/pulumi ships. Nothing to do when `.ts` files
 * already load (the preview itself running under ts-node).
 */
function compileTypeScript(project: PulumiProject, load: NodeJS.Require): void {
  if (require.extensions['.ts']) return;
  const vendor = path.join(path.dirname(load.resolve('@pulumi/pulumi/package.json')), 'vendor');
  const resolveOr = (name: string, vendored: string) => {
    try {
      return load.resolve(name);
    } catch {
      return path.join(vendor, vendored);
    }
  };
  const tsconfig = path.join(project.root, 'tsconfig.json');
  const tsNode = load(resolveOr('ts-node', 'ts-node@7.0.1')) as { register(options: object): unknown };
  tsNode.register({
    transpileOnly: true,
    compiler: resolveOr('typescript', path.join('typescript@3.8.3', 'typescript.js')),
    project: fs.existsSync(tsconfig) ? tsconfig : undefined,
    skipProject: !fs.existsSync(tsconfig),
    // The program is loaded with require, so it is compiled to CommonJS whatever the tsconfig targets.
    compilerOptions: { module: 'commonjs', moduleResolution: 'node' },
  });
}
