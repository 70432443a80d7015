// Where everything of the SVG picture goes: clusters in one row of boxes sized by their content, each
// route an orthogonal arrow on a lane of its own below the boxes (each move on a lane above them), so no two
// labels share a line and arrows never cross a box. Deterministic: the same graph gives the same numbers.
import { compare, type FleetGraph, type GraphCluster, type GraphPlacement } from './model';
import { clip } from '../clip';
import { textWidth } from './text';

/** A rectangle in SVG user units. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One service row of a cluster box. */
export interface RowLayout {
  readonly placement: GraphPlacement;
  /** The service, as shown (long names cut). */
  readonly name: string;
  /** The right-hand detail: `×3`, `×4 withdrawn`, or the networking mode. */
  readonly detail: string;
  /** The baseline of the row's text. */
  readonly y: number;
}

/** One cluster's box. */
export interface BoxLayout {
  readonly cluster: GraphCluster;
  readonly name: string;
  readonly rect: Rect;
  readonly rows: readonly RowLayout[];
}

/** One arrow: a route (below the boxes) or a move (above them). */
export interface EdgeLayout {
  readonly kind: 'route' | 'move';
  readonly service: string;
  readonly from: string;
  readonly to: string;
  /** A route's networking mode, or a move's reason. */
  readonly mode: string;
  readonly label: string;
  /** The polyline, source first; the arrowhead is at the last point. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** The label's background; the text's baseline is 4 units above its bottom. */
  readonly labelRect: Rect;
}

/** The whole picture's geometry. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** Lines under the title: the migrations in effect. */
  readonly captions: readonly string[];
  readonly boxes: readonly BoxLayout[];
  readonly edges: readonly EdgeLayout[];
  /** The top of the legend. */
  readonly legendY: number;
}

export const FONT = { title: 16, header: 14, row: 13, label: 12 } as const;
const MARGIN = 24;
const BOX_GAP = 48;
const HEADER = 36;
const ROW = 24;
const LANE = 26;
/** From a box's edge to its first lane: room for the arrowhead and the first label. */
const FIRST_LANE = 34;
const PORT_GAP = 14;
/** Room kept between a label and an arrow passing by it. */
const LABEL_CLEARANCE = 4;
const MAX_NAME = 40;
/** Room the legend takes below the lanes (two lines of keys). */
const LEGEND_HEIGHT = 56;

/** The layout of `graph`. */
export function layoutGraph(graph: FleetGraph): GraphLayout {
  // Boxes start BOX_GAP apart; where a label does not fit between the arrows crossing its lane, the gap its
  // edge spans widens by what is missing, and the row is laid out again. A few rounds settle any real fleet.
  const gaps = graph.clusters.map(() => BOX_GAP);
  let layout = arrange(graph, gaps);
  for (let round = 0; round < 32 && layout.cramped.length > 0; round++) {
    // Each gap widens once a round, by the most any label across it lacks.
    const widen = new Map<number, number>();
    for (const c of layout.cramped) widen.set(c.gap, Math.max(widen.get(c.gap) ?? 0, c.missing));
    for (const [gap, missing] of widen) gaps[gap] += Math.ceil(missing / 8) * 8;
    layout = arrange(graph, gaps);
  }
  return layout.layout;
}

/** Where an edge's label did not fit: the gap to widen, and by how much. */
interface Cramped {
  readonly gap: number;
  readonly missing: number;
}

