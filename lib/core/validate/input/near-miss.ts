/**
 * The known name `given` most likely misspells: the same but for case, or at most a third of its
 * letters (two at most) added, dropped or changed. Undefined when nothing is that close.
 */
export function nearMiss(given: string, known: readonly string[]): string | undefined {
  const sameButCase = known.find((k) => k.toLowerCase() === given.toLowerCase());
  if (sameButCase) return sameButCase;
  const limit = Math.min(2, Math.floor(given.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(given.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance: single-letter insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
