// Text measures and escaping for the SVG renderer. There is no browser to measure text with, so widths are
// estimated from character classes of a common sans-serif font, on the generous side: a box a little wide
// reads fine, a label running out of its box does not.

const NARROW = new Set([...'iljtf.,:;\'|!()[]{} ']);
const WIDE = new Set([...'mwMW@%']);

/** The estimated width in pixels of `text` in a sans-serif font of `size` pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.34;
    else if (WIDE.has(c)) em += 0.9;
    else if (c >= 'A' && c <= 'Z') em += 0.7;
    else if (c === '_' || c === '-' || c === '/') em += 0.45;
    else em += 0.6;
  }
  return Math.ceil(em * size * (bold ? 1.1 : 1));
}

/** `text` safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
