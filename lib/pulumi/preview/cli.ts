#!/usr/bin/env node
// clusterset-preview: the offline preview of the Pulumi program in the current folder.
//
//   npx clusterset-preview --stack dev [--cwd <folder with Pulumi.yaml>]
import { formatPreview } from './format';
import { previewStack } from './preview';

const USAGE = 'usage: clusterset-preview [--stack <name>] [--cwd <folder with Pulumi.yaml>]';

/** Runs the preview for command-line arguments and prints it; the exit code says whether it worked. */
export async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${USAGE}\nRuns the Pulumi program under mocks with Pulumi.<stack>.yaml and prints what each cluster would get, in order.`);
    return 0;
  }
  const known = new Set(['--stack', '--cwd']);
  for (let at = 0; at < args.length; at += 2) {
    if (!known.has(args[at]) || args[at + 1] === undefined) {
      console.error(`clusterset-preview: unexpected argument ${JSON.stringify(args[at])}\n${USAGE}`);
      return 2;
    }
  }
  const option = (name: string) => {
    const at = args.lastIndexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  try {
    console.log(formatPreview(await previewStack({ stack: option('stack'), cwd: option('cwd') })));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
