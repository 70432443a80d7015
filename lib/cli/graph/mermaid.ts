// The fleet graph as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab, most docs
// sites): each cluster a subgraph, each placement a node, routes solid arrows and moves dotted ones.
import { type FleetGraph, type GraphPlacement, holds } from './model';
import { NodeIds } from './node-ids';

/** `graph` as Mermaid flowchart source, ending with a newline. */
export function renderMermaid(graph: FleetGraph): string {
  // Mermaid ids: letters, digits and underscores. None is a keyword such as `end`: clusters' ids start
  // with `c_`, and a node's holds the `/` of its namespace as `_`.
  const ids = new NodeIds((wanted) => wanted.replace(/[^A-Za-z0-9_]/g, '_'));
  const lines = ['---', `title: ${JSON.stringify(`${graph.fleet} · ${graph.delivery}`)}`, '---', 'flowchart LR'];
  for (const m of graph.migrations) lines.push(`  %% migration ${m.replace(/[\r\n]/g, ' ')}`);
  for (const cluster of graph.clusters) {
    const state = cluster.state === 'READY' ? '' : ` (${cluster.state})`;
    lines.push(`  subgraph ${ids.cluster(cluster.name)} [${quote(`${cluster.name}${state}`)}]`);
    if (cluster.placements.length === 0) lines.push(`    ${ids.anchor(cluster.name)}[${quote('nothing placed')}]`);
    for (const p of cluster.placements) lines.push(`    ${ids.node(cluster.name, p.service)}${shape(p)}`);
    lines.push('  end');
  }
  for (const r of graph.routes) lines.push(`  ${ids.node(r.from, r.service)} -->|${quote(r.networking)}| ${ids.node(r.to, r.service)}`);
  for (const m of graph.moves) {
    const end = (cluster: string): string => (holds(graph, cluster, m.service) ? ids.node(cluster, m.service) : ids.cluster(cluster));
    lines.push(`  ${end(m.from)} -.->|${quote(`${m.service}: ${m.replicas} moved (${m.reason})`)}| ${end(m.to)}`);
  }
  lines.push('  classDef active fill:#dcfce7,stroke:#16a34a,color:#14532d');
  lines.push('  classDef placeholder fill:#ffffff,stroke:#6b7280,stroke-dasharray:4 3,color:#374151');
  lines.push('  classDef cordoned fill:#fef3c7,stroke:#b45309');
  lines.push('  classDef unavailable fill:#fee2e2,stroke:#b91c1c,stroke-dasharray:6 4');
  for (const cluster of graph.clusters) {
    if (cluster.state !== 'READY') lines.push(`  class ${ids.cluster(cluster.name)} ${cluster.state.toLowerCase()}`);
    for (const p of cluster.placements) lines.push(`  class ${ids.node(cluster.name, p.service)} ${p.role === 'active' && !p.withdrawn ? 'active' : 'placeholder'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A node's shape and label: active services as rounded boxes, placeholders as plain ones. */
function shape(p: GraphPlacement): string {
  if (p.role === 'placeholder') return `[${quote(p.service, `placeholder · ${p.networking}`)}]`;
  return `(${quote(p.service, `active ×${p.replicas}${p.withdrawn ? ' withdrawn' : ''}`)})`;
}

/** A Mermaid string of one or more lines: double-quoted, quotes and markup-breaking characters as entity codes. */
function quote(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/[\r\n]/g, ' ').replace(/[#"<>|]/g, (c) => `#${c.charCodeAt(0)};`)).join('<br/>')}"`;
}
