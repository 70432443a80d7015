// The backends carry whatever an engine returns: no engine is named in their code, so a new engine
// (Flux, or one of a user's) needs no change there.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ENGINE_NAMES = /argo|kubevela|\bvela|karmada|flux/i;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

test('no engine is named in the cdk8s or Pulumi backend', () => {
  const root = path.resolve(__dirname, '../../lib');
  const named = ['cdk8s', 'pulumi'].flatMap((backend) =>
    sources(path.join(root, backend)).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (ENGINE_NAMES.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
    ),
  );
  expect(named).toEqual([]);
});
