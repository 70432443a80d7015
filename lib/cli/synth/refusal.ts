// A synth clusterset refused, read back from the app's stderr: the ClusterSetValidationError's problems,
// which its message lists one per `  - ` line after a counted header (lib/core/errors.ts).

const HEADER = /clusterset: (\d+) problems? found, nothing was synthesized:$/;

/** The problems of the first ClusterSetValidationError in `lines`, or undefined when there is none. */
export function refusalProblems(lines: readonly string[]): string[] | undefined {
  const at = lines.findIndex((line) => HEADER.test(line));
  if (at < 0) return undefined;
  const count = Number(HEADER.exec(lines[at])?.[1]);
  const problems: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith('  - ')) {
      if (problems.length === count) break;
      problems.push(line.slice(4));
      continue;
    }
    // A problem over several lines runs on until the next one, the stack, or the end of the message.
    if (problems.length === 0 || line === '' || /^\s+at /.test(line) || line.startsWith('{')) break;
    problems[problems.length - 1] += `\n${line}`;
  }
  return problems.slice(0, count);
}
