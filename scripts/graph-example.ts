// `npm run graph:example`: the picture the README and docs/cli-graph.md show, drawn by `clusterset graph`
// from the hybrid example synthesized into a temporary folder. test/cli/graph-example.test.ts checks the
// committed file against what this produces, so the picture cannot go stale.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hybridApp, hybridDelivery } from '../examples/hybrid/app';
import { graphCommand } from '../lib/cli/commands/graph';
import { ExitCode } from '../lib/cli/command';

/** Where the picture is committed, from the repository's root. */
export const EXAMPLE_GRAPH = 'docs/images/fleet.svg';

/** The hybrid example's graph in `format`, as the command prints it. */
export async function exampleGraph(format = 'svg'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterset-graph-example-'));
  try {
    hybridApp({ outdir: dir }, hybridDelivery('Direct')).synth();
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), color: false, cwd: dir };
    const code = await graphCommand.run(['--dir', dir, '--format', format], io);
    if (code !== ExitCode.OK) throw new Error(`clusterset graph exited ${code}: ${err}`);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  exampleGraph().then(
    (svg) => {
      fs.writeFileSync(path.join(__dirname, '..', EXAMPLE_GRAPH), svg);
      process.stdout.write(`wrote ${EXAMPLE_GRAPH}\n`);
    },
    (e: Error) => {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