function arrange(graph: FleetGraph, gaps: readonly number[]): { layout: GraphLayout; cramped: Cramped[] } {
  const title = `${graph.fleet} · ${graph.delivery}`;
  const captions = graph.migrations.map((m) => `migration ${m}`);
  const boxesTop = MARGIN + 22 + captions.length * 18 + 12 + graph.moves.length * LANE + (graph.moves.length ? FIRST_LANE : 0);

  const sized = graph.clusters.map((cluster) => sizeBox(cluster, portsOf(graph, cluster.name)));
  const height = Math.max(...sized.map((s) => s.height), HEADER + ROW);
  let x = MARGIN;
  const boxes: BoxLayout[] = sized.map((s, i) => {
    const rect = { x, y: boxesTop, width: s.width, height };
    x += s.width + gaps[i];
    return { cluster: s.cluster, name: s.name, rect, rows: s.rows.map((r, j) => ({ ...r, y: boxesTop + HEADER + j * ROW + 16 })) };
  });
  const index = new Map(boxes.map((b, i) => [b.cluster.name, i]));
  const bottom = boxesTop + height;

  const routes = lanes(graph.routes.map((r) => ({ kind: 'route' as const, ...r, mode: r.networking, label: `${r.service} · ${r.networking}` })), index);
  const moves = lanes(graph.moves.map((m) => ({ kind: 'move' as const, ...m, mode: m.reason, label: `${m.service} · ${m.replicas} moved (${m.reason})` })), index);
  const routeY = (lane: number): number => bottom + FIRST_LANE + lane * LANE;
  const moveY = (lane: number): number => boxesTop - FIRST_LANE - lane * LANE;
  const routePorts = ports(boxes, routes);
  const movePorts = ports(boxes, moves);
  const routeEdges = routes.map((e, i) => edge(e, routePorts[i], bottom, routeY(e.lane), 2));
  const moveEdges = moves.map((e, i) => edge(e, movePorts[i], boxesTop, moveY(e.lane), -2));
  const cramped: Cramped[] = [];
  const place = (edges: readonly EdgeLayout[]): EdgeLayout[] =>
    edges.map((e) => {
      // The gap to widen if the label does not fit: the middle one of those the edge spans.
      const [a, b] = [index.get(e.from) ?? 0, index.get(e.to) ?? 0].sort((m, n) => m - n);
      const gap = Math.min(Math.max(a + Math.floor((b - a - 1) / 2), 0), boxes.length - 1);
      const placed = placeLabel(e, edges, boxes[gap].rect.x + boxes[gap].rect.width + gaps[gap] / 2);
      if (placed.missing > 0) cramped.push({ gap, missing: placed.missing });
      return placed.edge;
    });
  const edges = [...place(routeEdges), ...place(moveEdges)];

  const legendY = bottom + (routes.length ? FIRST_LANE + (routes.length - 1) * LANE : 0) + 28;
  const boxesRight = x - gaps[gaps.length - 1] + MARGIN;
  const keys = legendKeys(graph).reduce((sum, key) => sum + legendStep(key), MARGIN * 2);
  const width = Math.max(boxesRight, MARGIN * 2 + textWidth(title, FONT.title, true), ...captions.map((c) => MARGIN * 2 + textWidth(c, FONT.label)), keys, 740);
  return { layout: { width, height: legendY + LEGEND_HEIGHT, title, captions, boxes, edges, legendY }, cramped };
}

/** The arrow keys of the legend's second line: one per networking mode routed over, then the moves. */
export function legendKeys(graph: FleetGraph): string[] {
  const modes = [...new Set(graph.routes.map((r) => `route via ${r.networking}`))].sort(compare);
  return graph.moves.length ? [...modes, 'replicas moved'] : modes;
}

/** How far one arrow key of the legend reaches: the arrow, its text, and a gap. */
export function legendStep(key: string): number {
  return 34 + textWidth(key, FONT.label) + 20;
}

interface Sized {
  readonly cluster: GraphCluster;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly rows: ReadonlyArray<Omit<RowLayout, 'y'>>;
}

/** A box wide enough for its header, its widest row and its arrows' ports. */
function sizeBox(cluster: GraphCluster, ports: number): Sized {
  const name = clip(cluster.name, MAX_NAME);
  const rows = cluster.placements.map((placement) => ({ placement, name: clip(placement.service, MAX_NAME), detail: detailOf(placement) }));
  const badge = cluster.state === 'READY' ? 0 : textWidth(cluster.state, 10, true) + 16;
  const widths = [
    200,
    12 + textWidth(name, FONT.header, true) + 12 + badge + 12,
    ...rows.map((r) => 28 + textWidth(r.name, FONT.row) + 18 + textWidth(r.detail, FONT.row) + 12),
    (ports + 1) * PORT_GAP,
  ];
  return { cluster, name, rows, width: Math.max(...widths), height: HEADER + Math.max(rows.length, 1) * ROW + 8 };
}

function detailOf(p: GraphPlacement): string {
  if (p.role === 'placeholder') return p.networking ?? '';
  return p.withdrawn ? `×${p.replicas} withdrawn` : `×${p.replicas}`;
}

function portsOf(graph: FleetGraph, cluster: string): number {
  const touches = (e: { from: string; to: string }): boolean => e.from === cluster || e.to === cluster;
  return Math.max(graph.routes.filter(touches).length, graph.moves.filter(touches).length);
}

interface Laned {
  readonly kind: 'route' | 'move';
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly mode: string;
  readonly label: string;
  readonly lane: number;
}

/** One lane per edge, the shortest spans nearest the boxes, so nested arrows do not cross. */
function lanes(edges: ReadonlyArray<Omit<Laned, 'lane'>>, index: ReadonlyMap<string, number>): Laned[] {
  const at = (c: string): number => index.get(c) ?? 0;
  const span = (e: Omit<Laned, 'lane'>): number => Math.abs(at(e.from) - at(e.to));
  const order = [...edges].sort(
    (a, b) => span(a) - span(b) || Math.min(at(a.from), at(a.to)) - Math.min(at(b.from), at(b.to)) || compare(a.service, b.service) || compare(a.from, b.from) || compare(a.to, b.to),
  );
  return edges.map((e) => ({ ...e, lane: order.indexOf(e) }));
}

