// This package's version, read from its package.json: the plan document's generator and `clusterset --version`.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The package's version. The file sits two folders under the package root in the sources (lib/cdk8s) and three
 * in the build (build/lib/cdk8s), so both are tried, and only a package.json named clusterset counts.
 */
export function packageVersion(): string {
  for (const up of ['../..', '../../..']) {
    const file = path.join(__dirname, up, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === 'clusterset' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}
