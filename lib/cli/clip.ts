// Long text cut to fit: a table column or a drawn box never grows past its cap, and a cut text says so.

/**
 * `text` as is when at most `max` characters, else its first `max - 1` and an ellipsis. Characters are code
 * points, so a cut never splits one in two. The --json outputs keep every value whole.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
