// The fleet graph in Graphviz DOT, for `dot -Tsvg` and tools that read it: each cluster a `cluster_`
// subgraph, each placement a node, routes solid edges and moves dashed ones. Every id is quoted.
import { type FleetGraph, type GraphPlacement, holds } from './model';
import { NodeIds } from './node-ids';

const STATE_COLOURS = { READY: '#475569', CORDONED: '#b45309', UNAVAILABLE: '#b91c1c' } as const;

/** `graph` as a DOT digraph, ending with a newline. */
export function renderDot(graph: FleetGraph): string {
  const ids = new NodeIds((wanted) => wanted);
  const lines = [
    'digraph clusterset {',
    `  graph [label=${quote(`${[`${graph.fleet} · ${graph.delivery}`, ...graph.migrations.map((m) => `migration ${m}`)].join('\n')}`)}, labelloc="t", fontname="Helvetica", rankdir="LR", compound="true"];`,
    '  node [shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11"];',
    '  edge [fontname="Helvetica", fontsize="10"];',
  ];
  graph.clusters.forEach((cluster, i) => {
    const state = cluster.state === 'READY' ? '' : ` (${cluster.state})`;
    lines.push(`  subgraph ${quote(`cluster_${i}`)} {`);
    lines.push(`    label=${quote(`${cluster.name}${state}`)}; color=${quote(STATE_COLOURS[cluster.state])};${cluster.state === 'UNAVAILABLE' ? ' style="dashed";' : ''}`);
    // A cluster with no service, or one a move leaves without the service, still needs a node to point at.
    if (cluster.placements.length === 0) {
      lines.push(`    ${quote(ids.anchor(cluster.name))} [label="nothing placed", shape="plaintext", style=""];`);
    } else if (graph.moves.some((m) => (m.from === cluster.name || m.to === cluster.name) && !holds(graph, cluster.name, m.service))) {
      lines.push(`    ${quote(ids.anchor(cluster.name))} [label="", shape="point", style="invis"];`);
    }
    for (const p of cluster.placements) lines.push(`    ${quote(ids.node(cluster.name, p.service))} [label=${quote(label(p))}, ${attributes(p)}];`);
    lines.push('  }');
  });
  for (const r of graph.routes) lines.push(`  ${quote(ids.node(r.from, r.service))} -> ${quote(ids.node(r.to, r.service))} [label=${quote(r.networking)}];`);
  for (const m of graph.moves) {
    const end = (cluster: string): string => quote(holds(graph, cluster, m.service) ? ids.node(cluster, m.service) : ids.anchor(cluster));
    lines.push(`  ${end(m.from)} -> ${end(m.to)} [label=${quote(`${m.service}: ${m.replicas} moved (${m.reason})`)}, style="dashed", color="#475569"];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function label(p: GraphPlacement): string {
  if (p.role === 'placeholder') return `${p.service}\nplaceholder · ${p.networking}`;
  return `${p.service}\nactive ×${p.replicas}${p.withdrawn ? ' withdrawn' : ''}`;
}

function attributes(p: GraphPlacement): string {
  if (p.role === 'placeholder') return 'fillcolor="#ffffff", color="#6b7280", style="rounded,dashed"';
  return p.withdrawn ? 'fillcolor="#ffffff", color="#16a34a"' : 'fillcolor="#dcfce7", color="#16a34a"';
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
