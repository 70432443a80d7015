// Long header lines of the plan report, broken between words to fit the page.

/**
 * `text` in lines of at most `width` characters, broken at spaces, the following lines indented by
 * `indent`; a single word longer than the page stays whole on its own line.
 */
export function wrapWords(text: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    const prefix = lines.length === 0 ? '' : indent;
    const next = line.length === 0 ? `${prefix}${word}` : `${line} ${word}`;
    if (line.length > 0 && next.length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
