// The SVG layout on random fleet graphs, beyond the examples: boxes apart, every label clear of every arrow
// and of the other labels, everything inside the picture, and arrows never through a box.
import fc from 'fast-check';
import { type EdgeLayout, layoutGraph, type Rect, verticalsAcross } from '../../lib/cli/graph/layout';
import type { ClusterState, FleetGraph, GraphMove, GraphPlacement, GraphRoute } from '../../lib/cli/graph/model';

const MODES = ['ENDPOINT_SLICE', 'ISTIO', 'EXTERNAL_NAME', 'CUSTOM_MODE'];
const STATES: ClusterState[] = ['READY', 'CORDONED', 'UNAVAILABLE'];

/** A random graph as the model would build it: each service active somewhere, placeholders elsewhere routing to the active clusters. */
const graphs: fc.Arbitrary<FleetGraph> = fc
  .record({
    clusters: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/), { minLength: 1, maxLength: 6 }),
    services: fc.array(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), roles: fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }), mode: fc.constantFrom(...MODES), replicas: fc.nat(40) }), { maxLength: 6 }),
    states: fc.array(fc.constantFrom(...STATES), { minLength: 6, maxLength: 6 }),
    moves: fc.array(fc.record({ from: fc.nat(5), to: fc.nat(5), replicas: fc.nat(9), service: fc.nat(5) }), { maxLength: 4 }),
  })
  .map(({ clusters, services, states, moves }) => {
    const unique = services.filter((s, i) => services.findIndex((o) => o.name === s.name) === i);
    const placements = new Map<string, GraphPlacement[]>(clusters.map((c) => [c, []]));
    const routes: GraphRoute[] = [];
    for (const s of unique) {
      const service = `ns/${s.name}`;
      // role 0: nothing, 1: active, 2: placeholder.
      const active = clusters.filter((_, i) => s.roles[i] === 1);
      clusters.forEach((c, i) => {
        if (s.roles[i] === 1) placements.get(c)?.push({ service, role: 'active', replicas: s.replicas });
        if (s.roles[i] === 2) {
          placements.get(c)?.push({ service, role: 'placeholder', networking: s.mode });
          for (const to of active) routes.push({ service, from: c, to, networking: s.mode });
        }
      });
    }
    const graphMoves: GraphMove[] = moves
      .filter((m) => m.from < clusters.length && m.to < clusters.length && m.from !== m.to && unique.length > 0)
      .map((m) => ({ service: `ns/${unique[m.service % unique.length].name}`, from: clusters[m.from], to: clusters[m.to], replicas: m.replicas, reason: 'failover' }));
    return {
      fleet: 'fleet',
      delivery: 'Delivery.direct()',
      clusters: clusters.map((name, i) => ({ name, state: states[i], placements: placements.get(name) ?? [] })),
      routes,
      moves: graphMoves,
      migrations: [],
    };
  });

const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('random fleets: boxes apart, labels clear of arrows and of each other, all inside the picture', () => {
  fc.assert(
    fc.property(graphs, (graph) => {
      const layout = layoutGraph(graph);
      const inside = (r: Rect): boolean => r.x >= 0 && r.y >= 0 && r.x + r.width <= layout.width && r.y + r.height <= layout.height;
      expect(layout.edges).toHaveLength(graph.routes.length + graph.moves.length);
      layout.boxes.forEach((a, i) => {
        expect(inside(a.rect)).toBe(true);
        layout.boxes.slice(i + 1).forEach((b) => expect(overlap(a.rect, b.rect)).toBe(false));
      });
      layout.edges.forEach((e: EdgeLayout, i) => {
        expect(inside(e.labelRect)).toBe(true);
        for (const b of layout.boxes) {
          expect(overlap(e.labelRect, b.rect)).toBe(false);
          expect(e.points[1][1] < b.rect.y || e.points[1][1] > b.rect.y + b.rect.height).toBe(true);
        }
        layout.edges.slice(i + 1).forEach((o) => expect(overlap(e.labelRect, o.labelRect)).toBe(false));
        const { x, y, width, height } = e.labelRect;
        expect(layout.edges.flatMap((o) => verticalsAcross(o, y, y + height)).filter((v) => v >= x && v <= x + width)).toEqual([]);
      });
    }),
    { numRuns: 300 },
  );
});
