import {
  ActivePlacement,
  type ClusterProps,
  LabelSelectorOperator,
  MeshMtls,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  PortProtocol,
  WorkloadKind,
} from '../../lib';
import { appA, plan, problemsOf, twoClusters } from '../support/fleet';

/** The problems of planning `services` over `clusters`. */
function problems(services: Record<string, MultiClusterServiceOptions>, clusters: ClusterProps[] = twoClusters()): readonly string[] {
  return problemsOf(() => plan(services, clusters));
}

function withPlacements(...placements: MultiClusterServiceOptions['placements']): MultiClusterServiceOptions {
  return { ...appA(), placements };
}

const active = (clusters: string[], extra = {}) => new ActivePlacement({ clusters, ...extra });
const placeholder = (clusters: string[], networking = Networking.ISTIO) => new PlaceholderPlacement({ clusters, networking });

describe('cluster selection', () => {
  test('an unknown cluster name is named with the known ones', () => {
    expect(problems({ 'app-a': withPlacements(active(['nope'])) })).toEqual([
      'fleet/app-a: placements[0] (active) selects cluster "nope", which is not in the ClusterSet (known: prodc, localproda)',
    ]);
  });

  test('a label selector that matches nothing shows the labels there are', () => {
    const found = problems({ 'app-a': withPlacements(new ActivePlacement({ clusterLabelSelector: { matchLabels: { region: 'mars' } } })) });
    expect(found).toEqual([
      'fleet/app-a: placements[0] (active) clusterLabelSelector "region=mars" matches no cluster ' +
        '(clusters: prodc {region=hangzhou,cloud=public}; localproda {region=local,cloud=private})',
    ]);
  });

  test('a placement must name clusters or a selector, not both or neither', () => {
    expect(problems({ 'app-a': withPlacements(new ActivePlacement({})) })[0]).toContain('gives neither clusters and clusterLabelSelector');
    expect(
      problems({ 'app-a': withPlacements(new ActivePlacement({ clusters: ['prodc'], clusterLabelSelector: { matchLabels: {} } })) })[0],
    ).toContain('gives both clusters and clusterLabelSelector');
  });

  test('a malformed selector is rejected', () => {
    const selector = { matchExpressions: [{ key: 'region', operator: LabelSelectorOperator.IN }] };
    expect(problems({ 'app-a': withPlacements(new ActivePlacement({ clusterLabelSelector: selector })) })[0]).toContain(
      'operator In on "region" needs at least one value',
    );
  });

  test('a malformed selector is reported at the field at fault', () => {
    const problemsOfSelector = (matchExpressions: unknown[]) =>
      problems({ 'app-a': withPlacements(new ActivePlacement({ clusterLabelSelector: { matchExpressions } as never })) });
    expect(problemsOfSelector([{ key: 'region', operator: 'In' }])).toEqual([
      'fleet/app-a: placements[0] (active) clusterLabelSelector.matchExpressions[0].values is empty, but operator In on "region" needs at least one value',
    ]);
    expect(problemsOfSelector([{ key: 'region', operator: 'Exists', values: ['a'] }])).toEqual([
      'fleet/app-a: placements[0] (active) clusterLabelSelector.matchExpressions[0].values is set, but operator Exists on "region" takes no values; remove them',
    ]);
    expect(problemsOfSelector([{ key: 'region', operator: 'Exists' }, { key: '', operator: 'In', values: ['hangzhou'] }])).toEqual([
      'fleet/app-a: placements[0] (active) clusterLabelSelector.matchExpressions[1].key "" is not a label key: ' +
        'name part must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ]);
  });

  test('a selector that matches nothing shows an empty label value as ""', () => {
    const selector = { matchExpressions: [{ key: 'region', operator: LabelSelectorOperator.IN, values: [''] }] };
    expect(problems({ 'app-a': withPlacements(new ActivePlacement({ clusterLabelSelector: selector })) })[0]).toContain('clusterLabelSelector "region in ("")" matches no cluster');
  });

  test('a service placed twice in the same cluster', () => {
    expect(problems({ 'app-a': withPlacements(active(['prodc']), placeholder(['prodc', 'localproda'])) })).toEqual([
      'fleet/app-a: cluster "prodc" is selected by placements[0] (active) and again by placements[1] (placeholder); ' +
        'a service is placed once per cluster, so remove it from one placement',
    ]);
  });

  test('a placeholder with no active placement', () => {
    expect(problems({ 'app-a': withPlacements(placeholder(['localproda'])) })).toEqual([
      'fleet/app-a: has placeholders in "localproda" but no active cluster for them to reach; ' +
        'add an ActivePlacement (or turn one placeholder into an ActivePlacement)',
    ]);
  });
});

describe('names', () => {
  test('invalid DNS-1123 cluster names, duplicate cluster names', () => {
    const clusters = [...twoClusters(), { ...twoClusters()[0] }, { ...twoClusters()[0], name: 'Prod_C', serviceCidr: '10.200.0.0/16', podCidr: '10.201.0.0/16' }];
    const found = problems({}, clusters);
    expect(found).toContain(
      'fleet/clusters[3]: cluster name "Prod_C" must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit; ' +
        "it is the cluster's MCS cluster id and the first label of Lighthouse's {cluster}.{svc}.{ns}.svc.clusterset.local names",
    );
    expect(found).toContain('fleet/clusters[2]: cluster name "prodc" is already used by clusters[0]; cluster names are unique in a ClusterSet');
  });

  test('invalid service name, namespace and image', () => {
    const found = problems({ '1app': { ...appA(), namespace: 'Team A', image: 'Team/App A' } });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fleet\/1app: service name "1app" must be a DNS-1035 label/),
        expect.stringMatching(/^fleet\/1app: namespace "Team A" must be a DNS-1123 label/),
        'fleet/1app: image "Team/App A" is not an image reference such as registry.example.com/team/app:1.0',
      ]),
    );
  });

  test('two services with the same namespace and name', () => {
    const found = problemsOf(() =>
      require('../../lib/core/plan').planFleet({
        path: 'fleet',
        clusters: twoClusters(),
        services: [
          { path: 'fleet/one', name: 'app-a', options: appA() },
          { path: 'fleet/two', name: 'app-a', options: appA() },
        ],
      }),
    );
    expect(found).toEqual(['fleet/two: service "ns/app-a" is already defined by fleet/one; give one of them another name or namespace']);
  });

  test('labels clusterset owns cannot be set', () => {
    const found = problems({
      'app-a': withPlacements(active(['prodc'], { overrides: { labels: { 'clusterset.dev/role': 'x' } } })),
      'app-b': { ...appA(), labels: { 'app.kubernetes.io/name': 'other' } },
    });
    expect(found).toEqual([
      'fleet/app-a: placements[0] (active) overrides.labels sets "clusterset.dev/role", which clusterset sets itself (it selects pods and finds its objects by it); use another key',
      'fleet/app-b: labels sets "app.kubernetes.io/name", which clusterset sets itself (it selects pods and finds its objects by it); use another key',
    ]);
  });

  test('image overrides and cluster registries that make no valid image', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, registry: 'https://mirror' } : c));
    const found = problems({ 'app-a': withPlacements(active(['localproda'], { overrides: { image: { tag: 'no spaces allowed' } } })) }, clusters);
    expect(found).toEqual([
      'fleet/clusters[0]: cluster "prodc" registry "https://mirror" is not a registry host such as registry.example.com or mirror.local:5000',
      'fleet/app-a: placements[0] (active) overrides.image makes "team/app-a:no spaces allowed", which is not an image reference such as registry.example.com/team/app:1.0',
    ]);
  });

  test('invalid labels and env names', () => {
    const found = problems({ 'app-a': { ...appA(), labels: { 'bad key!': 'x', team: 'has space' }, annotations: { 'a b': 'any value' }, env: { '1X': 'y' } } });
    expect(found).toHaveLength(4);
  });
});

