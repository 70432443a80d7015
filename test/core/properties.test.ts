import fc from 'fast-check';
import {
  ActivePlacement,
  type ClusterProps,
  type FleetPlan,
  type Manifest,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  type ServiceSpec,
} from '../../lib';
import { planFleet } from '../../lib/core/plan';

/** A random fleet whose CIDRs never overlap: cluster i owns 10.(32i).0.0/12's two halves. */
const fleetArb = fc.array(fc.boolean(), { minLength: 2, maxLength: 5 }).map((meshes) =>
  meshes.map(
    (mesh, i): ClusterProps => ({
      name: `c${i}`,
      labels: { index: String(i) },
      serviceCidr: `10.${32 * i}.0.0/16`,
      podCidr: `10.${32 * i + 16}.0.0/16`,
      ...(mesh ? { mesh: { network: `net-${i}` } } : {}),
    }),
  ),
);

interface RandomService {
  readonly name: string;
  readonly namespace: string;
  readonly activeMask: number;
  readonly placeholderMask: number;
  readonly networking: number;
  readonly portCount: number;
}

const serviceArb = fc.record({
  name: fc.constantFrom('api', 'web', 'db', 'cache', 'auth', 'queue'),
  namespace: fc.constantFrom('ns', 'team-a', 'team-b'),
  activeMask: fc.integer({ min: 1, max: 31 }),
  placeholderMask: fc.integer({ min: 0, max: 31 }),
  networking: fc.nat(2),
  portCount: fc.integer({ min: 1, max: 3 }),
});

/** Turns random choices into valid service specs over `clusters` (names made unique, networking fitting the mesh). */
function toSpecs(clusters: readonly ClusterProps[], randoms: readonly RandomService[]): ServiceSpec[] {
  const modes = [Networking.ENDPOINT_SLICE, Networking.ISTIO, Networking.EXTERNAL_NAME];
  return randoms.map((r, i) => {
    const pick = (mask: number) => clusters.filter((_, j) => (mask >> j) & 1).map((c) => c.name);
    const active = pick(r.activeMask).length > 0 ? pick(r.activeMask) : [clusters[0].name];
    const placeholders = pick(r.placeholderMask).filter((c) => !active.includes(c));
    const meshEverywhere = placeholders.every((c) => clusters.find((x) => x.name === c)?.mesh);
    const networking = modes[r.networking] === Networking.ISTIO && !meshEverywhere ? Networking.EXTERNAL_NAME : modes[r.networking];
    const options: MultiClusterServiceOptions = {
      namespace: r.namespace,
      image: `team/${r.name}:1.0.${i}`,
      replicas: 2,
      ports: ['http', 'grpc', 'tcp-admin'].slice(0, r.portCount).map((name, p) => ({ name, port: 8000 + p })),
      placements: [
        new ActivePlacement({ clusters: active }),
        ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking })] : []),
      ],
    };
    return { path: `fleet/svc${i}`, name: `${r.name}-${i}`, options };
  });
}

const scenarioArb = fleetArb.chain((clusters) =>
  fc.array(serviceArb, { minLength: 1, maxLength: 8 }).map((randoms) => ({ clusters, specs: toSpecs(clusters, randoms) })),
);

const planOf = (clusters: ClusterProps[], specs: ServiceSpec[]): FleetPlan => planFleet({ path: 'fleet', clusters, services: specs });
const objects = (plan: FleetPlan, cluster: string): Manifest[] =>
  plan.clusters.find((c) => c.cluster === cluster)?.objects.map((o) => o.manifest) ?? [];

