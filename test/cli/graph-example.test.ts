// The picture the README and docs/cli-graph.md show is what `clusterset graph` draws of the hybrid example
// today: regenerate it with `npm run graph:example` when this fails. The Mermaid shown beside it, likewise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_GRAPH, exampleGraph } from '../../scripts/graph-example';

test(`${EXAMPLE_GRAPH} is what clusterset graph draws of the hybrid example now (npm run graph:example)`, async () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', EXAMPLE_GRAPH), 'utf8');
  expect(committed).toBe(await exampleGraph());
});

test('the Mermaid example of docs/cli-graph.md is what clusterset graph --format mermaid writes of the hybrid example', async () => {
  const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli-graph.md'), 'utf8');
  const shown = [...page.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]).find((block) => block.startsWith('---\ntitle:'));
  expect(shown).toBe(await exampleGraph('mermaid'));
});
