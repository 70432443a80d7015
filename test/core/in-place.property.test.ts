// Changes apply in place: a re-synth after a change of placements, roles, networking or scheduling is
// accepted by `kubectl apply` over the previous output, or the plan names the object that needs a delete.
import fc from 'fast-check';
import { ActivePlacement, type FleetPlan, type Manifest } from '../../lib';
import { applyRefusals, objectId } from '../support/apply-model';
import { planOrRefuse, type RandomFleet, randomFleetPairArb, randomNetworkingPairArb } from '../support/random-fleet';
import { replacementsBetween } from '../../lib/core/kube/immutable';


const objectsOf = (plan: FleetPlan): Record<string, Manifest[]> => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest)]));

/** `cluster|ns/name` of every Service whose clusterIP the user pinned. */
function pins(fleet: RandomFleet): Set<string> {
  return new Set(
    fleet.specs.flatMap((s) =>
      s.options.placements.flatMap((p) => (p instanceof ActivePlacement && p.props.clusterIP ? (p.props.clusters ?? []).map((c) => `${c}|${s.options.namespace}/${s.name}`) : [])),
    ),
  );
}

/** Whether `ip` lies in the static band KEP-3070 sets aside at the bottom of a service range. */
function inStaticBand(cidr: string | undefined, ip: unknown): boolean {
  const toNumber = (text: string) => text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  if (!cidr || typeof ip !== 'string' || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const band = Math.min(256, Math.max(16, Math.floor(size / 16)));
  const offset = toNumber(ip) - toNumber(base);
  return offset >= 1 && offset <= band;
}

/**
 * The changes docs/in-place.md says need a delete: a clusterIP the user pins, unpins or moves; a StatefulSet's
 * Service turning between headless (active) and a placeholder's ClusterIP; an allocation moving within the
 * static band because another service of the cluster came or went (a collision, or a pin on its address).
 */
function documented(refusal: { field: string; before: unknown; after: unknown }, key: string, before: RandomFleet, after: RandomFleet): boolean {
  if (refusal.field !== 'spec.clusterIP') return false;
  if (refusal.before === 'None' || refusal.after === 'None') return true;
  if (pins(before).has(key) || pins(after).has(key)) return true;
  const cidr = before.clusters.find((c) => c.name === key.split('|')[0])?.serviceCidr;
  return inStaticBand(cidr, refusal.before) && inStaticBand(cidr, refusal.after);
}

describe('changes apply in place', () => {
  test('over random pairs of fleets that differ in placements, only documented changes need a delete, and the plan names each', () => {
    let pairs = 0;
    let replacements = 0;
    let collisions = 0;
    fc.assert(
      fc.property(randomFleetPairArb, ([first, second]) => {
        const before = planOrRefuse(first);
        const after = planOrRefuse(second);
        if (!before || !after) return;
        pairs++;
        const listed = replacementsBetween(objectsOf(before), objectsOf(after)).map((r) => `${r.cluster}|${r.object}|${r.field}`);
        const found: string[] = [];
        for (const cluster of after.clusters) {
          const previous = new Map(objectsOf(before)[cluster.cluster]?.map((o) => [objectId(o), o]));
          for (const { manifest } of cluster.objects) {
            const old = previous.get(objectId(manifest));
            if (!old) continue;
            for (const refusal of applyRefusals(old, manifest)) {
              const key = `${cluster.cluster}|${manifest.metadata.namespace}/${manifest.metadata.name}`;
              if (!documented(refusal, key, first, second)) {
                throw new Error(`undocumented change: ${key} ${refusal.field} ${String(refusal.before)} -> ${String(refusal.after)}`);
              }
              if (refusal.before !== 'None' && refusal.after !== 'None' && !pins(first).has(key) && !pins(second).has(key)) collisions++;
              found.push(`${cluster.cluster}|${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}|${refusal.field}`);
            }
          }
        }
        replacements += found.length;
        expect(listed.sort()).toEqual(found.sort());
      }),
      { numRuns: Number(process.env.IN_PLACE_RUNS ?? 1000) },
    );
    console.log(`in-place property: ${pairs} pairs planned, ${replacements} replacements named, ${collisions} of them address collisions`);
    expect(pairs).toBeGreaterThan(50);
    // The generator makes addresses collide, so the property sees what collisions do.
    expect(collisions).toBeGreaterThan(0);
  });

  test('a change of networking modes alone never moves a ClusterIP (only a StatefulSet turning headless does)', () => {
    let pairs = 0;
    fc.assert(
      fc.property(randomNetworkingPairArb, ([first, second]) => {
        const before = planOrRefuse(first);
        const after = planOrRefuse(second);
        if (!before || !after) return;
        pairs++;
        const moved = replacementsBetween(objectsOf(before), objectsOf(after)).filter((r) => r.before !== 'None' && r.after !== 'None');
        expect(moved).toEqual([]);
      }),
      { numRuns: Number(process.env.IN_PLACE_RUNS ?? 1000) },
    );
    expect(pairs).toBeGreaterThan(100);
  });
});