describe('ports', () => {
  test('duplicate names, duplicate numbers, bad numbers and bad names are all reported', () => {
    const found = problems({
      'app-a': {
        ...appA(Networking.EXTERNAL_NAME),
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
          { name: 'web', port: 80 },
          { name: 'big', port: 70000 },
          { name: 'a-very-long-port-name', port: 90 },
        ],
      },
    });
    expect(found).toEqual([
      'fleet/app-a: port name "http" is used twice; port names are unique in a Service',
      'fleet/app-a: port 80/TCP is declared twice (again as "web"); each port number and protocol once',
      'fleet/app-a: port "big" port 70000 must be a whole number from 1 to 65535',
      'fleet/app-a: port name "a-very-long-port-name" must be at most 15 characters',
    ]);
  });

  test('a service needs at least one port', () => {
    expect(problems({ 'app-a': { ...appA(), ports: [] } })).toContain('fleet/app-a: ports is empty; give the service at least one port');
  });

  test('UDP ports cannot go through Istio', () => {
    expect(problems({ 'app-a': { ...appA(), ports: [{ name: 'dns', port: 53, protocol: PortProtocol.UDP }] } })[0]).toContain(
      'port "dns" is UDP, which Istio does not route',
    );
  });
});

describe('networking', () => {
  test('ISTIO in a cluster without mesh', () => {
    const clusters = twoClusters().map((c) => ({ ...c, mesh: undefined }));
    expect(problems({ 'app-a': appA(Networking.ISTIO) }, clusters)).toEqual([
      'fleet/app-a: networking ISTIO needs Istio in cluster "localproda", which has no mesh; ' +
        'give the cluster mesh: { network: ... } or use Networking.ENDPOINT_SLICE or Networking.EXTERNAL_NAME',
    ]);
  });

  test('STRICT mTLS towards an active cluster without mesh is rejected', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, mesh: undefined } : { ...c, mesh: { network: 'b', mtls: MeshMtls.STRICT } }));
    expect(problems({ 'app-a': appA(Networking.ISTIO) }, clusters)).toEqual([
      'fleet/app-a: STRICT mTLS in "localproda" makes calls to app-a.ns.svc.clusterset.local from "localproda" use ISTIO_MUTUAL, ' +
        'but active cluster "prodc" has no mesh to accept it; add Istio there or set mesh.mtls to MeshMtls.PERMISSIVE',
    ]);
  });

  test('EndpointSlice for a headless service has no address to point at', () => {
    const found = problems({ db: { ...appA(Networking.ENDPOINT_SLICE), workload: WorkloadKind.STATEFUL_SET } });
    expect(found).toEqual([
      'fleet/db: networking ENDPOINT_SLICE cannot serve headless service "db" in cluster "localproda": ' +
        'a StatefulSet Service has no ClusterIP to point at; use Networking.ISTIO or Networking.EXTERNAL_NAME',
    ]);
  });

  test('EndpointSlice across Globalnet without a known Globalnet IP', () => {
    const clusters = twoClusters().map((c, i) => ({ ...c, globalnetCidr: `242.${i}.0.0/16` }));
    expect(problems({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, clusters)).toEqual([
      'fleet/app-a: placeholders reach cluster "prodc" through Globalnet, and its Globalnet IP is only known once Submariner ' +
        'allocates it; set globalnetIP on an ActivePlacement of that cluster alone, or use Networking.ISTIO or Networking.EXTERNAL_NAME',
    ]);
  });

  test('EndpointSlice when the static band is full', () => {
    const clusters = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, serviceCidr: '10.96.0.0/27' } : c));
    const services: Record<string, MultiClusterServiceOptions> = {};
    for (let i = 0; i < 16; i++) services[`app-${i}`] = appA(Networking.ENDPOINT_SLICE);
    const found = problems(services, clusters);
    // A /27 has a 16-address band (.1-.16): .1 and .10 are kept, so 14 services fit and 2 do not.
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('no free address left in the static band of serviceCidr 10.96.0.0/27 of cluster "prodc"');
  });

  test('a pinned ClusterIP outside the serviceCidr, or taken twice', () => {
    const pinned = (ip: string) => ({
      ...appA(Networking.ENDPOINT_SLICE),
      placements: [active(['prodc'], { clusterIP: ip }), placeholder(['localproda'], Networking.ENDPOINT_SLICE)],
    });
    expect(problems({ 'app-a': pinned('10.97.0.5') })[0]).toBe(
      'fleet/app-a: clusterIP "10.97.0.5" is not a usable address of serviceCidr 10.96.0.0/16; ' +
        'pick a free address of 10.96.0.0/16 (cluster "prodc"), best in its static band',
    );
    expect(problems({ 'app-a': pinned('10.96.0.20'), 'app-b': pinned('10.96.0.20') })[0]).toContain(
      'clusterIP "10.96.0.20" is already taken by fleet/app-a in cluster "prodc"',
    );
  });

  test('a pin on the conventional kube-dns address, or on a headless service', () => {
    const pinned = (ip: string) => ({
      ...appA(Networking.ENDPOINT_SLICE),
      placements: [active(['prodc'], { clusterIP: ip }), placeholder(['localproda'], Networking.ENDPOINT_SLICE)],
    });
    expect(problems({ 'app-a': pinned('10.96.0.10') })[0]).toContain(
      'clusterIP "10.96.0.10" is already taken by kube-dns (by convention the tenth address) in cluster "prodc"',
    );
    const headless = { ...pinned('10.96.0.20'), workload: WorkloadKind.STATEFUL_SET, placements: [active(['prodc'], { clusterIP: '10.96.0.20' })] };
    expect(problems({ db: headless })).toEqual([
      "fleet/db: placements[0] (active) sets clusterIP, but a StatefulSet's Service is headless and has no service IP; remove clusterIP",
    ]);
  });

  test('a pinned IP on a placement of several clusters', () => {
    const clusters = [...twoClusters(), { name: 'third', serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16' }];
    const found = problems({ 'app-a': withPlacements(active(['prodc', 'third'], { clusterIP: '10.96.0.5' }), placeholder(['localproda'])) }, clusters);
    expect(found[0]).toContain('placements[0] (active) sets clusterIP but selects 2 clusters');
  });

  test('placeholders cannot run replicas', () => {
    const found = problems({
      'app-a': withPlacements(active(['prodc']), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO, overrides: { replicas: 2 } })),
    });
    expect(found[0]).toContain('overrides replicas to 2, but placeholders always run 0');
  });

  test('exporting needs MCS in the active cluster, clusterset DNS needs it in the placeholder', () => {
    const noMcs = twoClusters().map((c) => ({ ...c, mcs: { enabled: false } }));
    const found = problems({ 'app-a': appA(Networking.EXTERNAL_NAME) }, noMcs);
    expect(found).toEqual([
      'fleet/app-a: active cluster "prodc" sets mcs: { enabled: false }, so the service cannot be exported to its placeholders; enable mcs on that cluster',
      expect.stringContaining('networking EXTERNAL_NAME needs Lighthouse DNS in cluster "localproda"'),
    ]);
  });
});

