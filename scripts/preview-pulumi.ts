// Offline preview of this repository's Pulumi program (Pulumi.yaml, the hybrid example) for one stack;
// the same as the package's `clusterset-preview` bin (lib/pulumi/preview).
//
//   npm run preview:pulumi -- --stack dev
import { main } from '../lib/pulumi/preview/cli';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
