// The text `clusterset explain` prints: a header from the plan (where the service runs, its clusterset name,
// north-south weights), then each port's trail of hops as an indented tree, then a verdict per port. Lines are
// wrapped at the terminal's width with their indentation kept, so a long reason stays readable.
import type { ServiceSummary } from '../../core/model';
import type { CliIo } from '../command';
import type { Hop, TracedRoute } from '../route-model';
import { Style } from '../style';
import type { ExplainTarget } from './target';

/** Output wider than this is wrapped: it fits a 100-column terminal, and reads on 120. */
export const WIDTH = 100;

const MARKS: Readonly<Record<Hop['kind'], { readonly mark: string; readonly style?: 'green' | 'red' | 'yellow' }>> = {
  step: { mark: '-' },
  reach: { mark: 'OK', style: 'green' },
  fail: { mark: 'FAIL', style: 'red' },
  hide: { mark: 'HIDDEN', style: 'yellow' },
};

/** The whole explanation of `traced` (one route per port of `target`), as lines ending in a newline. */
export function renderExplanation(target: ExplainTarget, traced: readonly TracedRoute[], io: Pick<CliIo, 'color'>): string {
  const style = new Style(io);
  const lines: string[] = [...header(target, style)];
  for (const route of traced) {
    const { port, protocol } = route.route;
    const who = `${target.caller ? `${target.client}/${target.caller}` : `a pod of namespace ${target.client}`} in "${target.from}"`;
    lines.push('', style.apply('bold', `${target.service.name}.${target.service.namespace}.svc.cluster.local:${port}/${protocol} from ${who}`));
    for (const hop of route.hops) {
      const { mark, style: colour } = MARKS[hop.kind];
      const indent = '  '.repeat(hop.depth + 1);
      const marked = colour ? style.apply(colour, mark) : mark;
      lines.push(...wrap(hop.text, indent, `${marked} `, mark.length + 1));
    }
    lines.push(...verdict(route, style));
  }
  return `${lines.join('\n')}\n`;
}

/** Where the plan puts the service: the clusterset name, active clusters with replicas, placeholders, north-south weights. */
function header(target: ExplainTarget, style: Style): string[] {
  const s: ServiceSummary = target.service;
  const replicas = (cluster: string) => `${cluster} (${s.replicas?.[cluster] ?? 0} replica(s)${s.withdrawn?.includes(cluster) ? ', withdrawn: not exported' : ''})`;
  const lines = [
    style.apply('bold', `Service ${s.namespace}/${s.name}`) + ` of fleet ${target.fleet.document.path} (${target.fleet.document.delivery})`,
    ...wrap(`clusterset name ${s.clustersetHost}`, '  ', '', 0),
    ...wrap(`active in ${s.active.length > 0 ? [...s.active].sort().map(replicas).join(', ') : 'no cluster'}`, '  ', '', 0),
  ];
  if (s.placeholders.length > 0) lines.push(...wrap(`placeholders in ${[...s.placeholders].sort((a, b) => (a.cluster < b.cluster ? -1 : 1)).map((p) => `${p.cluster} (${p.networking})`).join(', ')}`, '  ', '', 0));
  if (s.callers !== undefined) lines.push(...wrap(`declared callers: ${s.callers.length > 0 ? s.callers.join(', ') : 'none'}`, '  ', '', 0));
  const northSouth = target.fleet.document.northSouth?.find((t) => t.namespace === s.namespace && t.name === s.name);
  for (const entry of northSouth?.entries ?? []) {
    lines.push(...wrap(`north-south weights in ${entry.cluster} (${entry.pods} pod(s)): ${entry.nodes.map((n) => `${n.address}=${n.weight}`).join(', ')}`, '  ', '', 0));
  }
  if (northSouth && northSouth.unfronted.length > 0) lines.push(...wrap(`not behind the outer load balancer: ${northSouth.unfronted.join(', ')} (no ingressNodes)`, '  ', '', 0));
  return lines;
}

function verdict(route: TracedRoute, style: Style): string[] {
  if (route.ok) return wrap(`reaches ${[...route.reached].sort().join(', ')}`, '  ', `${style.apply('green', 'VERDICT OK')}: `, 'VERDICT OK: '.length);
  const why = route.reached.length === 0 && route.failures.length === 0 ? 'reaches no running pod' : `${route.failures.length} branch(es) fail${route.reached.length > 0 ? `, ${route.reached.length} reach a pod` : ''}`;
  return wrap(why, '  ', `${style.apply('red', 'VERDICT BROKEN')}: `, 'VERDICT BROKEN: '.length);
}

/**
 * `text` after `indent` and `prefix` (whose visible width is `prefixWidth`: it may hold colour codes), cut at
 * spaces into lines of at most WIDTH columns; continuation lines start under the text. A word longer than a line
 * is cut where it must be.
 */
export function wrap(text: string, indent: string, prefix: string, prefixWidth: number): string[] {
  const hang = indent.length + prefixWidth;
  const room = Math.max(20, WIDTH - hang);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > room) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, room));
      rest = rest.slice(room);
      line = '';
    }
    if (line && line.length + 1 + rest.length > room) {
      lines.push(line);
      line = rest;
    } else line = line ? `${line} ${rest}` : rest;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? `${indent}${prefix}${l}` : `${' '.repeat(hang)}${l}`));
}
