// Compiles the cdk8s entry point (lib/index.ts and everything it reaches) with the jsii compiler, as cdk8s and
// cdk8s-plus are published, so that Python, Java, Go and C# bindings can follow. The Pulumi flavour is left out:
// its packages are not jsii modules, and its args stay TypeScript interfaces for a Pulumi multi-language component.
//
// jsii compiles a whole package directory, so the sources are staged in build/jsii with a package.json that
// declares the jsii settings; node_modules is linked from the project. Exit code: jsii's own.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Assembly, declaredUnions, portabilityProblems } from './jsii-portability';

const root = resolve(__dirname, '..');
const stage = join(root, 'build', 'jsii');
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
  license: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Packages the cdk8s entry point's types come from: jsii modules, so they stay references. */
const JSII_PEERS = ['cdk8s', 'constructs', 'cdk8s-plus-27'];
/** Plain npm packages the implementation uses: bundled, as jsii requires for non-jsii dependencies. */
const BUNDLED = ['yaml'];

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
cpSync(join(root, 'lib'), join(stage, 'lib'), { recursive: true, filter: (source) => !source.startsWith(join(root, 'lib', 'pulumi')) });
cpSync(join(root, 'imports'), join(stage, 'imports'), { recursive: true });
cpSync(join(root, 'README.md'), join(stage, 'README.md'));
symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');

const versionOf = (name: string) => project.dependencies[name] ?? project.peerDependencies[name];
const exact = (range: string) => range.replace(/^[\^~]/, '');
writeFileSync(
  join(stage, 'package.json'),
  JSON.stringify(
    {
      name: project.name,
      version: project.version,
      description: project.description,
      license: project.license,
      author: { name: 'clusterset authors', organization: true },
      repository: { type: 'git', url: 'https://github.com/clusterset/clusterset.git' },
      main: 'lib/index.js',
      types: 'lib/index.d.ts',
      dependencies: Object.fromEntries(BUNDLED.map((name) => [name, versionOf(name)])),
      bundledDependencies: BUNDLED,
      peerDependencies: Object.fromEntries(JSII_PEERS.map((name) => [name, versionOf(name)])),
      devDependencies: Object.fromEntries(JSII_PEERS.map((name) => [name, exact(versionOf(name))])),
      jsii: { outdir: 'dist', targets: {}, tsconfig: 'tsconfig.jsii.json', validateTsconfig: 'minimal' },
    },
    undefined,
    2,
  ),
);

// The project's own compiler settings (ES2022, strict), with what jsii needs to emit an assembly.
writeFileSync(
  join(stage, 'tsconfig.jsii.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['ES2022'],
      strict: true,
      declaration: true,
      composite: false,
      skipLibCheck: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      types: ['node'],
      rootDir: '.',
    },
    include: ['lib/**/*.ts', 'imports/**/*.ts'],
  }),
);

// Kubernetes field names (namespace, type, operator) are reserved words in some languages: cdk8s keeps them too.
const jsii = join(root, 'node_modules', '.bin', 'jsii');
// The project runs on Node 20 (package.json engines), which this jsii release reports as past its end of life.
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0] };
const run = spawnSync(jsii, ['--fail-on-warnings', '--silence-warnings=reserved-word', ...process.argv.slice(2)], { cwd: stage, stdio: 'inherit', env });
if (run.status !== 0) process.exit(run.status ?? 1);

// jsii accepts unions and skips free functions and constants without a word; the portable API has neither.
const problems = [
  ...portabilityProblems(
    JSON.parse(readFileSync(join(stage, '.jsii'), 'utf8')) as Assembly,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- what the staged build exports at runtime
    Object.keys(require(join(stage, 'lib', 'index.js')) as Record<string, unknown>),
  ),
  ...declaredUnions(join(stage, 'lib', 'index.ts')).map((member) => `${member} is a union (jsii would make it a plain string or object): use a string enum or a factory class`),
];
for (const problem of problems) console.error(`error: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log('jsii: the cdk8s entry point compiles, with no union types, free functions or constants');