describe('CIDRs', () => {
  const overlapping = () => twoClusters().map((c) => ({ ...c, serviceCidr: '10.96.0.0/16' }));

  test('overlapping CIDRs between clusters of one service, without Globalnet', () => {
    expect(problems({ 'app-a': appA() }, overlapping())).toEqual([
      'fleet/app-a: clusters "prodc" and "localproda" both take part in this service but serviceCidr 10.96.0.0/16 of "prodc" ' +
        'overlaps serviceCidr 10.96.0.0/16 of "localproda"; give both clusters a globalnetCidr (Submariner Globalnet) or renumber one of them',
    ]);
  });

  test('overlapping CIDRs are fine with Globalnet on both sides, or when no service spans the two', () => {
    const globalnet = overlapping().map((c, i) => ({ ...c, globalnetCidr: `242.${i}.0.0/16` }));
    expect(problems({ 'app-a': appA() }, globalnet)).toEqual([]);
    expect(problems({ 'app-a': withPlacements(active(['prodc'])) }, overlapping())).toEqual([]);
  });

  test('unparsable CIDRs, host bits, and overlapping Globalnet ranges', () => {
    const clusters = twoClusters();
    clusters[0] = { ...clusters[0], serviceCidr: '10.96.0.0/33', podCidr: '10.244.0.1/16', globalnetCidr: '242.0.0.0/16' };
    clusters[1] = { ...clusters[1], globalnetCidr: '242.0.128.0/17' };
    expect(problems({}, clusters)).toEqual([
      'fleet/clusters[0]: cluster "prodc" serviceCidr "10.96.0.0/33" is not an IPv4 CIDR such as 10.96.0.0/16 (IPv6 ranges are not supported yet)',
      'fleet/clusters[0]: cluster "prodc" podCidr "10.244.0.1/16" has host bits set: the network address of that block is 10.244.0.0/16',
      'fleet/clusters[1]: globalnetCidr 242.0.128.0/17 of "localproda" overlaps globalnetCidr 242.0.0.0/16 of "prodc"; Globalnet ranges must be disjoint',
    ]);
  });
});

