// A networking mode written outside lib/, with only what the package exports, passes the route property.
import fc from 'fast-check';
import {
  type Manifest,
  Networking,
  type INetworkingMode,
  PlaceholderPlacement,
  PlaceholderService,
  type IPlaceholderWiring,
  type WiringContext,
} from '../../lib';
import { expectEveryRouteServed, planOrRefuse, type RandomFleet, randomFleetArb } from '../support/random-fleet';

/**
 * PINNED_EXTERNAL_NAME: the plain name aliases the first active cluster's own clusterset name,
 * `{cluster}.{app}.{ns}.svc.clusterset.local`, so a placeholder always calls that one cluster.
 */
const pinnedExternalName: IPlaceholderWiring = {
  name: 'PINNED_EXTERNAL_NAME',
  addressNeeded: () => undefined,
  problems({ service, cluster, sources }: WiringContext): string[] {
    const problems: string[] = [];
    if (!cluster.mcs) problems.push(`networking PINNED_EXTERNAL_NAME needs Lighthouse DNS in cluster "${cluster.name}"`);
    const first = sources[0];
    if (first?.cluster.mesh?.strictMtls) problems.push(`networking PINNED_EXTERNAL_NAME cannot reach ${service.name} in STRICT "${first.cluster.name}" through an alias`);
    return problems;
  },
  objects({ service, sources }: WiringContext): Manifest[] {
    return [PlaceholderService.of(service, { externalName: `${sources[0].cluster.name}.${service.clustersetHost}` })];
  },
};
const PINNED: INetworkingMode = Networking.custom(pinnedExternalName);

/** The fleet with every EXTERNAL_NAME placeholder (and idle cluster) wired by the mode of our own. */
function withPinnedMode(fleet: RandomFleet): RandomFleet {
  const swap = (networking: INetworkingMode | undefined) => (networking === Networking.EXTERNAL_NAME ? PINNED : networking);
  return {
    ...fleet,
    specs: fleet.specs.map((s) => ({
      ...s,
      options: {
        ...s.options,
        placements: s.options.placements.map((p) => (p instanceof PlaceholderPlacement ? new PlaceholderPlacement({ ...p.props, networking: swap(p.props.networking) as Networking }) : p)),
        ...(s.options.scheduling ? { scheduling: { ...s.options.scheduling, placeholderNetworking: swap(s.options.scheduling.placeholderNetworking) as Networking | undefined } } : {}),
      },
    })),
  };
}

describe('a networking mode defined outside the library', () => {
  test('routes every plain name over random fleets, or synth refuses', () => {
    let planned = 0;
    let aliased = 0;
    fc.assert(
      fc.property(randomFleetArb, (original) => {
        const fleet = withPinnedMode(original);
        const plan = planOrRefuse(fleet);
        if (!plan) return;
        planned++;
        const objects = Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Record<string, any>)]));
        aliased += Object.values(objects).flat().filter((o) => o.spec?.externalName && /^[^.]+\.[^.]+\.[^.]+\.svc\.clusterset\.local$/.test(o.spec.externalName)).length;
        expectEveryRouteServed(fleet, plan, objects);
      }),
      { numRuns: 300 },
    );
    expect(planned).toBeGreaterThan(100);
    // The mode was really used, not filtered away.
    expect(aliased).toBeGreaterThan(10);
  });
});
