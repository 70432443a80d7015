// `clusterset diff` as text for a terminal (grouped per fleet and cluster, 100 columns at most, flags marked
// with `!`) and as JSON for CI.
import { clip } from '../clip';
import { Style } from '../style';
import type { CliIo } from '../command';
import { type ClusterDiff, type FleetDiff, flaggedCount, type ObjectDiff, Presence } from './compare';
import type { FieldChange } from './fields';
import type { BrokenRoute } from './routes';

/** The widest line the text report writes. */
export const WIDTH = 100;
/** Changed fields listed per object; `--json` lists every one. */
const FIELDS_SHOWN = 12;
/** The widest JSON path shown; a longer one is cut in its middle. */
const PATH_WIDTH = 80;
const VALUE_INDENT = ' '.repeat(12);

const SIGN: Record<Presence, string> = { [Presence.ADDED]: '+', [Presence.REMOVED]: '-', [Presence.KEPT]: '~' };

/** The text report, ending with a summary line. */
export function renderText(fleets: readonly FleetDiff[], before: string, after: string, io: Pick<CliIo, 'color'>): string {
  const style = new Style(io);
  const lines = [fit(`clusterset diff ${before} → ${after}`)];
  for (const fleet of fleets) {
    const state = fleet.presence === Presence.KEPT ? '' : ` (${fleet.presence})`;
    lines.push('', style.apply('bold', fit(`fleet ${fleet.path} · ${fleet.delivery}${state}`)));
    for (const cluster of fleet.clusters) lines.push(...clusterLines(cluster, style));
  }
  lines.push('', summary(fleets, style));
  return `${lines.join('\n')}\n`;
}

function clusterLines(cluster: ClusterDiff, style: Style): string[] {
  const state = cluster.presence === Presence.KEPT ? '' : ` (cluster ${cluster.presence})`;
  if (cluster.objects.length === 0 && cluster.brokenRoutes.length === 0) return [`  ${cluster.cluster}${state}: no change`];
  const count = (p: Presence) => cluster.objects.filter((o) => o.presence === p).length;
  const flags = cluster.objects.reduce((n, o) => n + o.refused.length, 0) + cluster.brokenRoutes.length;
  const head = `  ${cluster.cluster}${state}: ${count(Presence.ADDED)} added, ${count(Presence.REMOVED)} removed, ${count(Presence.KEPT)} changed`;
  const lines = [style.apply('bold', head) + (flags > 0 ? style.apply('red', `, ${flags} flagged`) : '')];
  for (const object of cluster.objects) lines.push(...objectLines(object, style));
  for (const route of cluster.brokenRoutes) lines.push(...routeLines(route, style));
  return lines;
}

function objectLines(object: ObjectDiff, style: Style): string[] {
  const colour = object.presence === Presence.ADDED ? 'green' : object.presence === Presence.REMOVED ? 'red' : 'yellow';
  const refused = object.refused.length > 0 ? style.apply('red', '  ! kubectl apply refuses this change') : '';
  const lines = [`    ${style.apply(colour, SIGN[object.presence])} ${fit(object.object, WIDTH - 40)}${refused}`];
  for (const field of object.fields.slice(0, FIELDS_SHOWN)) {
    const flagged = object.refused.some((r) => field.path === r.field || field.path.startsWith(`${r.field}.`) || field.path.startsWith(`${r.field}[`));
    lines.push(...fieldLines(field, flagged ? '!' : ' ').map((l) => (flagged ? style.apply('red', l) : l)));
  }
  if (object.fields.length > FIELDS_SHOWN) lines.push(`        … and ${object.fields.length - FIELDS_SHOWN} more fields (--json lists every one)`);
  for (const r of object.refused) {
    // The values are on the field lines above, marked `!`; this line says what to do.
    lines.push(style.apply('red', fit(`      ! ${r.field} is immutable; to apply the change:`)), ...wrap(r.fix, '          ', '          ').map((l) => style.apply('red', l)));
  }
  return lines;
}

/**
 * `      path: before → after` on one line when it fits; else the values on the next line. A path longer than
 * PATH_WIDTH is cut in its middle and a value at its end, so no line passes WIDTH.
 */
function fieldLines(field: FieldChange, mark: string): string[] {
  const path = middle(field.path, PATH_WIDTH);
  const whole = `      ${mark} ${path}: ${value(field, 'before', WIDTH)} → ${value(field, 'after', WIDTH)}`;
  if (whole.length <= WIDTH) return [whole];
  const room = WIDTH - VALUE_INDENT.length - 3;
  const half = Math.floor(room / 2);
  const before = value(field, 'before', half);
  return [`      ${mark} ${path}:`, `${VALUE_INDENT}${before} → ${value(field, 'after', room - before.length)}`];
}

function value(field: FieldChange, side: 'before' | 'after', width: number): string {
  return side in field ? clip(JSON.stringify(field[side]) ?? 'null', width) : '(absent)';
}

function routeLines(route: BrokenRoute, style: Style): string[] {
  const caller = route.from ? `${route.client}/${route.from}` : `namespace ${route.client}`;
  const head = `    ${style.apply('red', '!')} route breaks: ${route.service}:${route.port}/${route.protocol} from ${caller}`;
  const was = `reached ${route.reachedBefore.join(', ')}`;
  return [fit(head, WIDTH + (head.length - stripped(head).length)), ...wrap(was, '        before: ', '          '), ...route.failures.flatMap((f) => wrap(f, '        after:  ', '          '))];
}

function summary(fleets: readonly FleetDiff[], style: Style): string {
  const objects = fleets.flatMap((f) => f.clusters.flatMap((c) => c.objects));
  const count = (p: Presence) => objects.filter((o) => o.presence === p).length;
  const clusters = fleets.flatMap((f) => f.clusters).filter((c) => c.objects.length > 0 || c.brokenRoutes.length > 0).length;
  const { refused, broken } = flaggedCount(fleets);
  const changes = `${count(Presence.ADDED)} added, ${count(Presence.REMOVED)} removed, ${count(Presence.KEPT)} changed in ${clusters} cluster(s)`;
  if (refused + broken === 0) return style.apply('green', `${changes}; nothing flagged`);
  return style.apply('red', `${changes}; FLAGGED: ${refused} change(s) kubectl apply refuses, ${broken} route(s) that break`);
}

/** The whole diff as JSON: every field of every object, values in full. */
export function renderJson(fleets: readonly FleetDiff[], before: string, after: string): string {
  const { refused, broken } = flaggedCount(fleets);
  return `${JSON.stringify({ before, after, flagged: refused + broken > 0, refusedChanges: refused, brokenRoutes: broken, fleets }, null, 2)}\n`;
}

/** `text` cut in its middle: both ends of a long JSON path tell where it is. */
function middle(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

function fit(text: string, width = WIDTH): string {
  return clip(text, width);
}

/** `text` in lines of WIDTH at most, breaking at spaces; `first` starts the first line, `rest` the others. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const prefix = line === first || line === rest ? line : `${line} `;
    if (prefix.length + word.length > WIDTH && line !== first && line !== rest) {
      lines.push(line);
      line = `${rest}${word}`;
    } else line = `${prefix}${word}`;
  }
  lines.push(line);
  return lines.map((l) => clip(l, WIDTH));
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const stripped = (text: string): string => text.replace(/\u001b\[\d+m/g, '');
