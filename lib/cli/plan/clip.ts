// Long cells cut to fit a terminal: a table column never grows past its cap, and a cut cell says so.

/** `text` as is when at most `max` characters, else its first `max - 1` and an ellipsis (the --json output keeps every value whole). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
