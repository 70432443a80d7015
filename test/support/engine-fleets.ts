// Random fleets for the hub engines: the route property's fleets, with overrides on some placements and
// services (registries, tags, digests, labels, annotations, env, resources, Karmada overriders, patches),
// since what differs between clusters is what the engines' override policies must carry.
import fc from 'fast-check';
import { ActivePlacement, type ContainerResources, ImageComponent, type INetworkingMode, JsonPatchOp, Networking, OverriderOperator, type Overrides, PlaceholderPlacement, type Placement, ReplicaScheduling, type ServiceSpec } from '../../lib';
import { type RandomFleet, randomFleetArb } from './random-fleet';

/** Override sets a placement may take; index 0 is none. */
export const OVERRIDES: readonly Overrides[] = [
  {},
  { image: { registry: 'registry.example.com' } },
  { labels: { 'example.com/tier': 'edge' } },
  { annotations: { 'example.com/owner': 'team-b' } },
  { env: { MODE: 'standby' } },
  { resources: { requests: { cpu: '100m' } } },
  { resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
  { labelsOverriders: [{ operator: OverriderOperator.ADD, value: { 'example.com/zone': 'z1' } }] },
  { annotationsOverriders: [{ operator: OverriderOperator.ADD, value: { 'example.com/note': 'n' } }] },
  { imageOverriders: [{ component: ImageComponent.TAG, operator: OverriderOperator.REPLACE, value: '2.0.0' }] },
  { argsOverriders: [{ operator: OverriderOperator.ADD, value: ['--verbose'] }] },
  { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/terminationGracePeriodSeconds', value: 5 }] },
  { replicas: 2 },
];

const DIGEST = `sha256:${'ab'.repeat(32)}`;

const tweakArb = fc.record({
  overridden: fc.boolean(),
  overrides: fc.array(fc.nat(OVERRIDES.length - 1), { minLength: 6, maxLength: 6 }),
  env: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  digest: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  resources: fc.nat(3),
  // Another service's name plus what the engines append to names: their objects' names may meet.
  rename: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('active', 'placeholders', 'c1', 'deploy', 'service')).map(([n, suffix]) => (n === 0 ? suffix : null)),
  // One service in three under an autoscaler, with a disruption budget: the engines must leave it the replicas.
  autoscaled: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
});

type Tweak = typeof tweakArb extends fc.Arbitrary<infer T> ? T : never;

export interface EngineFleet extends RandomFleet {
  /** KubeVela's shared mode: external topology Policies and Workflows. */
  readonly shared: boolean;
}

/** A random fleet of the route property, with overrides on half of its services. */
export const engineFleetArb: fc.Arbitrary<EngineFleet> = fc
  .tuple(randomFleetArb, fc.array(tweakArb, { minLength: 5, maxLength: 5 }), fc.boolean())
  .map(([fleet, tweaks, shared]) => renamed({ ...fleet, specs: fleet.specs.map((s, i) => tweaked(s, tweaks[i])), shared }, tweaks));

function renamed(fleet: EngineFleet, tweaks: readonly Tweak[]): EngineFleet {
  const globalnetIPs = structuredClone(fleet.globalnetIPs);
  const specs = fleet.specs.map((spec, i) => {
    const suffix = tweaks[i].rename;
    if (i === 0 || suffix === null) return spec;
    const name = `${fleet.specs[0].name}-${suffix}`;
    const namespace = spec.options.namespace ?? 'default';
    for (const ips of Object.values(globalnetIPs)) {
      if (`${namespace}/${spec.name}` in ips) {
        ips[`${namespace}/${name}`] = ips[`${namespace}/${spec.name}`];
        delete ips[`${namespace}/${spec.name}`];
      }
    }
    return { ...spec, name };
  });
  return { ...fleet, specs, globalnetIPs };
}

/** An autoscaler and a budget on the service: bounds 2-6 (divided, 1 or more each), one pod unavailable at a time. */
function autoscaled(spec: ServiceSpec, t: Tweak): ServiceSpec {
  if (!t.autoscaled) return spec;
  return { ...spec, options: { ...spec.options, autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 80 }, disruptionBudget: { maxUnavailable: 1 } } };
}

function tweaked(spec: ServiceSpec, t: Tweak): ServiceSpec {
  return autoscaled(overridden(spec, t), t);
}

function overridden(spec: ServiceSpec, t: Tweak): ServiceSpec {
  if (!t.overridden) return spec;
  const divided = spec.options.scheduling?.type === ReplicaScheduling.DIVIDED;
  const placements = (spec.options.placements ?? []).map((p, i) => {
    const overrides = OVERRIDES[t.overrides[i % t.overrides.length]];
    // Replicas are a duplicated service's active placements' own, without an autoscaler; the planner refuses them elsewhere.
    return overrides.replicas !== undefined && (divided || p.role !== 'active' || t.autoscaled) ? p : withOverrides(p, overrides);
  });
  const resources: ContainerResources | undefined = [undefined, { requests: { cpu: '50m' } }, { requests: { memory: '32Mi' }, limits: { memory: '32Mi' } }, { limits: { cpu: '1' } }][t.resources];
  return {
    ...spec,
    options: {
      ...spec.options,
      placements,
      ...(t.digest ? { image: `${spec.options.image}@${DIGEST}` } : {}),
      ...(t.env ? { env: { LOG: 'info' } } : {}),
      ...(resources ? { resources } : {}),
    },
  };
}

function withOverrides(p: Placement, overrides: Overrides): Placement {
  if (Object.keys(overrides).length === 0) return p;
  return p instanceof ActivePlacement ? new ActivePlacement({ ...p.props, overrides }) : new PlaceholderPlacement({ ...(p as PlaceholderPlacement).props, overrides });
}

/**
 * The fleet as a user adapts it to Delivery.karmada(), which refuses ClusterIPs (docs/delivery.md): no pinned
 * clusterIP, and EXTERNAL_NAME instead of ENDPOINT_SLICE unless the placeholder and active clusters all run
 * Globalnet (clusters unknown, chosen by a label selector or idle in a divided service, count as without).
 */
export function karmadaFitted(fleet: EngineFleet): EngineFleet {
  const globalnet = new Set(fleet.clusters.filter((c) => c.globalnetCidr).map((c) => c.name));
  const specs = fleet.specs.map((spec): ServiceSpec => {
    const active = (spec.options.placements ?? []).filter((p) => p instanceof ActivePlacement);
    const activeNames = active.every((p) => p.props.clusters) ? active.flatMap((p) => p.props.clusters ?? []) : undefined;
    const fit = (networking: INetworkingMode, clusters: readonly string[] | undefined) =>
      networking === Networking.ENDPOINT_SLICE && !(clusters && activeNames && [...clusters, ...activeNames].every((c) => globalnet.has(c))) ? Networking.EXTERNAL_NAME : networking;
    const placements = (spec.options.placements ?? []).map((p) => {
      if (p instanceof ActivePlacement) {
        const props = { ...p.props };
        delete (props as { clusterIP?: string }).clusterIP;
        return new ActivePlacement(props);
      }
      const placeholder = p as PlaceholderPlacement;
      return new PlaceholderPlacement({ ...placeholder.props, networking: fit(placeholder.props.networking, placeholder.props.clusters) });
    });
    const scheduling = spec.options.scheduling;
    const idle = scheduling?.placeholderNetworking;
    return {
      ...spec,
      options: { ...spec.options, placements, ...(scheduling && idle ? { scheduling: { ...scheduling, placeholderNetworking: fit(idle, undefined) } } : {}) },
    };
  });
  return { ...fleet, specs };
}