test('every problem of one synth is reported at once', () => {
  const found = problems({
    'app-a': withPlacements(active(['nope'])),
    'app-b': { ...appA(), ports: [] },
    Bad: withPlacements(placeholder(['localproda'])),
  });
  expect(found.length).toBeGreaterThanOrEqual(4);
});

describe('exclusions', () => {
  const publicClusters = { matchLabels: { cloud: 'public' } };
  const third = { name: 'hangzhou-1', labels: { cloud: 'public' }, serviceCidr: '10.160.0.0/16', podCidr: '10.176.0.0/16' };

  test('a selector less its exclusions', () => {
    const p = plan({ 'app-a': withPlacements(new ActivePlacement({ clusterLabelSelector: publicClusters, excludeClusters: ['hangzhou-1'] })) }, [...twoClusters(), third]);
    expect(p.services[0].active).toEqual(['prodc']);
  });

  test('excluding an unknown cluster, or everything selected', () => {
    expect(problems({ 'app-a': withPlacements(new ActivePlacement({ clusters: ['prodc'], excludeClusters: ['mars', 'prodc'] })) })).toEqual([
      'fleet/app-a: placements[0] (active) excludes cluster "mars", which is not in the ClusterSet (known: prodc, localproda)',
      'fleet/app-a: placements[0] (active) excludes every cluster it selects (prodc); remove an exclusion or select more clusters',
    ]);
  });
});
