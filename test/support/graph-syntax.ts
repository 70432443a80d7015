// Small well-formedness checks of the graph command's text formats, for tests: what a Mermaid or Graphviz
// parser would trip over first (unclosed strings, unbalanced braces, bare ids), without either installed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One token of a DOT or Mermaid line: a double-quoted string (escapes kept), or any other run of characters. */
function tokens(text: string, escapes: boolean): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\n') throw new Error(`a string opened at offset ${i} runs past the end of its line`);
        j += escapes && text[j] === '\\' ? 2 : 1;
      }
      if (j >= text.length) throw new Error(`the string opened at offset ${i} is never closed`);
      found.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else if ('{}[]();,='.includes(c)) {
      found.push(c);
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s"{}[\]();,=]/.test(text[j])) j++;
      found.push(text.slice(i, j));
      i = j;
    }
  }
  return found;
}

/** Problems with `pairs` of brackets among tokens (strings excluded): unbalanced or crossed. */
function balance(list: readonly string[], pairs: Record<string, string>): string[] {
  const stack: string[] = [];
  const closing = new Set(Object.values(pairs));
  for (const t of list) {
    if (pairs[t]) stack.push(pairs[t]);
    else if (closing.has(t) && stack.pop() !== t) return [`unbalanced ${t}`];
  }
  return stack.length ? [`unclosed ${stack.join('')}`] : [];
}

/** Problems of a DOT document: strings, braces and brackets, and every node id a quoted string. */
export function dotProblems(dot: string): string[] {
  const list = tokens(dot, true);
  const problems = balance(list, { '{': '}', '[': ']' });
  if (list[0] !== 'digraph') problems.push('does not start with digraph');
  list.forEach((t, i) => {
    if (t === '->' && (!list[i - 1]?.startsWith('"') || !list[i + 1]?.startsWith('"'))) problems.push(`edge ${list[i - 1]} -> ${list[i + 1]} has an unquoted end`);
    // A statement inside a subgraph or the graph starts with a keyword or a quoted id.
    if ((list[i - 1] === '{' || list[i - 1] === ';') && !/^("|graph$|node$|edge$|subgraph$|label$|color$|style$|})/.test(t)) problems.push(`statement starts with a bare ${t}`);
  });
  return problems;
}

const ID = '[A-Za-z0-9_]+';
/** A Mermaid label: double-quoted, with no raw quote or angle bracket but the `<br/>` line breaks. */
const LABEL = '"(?:[^"<>]|<br/>)*"';
const MERMAID_LINES: ReadonlyArray<readonly [string, RegExp]> = [
  ['subgraph', new RegExp(`^subgraph (${ID}) \\[${LABEL}\\]$`)],
  ['node', new RegExp(`^(${ID})(?:\\[${LABEL}\\]|\\(${LABEL}\\))$`)],
  ['edge', new RegExp(`^(${ID}) (?:-->|-\\.->)\\|${LABEL}\\| (${ID})$`)],
  ['class', new RegExp(`^class (${ID}) (${ID})$`)],
  ['classDef', new RegExp(`^classDef (${ID}) [a-z-]+:[^ ;]+(?:,[a-z-]+:[^;,]+)*$`)],
];

/**
 * Problems of a Mermaid flowchart: every line one of the statements the renderer writes (ids of word
 * characters, labels quoted without raw quotes), subgraph/end pairs, and edges and classes only between
 * nodes or subgraphs the chart declares.
 */
export function mermaidProblems(mermaid: string): string[] {
  const problems: string[] = [];
  const match = /^---\ntitle: "(?:[^"\\]|\\.)*"\n---\n(flowchart LR\n[\s\S]*)$/.exec(mermaid);
  if (!match) return ['does not start with a title front matter and flowchart LR'];
  const declared = new Set<string>();
  const used: string[] = [];
  let depth = 0;
  for (const line of match[1].split('\n').slice(1)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('%%')) continue;
    if (trimmed === 'end') {
      if (--depth < 0) problems.push('end without subgraph');
      continue;
    }
    const found = MERMAID_LINES.flatMap(([kind, re]) => {
      const m = re.exec(trimmed);
      return m ? [{ kind, m }] : [];
    })[0];
    if (!found) {
      problems.push(`not a statement the graph writes: ${trimmed}`);
      continue;
    }
    const { kind, m } = found;
    if (kind === 'subgraph') depth++;
    if (kind === 'subgraph' || kind === 'node') {
      if (declared.has(m[1])) problems.push(`${m[1]} declared twice`);
      declared.add(m[1]);
    }
    if (kind === 'edge') used.push(m[1], m[2]);
    if (kind === 'class') used.push(m[1]);
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) never end`);
  problems.push(...used.filter((id) => !declared.has(id)).map((id) => `${id} is used but never declared`));
  return problems;
}

/** An element of a parsed SVG, with its attributes and children in document order. */
export interface SvgElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly text: string;
  readonly children: SvgElement[];
}

/** Parses `svg` strictly (throws on invalid XML) into its root element. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`invalid XML: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: true, processEntities: true });
  const convert = (node: Record<string, unknown>): SvgElement | undefined => {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') return undefined;
    const children = (node[name] as Array<Record<string, unknown>>) ?? [];
    return {
      name,
      attributes: (node[':@'] as Record<string, string>) ?? {},
      text: children.filter((c) => '#text' in c).map((c) => String(c['#text'])).join(''),
      children: children.map(convert).filter((c): c is SvgElement => c !== undefined),
    };
  };
  const root = (parser.parse(svg) as Array<Record<string, unknown>>).map(convert).find((e) => e?.name === 'svg');
  if (!root) throw new Error('no svg element');
  return root;
}

/** Every element under `root` (itself included), depth first. */
export function allElements(root: SvgElement): SvgElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/**
 * The structure of an SVG for snapshots: elements with their class and data- attributes and their text,
 * indented; coordinates and colours left out, so a layout tweak does not rewrite the snapshot.
 */
export function svgOutline(root: SvgElement, depth = 0): string {
  const kept = Object.entries(root.attributes).filter(([k]) => k === 'class' || k.startsWith('data-') || k === 'id');
  const head = `${'  '.repeat(depth)}${root.name}${kept.map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}${root.text ? ` ${JSON.stringify(root.text)}` : ''}`;
  return [head, ...root.children.map((c) => svgOutline(c, depth + 1))].join('\n');
}