/**
 * Each edge's x where it leaves its source box and where it enters its target box. On each box, edges to
 * boxes on the left take the left ports and those to the right the right ones; within a side, the order of
 * the lanes decides, so that the verticals of one box never cross the horizontals of another edge of it.
 */
function ports(boxes: readonly BoxLayout[], edges: readonly Laned[]): Array<{ from: number; to: number }> {
  const index = new Map(boxes.map((b, i) => [b.cluster.name, i]));
  const result = edges.map(() => ({ from: 0, to: 0 }));
  boxes.forEach((box, i) => {
    const ends = edges.flatMap((e, k) => {
      const list: Array<{ k: number; end: 'from' | 'to'; other: number; lane: number }> = [];
      if (e.from === box.cluster.name) list.push({ k, end: 'from', other: index.get(e.to) ?? 0, lane: e.lane });
      if (e.to === box.cluster.name) list.push({ k, end: 'to', other: index.get(e.from) ?? 0, lane: e.lane });
      return list;
    });
    const left = ends.filter((p) => p.other < i).sort((a, b) => a.lane - b.lane);
    const right = ends.filter((p) => p.other >= i).sort((a, b) => b.lane - a.lane);
    const all = [...left, ...right];
    all.forEach((p, n) => {
      result[p.k][p.end] = Math.round(box.rect.x + (box.rect.width * (n + 1)) / (all.length + 1));
    });
  });
  return result;
}

/** The polyline of an edge leaving its box's edge at `edgeY` to its lane at `laneY`; `gap` keeps the arrowhead off the line. */
function edge(e: Laned, port: { from: number; to: number }, edgeY: number, laneY: number, gap: number): EdgeLayout {
  const points: Array<readonly [number, number]> = [
    [port.from, edgeY + gap],
    [port.from, laneY],
    [port.to, laneY],
    [port.to, edgeY + gap],
  ];
  const width = textWidth(e.label, FONT.label) + 10;
  return { kind: e.kind, service: e.service, from: e.from, to: e.to, mode: e.mode, label: e.label, points, labelRect: { x: 0, y: laneY - 19, width, height: 16 } };
}

/**
 * Puts an edge's label on its lane's line, as near the middle as it can without covering an arrow that
 * crosses the label's band (its own verticals included, so it stays between them). Labels of different
 * lanes cannot meet, as each sits in its own lane. When it does not fit, `missing` says how much wider the
 * stretch of line around `gapX` (the middle of the gap to widen) must become.
 */
function placeLabel(e: EdgeLayout, all: readonly EdgeLayout[], gapX: number): { edge: EdgeLayout; missing: number } {
  const [a, b] = [Math.min(e.points[1][0], e.points[2][0]), Math.max(e.points[1][0], e.points[2][0])];
  const { width, y, height } = e.labelRect;
  const crossing = all.flatMap((o) => verticalsAcross(o, y, y + height)).sort((m, n) => m - n);
  const free = (x: number): boolean => crossing.every((v) => v < x - LABEL_CLEARANCE || v > x + width + LABEL_CLEARANCE);
  const middle = Math.round((a + b - width) / 2);
  const candidates = [middle];
  for (let step = 4; step <= b - a + width; step += 4) candidates.push(middle - step, middle + step);
  // The label's middle stays over its own line, so it reads as that arrow's.
  const found = candidates.find((c) => c + width / 2 >= a && c + width / 2 <= b && free(c));
  if (found !== undefined) return { edge: { ...e, labelRect: { ...e.labelRect, x: found } }, missing: 0 };
  const left = Math.max(a, ...crossing.filter((v) => v <= gapX));
  const right = Math.min(b, ...crossing.filter((v) => v >= gapX));
  return { edge: { ...e, labelRect: { ...e.labelRect, x: middle } }, missing: Math.max(8, width + 2 * LABEL_CLEARANCE + 4 - (right - left)) };
}

/** The x of each vertical segment of `e` that passes the band from `top` to `bottom`. */
export function verticalsAcross(e: EdgeLayout, top: number, bottom: number): number[] {
  const xs: number[] = [];
  for (let i = 1; i < e.points.length; i++) {
    const [[x1, y1], [x2, y2]] = [e.points[i - 1], e.points[i]];
    if (x1 === x2 && Math.min(y1, y2) <= bottom && Math.max(y1, y2) >= top) xs.push(x1);
  }
  return xs;
}