describe('invariants over random fleets', () => {
  test('planning is deterministic and independent of declaration order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ clusters, specs }) => {
        const once = JSON.stringify(planOf(clusters, specs));
        expect(JSON.stringify(planOf(clusters, specs))).toBe(once);
        expect(JSON.stringify(planOf(clusters, [...specs].reverse()))).toBe(once);
      }),
    );
  });

  test('no cluster receives two objects of one kind, namespace and name', () => {
    fc.assert(
      fc.property(scenarioArb, ({ clusters, specs }) => {
        const plan = planOf(clusters, specs);
        for (const c of plan.clusters) {
          const ids = c.objects.map((o) => `${o.manifest.apiVersion}|${o.manifest.kind}|${o.manifest.metadata.namespace}|${o.manifest.metadata.name}`);
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
    );
  });

  test('every namespace is created before anything lives in it', () => {
    fc.assert(
      fc.property(scenarioArb, ({ clusters, specs }) => {
        for (const c of planOf(clusters, specs).clusters) {
          const created = new Set<string>(['default']);
          for (const { manifest } of c.objects) {
            if (manifest.kind === 'Namespace') created.add(manifest.metadata.name);
            else expect(created.has(manifest.metadata.namespace ?? '')).toBe(true);
          }
        }
      }),
    );
  });

  test('every client cluster reaches every service it holds, by the plain name', () => {
    fc.assert(
      fc.property(scenarioArb, ({ clusters, specs }) => {
        const plan = planOf(clusters, specs);
        for (const summary of plan.services) {
          for (const activeCluster of summary.active) {
            const service = objects(plan, activeCluster).find((o) => o.kind === 'Service' && o.metadata.name === summary.name && o.metadata.namespace === summary.namespace) as any;
            expect(service.spec.selector).toBeDefined();
            expect(objects(plan, activeCluster).some((o) => o.kind === 'ServiceExport' && o.metadata.name === summary.name)).toBe(true);
          }
          for (const { cluster, networking } of summary.placeholders) {
            const here = objects(plan, cluster).filter((o) => o.metadata.namespace === summary.namespace);
            const service = here.find((o) => o.kind === 'Service' && o.metadata.name === summary.name) as any;
            expect(service).toBeDefined();
            if (networking === 'ENDPOINT_SLICE') {
              const slices = here.filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.['kubernetes.io/service-name'] === summary.name) as any[];
              expect(slices.map((s) => s.metadata.labels['multicluster.kubernetes.io/source-cluster'])).toEqual(summary.active);
              for (const slice of slices) {
                const source = slice.metadata.labels['multicluster.kubernetes.io/source-cluster'];
                const activeService = objects(plan, source).find((o) => o.kind === 'Service' && o.metadata.name === summary.name && o.metadata.namespace === summary.namespace) as any;
                expect(slice.endpoints[0].addresses).toEqual([activeService.spec.clusterIP]);
              }
            } else if (networking === 'ISTIO') {
              const localHost = `${summary.name}.${summary.namespace}.svc.cluster.local`;
              const vs = here.find((o) => o.kind === 'VirtualService' && (o as any).spec.hosts.includes(localHost)) as any;
              const destinations = [...(vs.spec.http ?? []), ...(vs.spec.tcp ?? []), ...(vs.spec.tls ?? [])].map((r) => r.route[0].destination.host);
              expect(destinations.length).toBe(service.spec.ports.length);
              expect(new Set(destinations)).toEqual(new Set([summary.clustersetHost]));
            } else {
              expect(service.spec.externalName).toBe(summary.clustersetHost);
            }
          }
        }
      }),
    );
  });

  test('allocated ClusterIPs are unique per cluster and inside the static band', () => {
    fc.assert(
      fc.property(scenarioArb, ({ clusters, specs }) => {
        const plan = planOf(clusters, specs);
        clusters.forEach((cluster, i) => {
          const ips = objects(plan, cluster.name)
            .filter((o) => o.kind === 'Service')
            .map((o) => (o as any).spec.clusterIP as string | undefined)
            .filter((ip): ip is string => ip !== undefined);
          expect(new Set(ips).size).toBe(ips.length);
          for (const ip of ips) {
            const [a, b, c, d] = ip.split('.').map(Number);
            // /16 -> a 256-address band: 10.(32i).0.1 - 10.(32i).1.0, minus .1 and .10.
            const offset = c * 256 + d;
            expect([a, b]).toEqual([10, 32 * i]);
            expect(offset).toBeGreaterThanOrEqual(2);
            expect(offset).toBeLessThanOrEqual(256);
            expect(offset).not.toBe(10);
          }
        });
      }),
    );
  });
});
