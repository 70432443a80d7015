// The fleet graph as a standalone SVG document: drawn from the layout with presentation attributes only (no
// CSS, no scripts, no fonts to fetch), so browsers, GitHub's image view and librsvg all show the same picture.
import { type BoxLayout, type EdgeLayout, FONT, type GraphLayout, layoutGraph, legendStep } from './layout';
import type { ClusterState, FleetGraph } from './model';
import { escapeXml as x } from './text';

const INK = '#1f2937';
const MUTED = '#6b7280';
const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
/** The colours of the networking modes clusterset ships; other modes take the spare ones in name order. */
const MODE_COLOURS: Readonly<Record<string, string>> = { ISTIO: '#2563eb', ENDPOINT_SLICE: '#0d9488', EXTERNAL_NAME: '#c2410c', CLUSTERSET_IP: '#7c3aed' };
const SPARE_COLOURS = ['#be185d', '#4d7c0f', '#0369a1', '#a16207', '#9333ea'];
const MOVE_COLOUR = '#475569';
const STATE_STYLE: Readonly<Record<ClusterState, { stroke: string; fill: string; header: string; dash?: string }>> = {
  READY: { stroke: '#475569', fill: '#ffffff', header: '#f1f5f9' },
  CORDONED: { stroke: '#b45309', fill: '#ffffff', header: '#fef3c7' },
  UNAVAILABLE: { stroke: '#b91c1c', fill: '#fef2f2', header: '#fee2e2', dash: '6 4' },
};

/** `graph` as an SVG document, ending with a newline. */
export function renderSvg(graph: FleetGraph): string {
  const layout = layoutGraph(graph);
  const colours = modeColours(graph);
  const markers = [...new Set([...colours.values(), ...(graph.moves.length ? [MOVE_COLOUR] : [])])].sort();
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${FONT_FAMILY}">`,
    `  <title>${x(layout.title)}</title>`,
    '  <defs>',
    ...markers.map(
      (c) => `    <marker id="${markerId(c)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`,
    ),
    '  </defs>',
    `  <rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
    `  <text x="24" y="${24 + FONT.title}" font-size="${FONT.title}" font-weight="bold" fill="${INK}">${x(layout.title)}</text>`,
    ...layout.captions.map((c, i) => `  <text x="24" y="${24 + FONT.title + 18 * (i + 1)}" font-size="${FONT.label}" fill="${MUTED}">${x(c)}</text>`),
    ...layout.boxes.flatMap(box),
    ...layout.edges.flatMap((e) => edge(e, e.kind === 'route' ? (colours.get(e.mode) ?? INK) : MOVE_COLOUR)),
    ...legend(layout, colours),
    '</svg>',
  ];
  return `${lines.join('\n')}\n`;
}

function box(b: BoxLayout): string[] {
  const { rect } = b;
  const style = STATE_STYLE[b.cluster.state];
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const faded = b.cluster.state === 'UNAVAILABLE';
  const lines = [
    `  <g class="cluster" data-cluster="${x(b.cluster.name)}" data-state="${b.cluster.state}">`,
    `    <rect x="${rect.x}" y="${rect.y}" width="${rect.width}" height="${rect.height}" rx="8" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"${dash}/>`,
    `    <path d="M${rect.x + 0.75},${rect.y + 36} V${rect.y + 8} a7.25,7.25 0 0 1 7.25,-7.25 H${rect.x + rect.width - 8} a7.25,7.25 0 0 1 7.25,7.25 V${rect.y + 36} z" fill="${style.header}"/>`,
    `    <line x1="${rect.x}" y1="${rect.y + 36}" x2="${rect.x + rect.width}" y2="${rect.y + 36}" stroke="${style.stroke}" stroke-width="1"${dash}/>`,
    `    <text x="${rect.x + 12}" y="${rect.y + 23}" font-size="${FONT.header}" font-weight="bold" fill="${INK}">${x(b.name)}</text>`,
  ];
  if (b.cluster.state !== 'READY') {
    lines.push(
      `    <text class="status" x="${rect.x + rect.width - 12}" y="${rect.y + 22}" font-size="10" font-weight="bold" text-anchor="end" fill="${style.stroke}">${b.cluster.state}</text>`,
    );
  }
  if (b.rows.length === 0) lines.push(`    <text x="${rect.x + 12}" y="${rect.y + 36 + 16}" font-size="${FONT.row}" font-style="italic" fill="${MUTED}">nothing placed</text>`);
  for (const row of b.rows) {
    const p = row.placement;
    const active = p.role === 'active' && !p.withdrawn;
    const marker = active
      ? `<circle cx="${rect.x + 16}" cy="${row.y - 4}" r="5" fill="#16a34a"/>`
      : `<circle cx="${rect.x + 16}" cy="${row.y - 4}" r="4.5" fill="#ffffff" stroke="${p.role === 'active' ? '#16a34a' : MUTED}" stroke-width="1.5"/>`;
    const ink = faded || !active ? MUTED : INK;
    lines.push(
      `    <g class="placement" data-service="${x(p.service)}" data-role="${p.role}">`,
      `      ${marker}`,
      `      <text x="${rect.x + 28}" y="${row.y}" font-size="${FONT.row}" fill="${ink}">${x(row.name)}</text>`,
      `      <text x="${rect.x + rect.width - 12}" y="${row.y}" font-size="${FONT.row}" text-anchor="end" fill="${p.role === 'active' ? (faded ? MUTED : '#15803d') : MUTED}"${p.role === 'placeholder' ? ' font-style="italic"' : ''}>${x(row.detail)}</text>`,
      '    </g>',
    );
  }
  lines.push('  </g>');
  return lines;
}

function edge(e: EdgeLayout, colour: string): string[] {
  const d = e.points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px},${py}`).join(' ');
  const dash = e.kind === 'move' ? ' stroke-dasharray="5 4"' : '';
  const [sx, sy] = e.points[0];
  const r = e.labelRect;
  return [
    `  <g class="${e.kind}" data-service="${x(e.service)}" data-from="${x(e.from)}" data-to="${x(e.to)}" data-mode="${x(e.mode)}">`,
    `    <path d="${d}" fill="none" stroke="${colour}" stroke-width="1.6"${dash} marker-end="url(#${markerId(colour)})"/>`,
    `    <circle cx="${sx}" cy="${sy}" r="2.5" fill="${colour}"/>`,
    `    <rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="3" fill="#ffffff" fill-opacity="0.9"/>`,
    `    <text x="${r.x + 5}" y="${r.y + r.height - 4}" font-size="${FONT.label}" fill="${colour}">${x(e.label)}</text>`,
    '  </g>',
  ];
}

/** Two lines of keys: what the marks mean, then each networking mode drawn and the moves. */
function legend(layout: GraphLayout, colours: ReadonlyMap<string, string>): string[] {
  const y1 = layout.legendY + 14;
  const y2 = y1 + 24;
  const keys: string[] = [
    `    <circle cx="30" cy="${y1 - 4}" r="5" fill="#16a34a"/><text x="40" y="${y1}" font-size="${FONT.label}" fill="${INK}">active ×replicas</text>`,
    `    <circle cx="160" cy="${y1 - 4}" r="4.5" fill="#ffffff" stroke="${MUTED}" stroke-width="1.5"/><text x="170" y="${y1}" font-size="${FONT.label}" fill="${INK}">placeholder · networking</text>`,
    `    <circle cx="340" cy="${y1 - 4}" r="4.5" fill="#ffffff" stroke="#16a34a" stroke-width="1.5"/><text x="350" y="${y1}" font-size="${FONT.label}" fill="${INK}">withdrawn (runs, not exported)</text>`,
    `    <rect x="545" y="${y1 - 11}" width="14" height="12" rx="2" fill="${STATE_STYLE.CORDONED.header}" stroke="${STATE_STYLE.CORDONED.stroke}"/><text x="565" y="${y1}" font-size="${FONT.label}" fill="${INK}">cordoned</text>`,
    `    <rect x="630" y="${y1 - 11}" width="14" height="12" rx="2" fill="${STATE_STYLE.UNAVAILABLE.fill}" stroke="${STATE_STYLE.UNAVAILABLE.stroke}" stroke-dasharray="3 2"/><text x="650" y="${y1}" font-size="${FONT.label}" fill="${INK}">unavailable</text>`,
  ];
  // The second line: one arrow per networking mode in the picture, then the moves if any; the layout made
  // the picture wide enough for them (legendKeys).
  let x0 = 24;
  const arrow = (colour: string, text: string, dashed: boolean): string => {
    const line = `    <path d="M${x0},${y2 - 4} H${x0 + 28}" stroke="${colour}" stroke-width="1.6"${dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#${markerId(colour)})"/><text x="${x0 + 34}" y="${y2}" font-size="${FONT.label}" fill="${colour}">${x(text)}</text>`;
    x0 += legendStep(text);
    return line;
  };
  const arrows = [...colours].map(([mode, colour]) => arrow(colour, `route via ${mode}`, false));
  if (layout.edges.some((e) => e.kind === 'move')) arrows.push(arrow(MOVE_COLOUR, 'replicas moved', true));
  if (arrows.length === 0) arrows.push(`    <text x="24" y="${y2}" font-size="${FONT.label}" fill="${MUTED}">no cross-cluster routes: every service is active wherever it is placed</text>`);
  return ['  <g class="legend">', ...keys, ...arrows, '  </g>'];
}

/** Each networking mode the routes use, with its colour, in name order. */
function modeColours(graph: FleetGraph): Map<string, string> {
  const modes = [...new Set(graph.routes.map((r) => r.networking))].sort();
  let spare = 0;
  return new Map(modes.map((m) => [m, MODE_COLOURS[m] ?? SPARE_COLOURS[spare++ % SPARE_COLOURS.length]]));
}

function markerId(colour: string): string {
  return `arrow-${colour.replace('#', '')}`;
}
