// North-south weights (issue 11 §4, design document 001): each ingress node of a cluster weighs
// max(1, floor(pods × 10 / ingress nodes)) for a service with an HTTP port, pods being the service's pods there.
import {
  ActivePlacement,
  type ClusterProps,
  type MultiClusterServiceOptions,
  Networking,
  NorthSouth,
  type NorthSouthTable,
  PlaceholderPlacement,
  PortProtocol,
  ReplicaScheduling,
  type ServicePort,
} from '../../lib';
import { hostPortProblem } from '../../lib/core/kube/host-port';
import { northSouthTables } from '../../lib/core/emit/north-south';
import type { FleetPlan, ServiceSummary } from '../../lib/core/model';
import { plan, problemsOf } from '../support/fleet';

/** Three clusters; `extra` adds fields (ingressNodes, ingressAddresses) by cluster name. */
function clusters(extra: Record<string, Partial<ClusterProps>> = {}): ClusterProps[] {
  return ['a', 'b', 'c'].map((name, i) => ({ name, serviceCidr: `10.${32 * i}.0.0/16`, podCidr: `10.${32 * i + 16}.0.0/16`, ...extra[name] }));
}

/** A service active in `active`, placeholder (EXTERNAL_NAME) in the other clusters. */
function web(active: string[], extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  const placeholders = ['a', 'b', 'c'].filter((c) => !active.includes(c));
  return {
    namespace: 'shop',
    image: 'team/web:1',
    replicas: 3,
    ports: [{ name: 'http', port: 8080 }],
    placements: [
      new ActivePlacement({ clusters: active }),
      ...(placeholders.length > 0 ? [new PlaceholderPlacement({ clusters: placeholders, networking: Networking.EXTERNAL_NAME })] : []),
    ],
    ...extra,
  };
}

/** The one table of a plan of `services` over `fleet`. */
function tableOf(services: Record<string, MultiClusterServiceOptions>, fleet: ClusterProps[]): NorthSouthTable[] {
  return plan(services, fleet).northSouth ?? [];
}

describe('the weight of an ingress node', () => {
  it('is pods × 10 divided among the nodes, rounded down', () => {
    expect(NorthSouth.nodeWeight(3, 1)).toBe(30);
    expect(NorthSouth.nodeWeight(3, 2)).toBe(15);
    // 20 / 3 = 6.67: floored, not rounded.
    expect(NorthSouth.nodeWeight(2, 3)).toBe(6);
    expect(NorthSouth.nodeWeight(7, 4)).toBe(17);
  });

  it('is at least 1, however many nodes share few pods', () => {
    expect(NorthSouth.nodeWeight(1, 11)).toBe(1);
    expect(NorthSouth.nodeWeight(1, 10)).toBe(1);
    expect(NorthSouth.nodeWeight(1, 9)).toBe(1);
    expect(NorthSouth.nodeWeight(2, 11)).toBe(1);
    expect(NorthSouth.nodeWeight(0, 2)).toBe(1);
  });

  it('refuses what is not a count', () => {
    expect(problemsOf(() => NorthSouth.nodeWeight(3, 0))).toEqual(['NorthSouth.nodeWeight: ingressNodes 0 must be a whole number, at least 1']);
    expect(problemsOf(() => NorthSouth.nodeWeight(-1, 1.5))).toEqual([
      'NorthSouth.nodeWeight: pods -1 must be a whole number, at least 0',
      'NorthSouth.nodeWeight: ingressNodes 1.5 must be a whole number, at least 1',
    ]);
  });
});

describe('north-south tables', () => {
  it('give every ingress node of a cluster running the service its weight, named by default after the cluster', () => {
    const [table] = tableOf({ web: web(['a']) }, clusters({ a: { ingressNodes: 2 } }));
    expect(table).toEqual({
      path: 'fleet/web',
      namespace: 'shop',
      name: 'web',
      upstream: 'clusterset_shop_web',
      ports: ['http'],
      entries: [{ cluster: 'a', pods: 3, nodes: [{ address: 'a-ingress-1', weight: 15 }, { address: 'a-ingress-2', weight: 15 }] }],
      unfronted: [],
    });
  });

  it('use the declared addresses, in order', () => {
    const [table] = tableOf({ web: web(['a']) }, clusters({ a: { ingressNodes: 2, ingressAddresses: ['10.0.0.7:8080', 'edge-b.example.com'] } }));
    expect(table.entries[0].nodes).toEqual([
      { address: '10.0.0.7:8080', weight: 15 },
      { address: 'edge-b.example.com', weight: 15 },
    ]);
  });

  it('weigh duplicated replicas alike in every active cluster, each by its own node count', () => {
    const [table] = tableOf({ web: web(['a', 'b']) }, clusters({ a: { ingressNodes: 2 }, b: { ingressNodes: 3 } }));
    expect(table.entries.map((e) => [e.cluster, e.pods, e.nodes.map((n) => n.weight)])).toEqual([
      ['a', 3, [15, 15]],
      ['b', 3, [10, 10, 10]],
    ]);
  });

  it('weigh divided replicas by each cluster share, and leave out a cluster whose share is 0', () => {
    const divided = web(['a', 'b', 'c'], {
      scheduling: {
        type: ReplicaScheduling.DIVIDED,
        totalReplicas: 5,
        preferences: { a: { weight: 3 }, b: { weight: 2 }, c: { weight: 0 } },
      },
    });
    const [table] = tableOf({ web: divided }, clusters({ a: { ingressNodes: 2 }, b: { ingressNodes: 3 }, c: { ingressNodes: 1 } }));
    expect(table.entries.map((e) => [e.cluster, e.pods, e.nodes.map((n) => n.weight)])).toEqual([
      ['a', 3, [15, 15]],
      ['b', 2, [6, 6, 6]],
    ]);
  });

  it('leave out placeholder clusters, even with ingress nodes', () => {
    const [table] = tableOf({ web: web(['b']) }, clusters({ a: { ingressNodes: 2 }, b: { ingressNodes: 1 }, c: { ingressNodes: 4 } }));
    expect(table.entries.map((e) => e.cluster)).toEqual(['b']);
  });

  it('read only active clusters with replicas above 0 from the summary, whatever else a plan holds', () => {
    // Today's planner turns an active cluster at 0 replicas into a placeholder; the table must not rely on it.
    const summary: ServiceSummary = {
      path: 'fleet/web',
      name: 'web',
      namespace: 'shop',
      clustersetHost: 'web.shop.svc.clusterset.local',
      active: ['a', 'b'],
      placeholders: [{ cluster: 'c', networking: 'EXTERNAL_NAME' }],
      replicas: { a: 0, b: 2 },
      scheduling: ReplicaScheduling.DIVIDED,
      addresses: {},
    };
    const fleetPlan: FleetPlan = { clusters: [], services: [summary] };
    const tables = northSouthTables(fleetPlan, clusters({ a: { ingressNodes: 1 }, b: { ingressNodes: 1 }, c: { ingressNodes: 1 } }), () => [{ name: 'http', port: 80 }]);
    expect(tables.map((t) => t.entries.map((e) => `${e.cluster}=${e.nodes[0].weight}`))).toEqual([['b=20']]);
  });

  it('name the clusters running the service without ingress nodes, which the outer load balancer does not reach', () => {
    const [table] = tableOf({ web: web(['a', 'b', 'c']) }, clusters({ b: { ingressNodes: 1 } }));
    expect(table.entries.map((e) => e.cluster)).toEqual(['b']);
    expect(table.unfronted).toEqual(['a', 'c']);
  });

  it('are not written for a service none of whose running clusters has ingress nodes', () => {
    expect(tableOf({ web: web(['a']) }, clusters({ b: { ingressNodes: 2 } }))).toEqual([]);
    expect(tableOf({ web: web(['a']) }, clusters())).toEqual([]);
  });

  it('count HTTP and HTTP2 ports only, by name or appProtocol', () => {
    const withPorts = (ports: ServicePort[]) => tableOf({ web: web(['a'], { ports }) }, clusters({ a: { ingressNodes: 1 } }));
    expect(withPorts([{ name: 'http-api', port: 80 }, { name: 'grpc', port: 9000 }, { name: 'metrics', port: 9100, appProtocol: 'http2' }])[0].ports).toEqual(['http-api', 'metrics']);
    expect(withPorts([{ name: 'h2c', port: 80, appProtocol: 'kubernetes.io/h2c' }])[0].ports).toEqual(['h2c']);
    expect(withPorts([{ name: 'grpc', port: 9000 }, { name: 'tcp-db', port: 5432 }, { name: 'https', port: 443 }])).toEqual([]);
    // Istio would sniff an unnamed protocol; the outer proxy is not told it is HTTP.
    expect(withPorts([{ name: 'web', port: 8080 }])).toEqual([]);
    expect(withPorts([{ name: 'http', port: 8080, protocol: PortProtocol.UDP }, { name: 'tcp', port: 81 }])).toEqual([]);
  });

  it('are sorted by namespace and name, whatever the declaration order', () => {
    const fleet = clusters({ a: { ingressNodes: 1 } });
    const tables = tableOf({ zeta: web(['a']), alpha: web(['a'], { namespace: 'shop' }), beta: web(['a'], { namespace: 'api' }) }, fleet);
    expect(tables.map((t) => `${t.namespace}/${t.name}`)).toEqual(['api/beta', 'shop/alpha', 'shop/zeta']);
  });

  it('are computed for every plan, empty when no cluster declares ingress nodes', () => {
    expect(plan({ web: web(['a']) }, clusters()).northSouth).toEqual([]);
  });
});

describe('ingress nodes of a cluster', () => {
  const refused = (extra: Record<string, Partial<ClusterProps>>) => problemsOf(() => plan({ web: web(['a']) }, clusters(extra)));

  it('are a whole number, at least 1', () => {
    expect(refused({ a: { ingressNodes: 0 } })).toEqual([
      'fleet/clusters[0]: ingressNodes 0 must be a whole number of ingress nodes, at least 1; leave ingressNodes out when no ingress node fronts the cluster',
    ]);
    expect(refused({ a: { ingressNodes: 2.5 } })).toEqual([
      'fleet/clusters[0]: ingressNodes 2.5 must be a whole number of ingress nodes, at least 1; leave ingressNodes out when no ingress node fronts the cluster',
    ]);
    expect(refused({ b: { ingressNodes: '3' as unknown as number } })).toEqual(['fleet/clusters[1]: ingressNodes must be a whole number, got the string "3"']);
    expect(refused({ a: { ingressNodes: 1e12 } })).toEqual(['fleet/clusters[0]: ingressNodes 1000000000000 is more than Kubernetes can store (at most 2147483647)']);
    expect(refused({ a: { ingressNodes: 30000 } })).toEqual([
      'fleet/clusters[0]: ingressNodes 30000 is more nodes than a Kubernetes cluster runs (at most 5000); give the number of ingress nodes fronting the cluster',
    ]);
    expect(refused({ a: { ingressNodes: 5000 } })).toEqual([]);
    expect(refused({ a: { ingresNodes: 2 } as Partial<ClusterProps> })).toEqual(['fleet/clusters[0]: unknown field "ingresNodes" (did you mean "ingressNodes"?)']);
  });

  it('have addresses as nginx takes them: host or host:port', () => {
    expect(refused({ a: { ingressNodes: 2, ingressAddresses: ['edge-1; include /etc/passwd', 'edge-2:0'] } })).toEqual([
      'fleet/clusters[0]: ingressAddresses[0] "edge-1; include /etc/passwd" has host "edge-1; include /etc/passwd", not a DNS name (letters, digits, "-" and ".") or an IP address; give host or host:port, such as ingress-1.example.com:8080',
      'fleet/clusters[0]: ingressAddresses[1] "edge-2:0" has port "0", not a whole number from 1 to 65535; give host or host:port, such as ingress-1.example.com:8080',
    ]);
    expect(refused({ a: { ingressNodes: 1, ingressAddresses: 'edge-1' as unknown as string[] } })).toEqual(['fleet/clusters[0]: ingressAddresses must be a list, got the string "edge-1"']);
  });

  it('have one address per node', () => {
    expect(refused({ a: { ingressNodes: 3, ingressAddresses: ['edge-1', 'edge-2'] } })).toEqual([
      'fleet/clusters[0]: cluster "a" lists 2 ingressAddresses for ingressNodes 3; give one address per ingress node (3), or set ingressNodes to 2',
    ]);
    expect(refused({ c: { ingressAddresses: ['edge-1', 'edge-2'] } })).toEqual([
      'fleet/clusters[2]: cluster "c" lists 2 ingressAddresses but no ingressNodes; set ingressNodes: 2 (one per address), or remove ingressAddresses',
    ]);
  });

  it('are each listed once in the fleet, host names compared without case', () => {
    expect(refused({ a: { ingressNodes: 1, ingressAddresses: ['Edge-1:80'] }, b: { ingressNodes: 2, ingressAddresses: ['edge-2', 'edge-1:80'] } })).toEqual([
      'fleet/clusters[1]: cluster "b" ingressAddresses[1] "edge-1:80" is already the address of clusters[0] ("a") node 1; the outer load balancer would count that node twice, so give each ingress node once in the fleet',
    ]);
    expect(refused({ a: { ingressNodes: 1 }, b: { ingressNodes: 1, ingressAddresses: ['a-ingress-1'] } })).toEqual([
      'fleet/clusters[1]: cluster "b" ingressAddresses[0] "a-ingress-1" is already the address of clusters[0] ("a") node 1; the outer load balancer would count that node twice, so give each ingress node once in the fleet',
    ]);
  });
});

describe('host:port of an ingress node', () => {
  it.each(['edge', 'edge-1.example.com', 'EDGE.example.com:8443', '192.0.2.10', '192.0.2.10:80', '[fd00::1]', '[fd00::1]:8080', 'a:65535'])('takes %s', (address) => {
    expect(hostPortProblem(address)).toBeUndefined();
  });

  it.each([
    ['', 'has host "", not a DNS name (letters, digits, "-" and ".") or an IP address'],
    ['edge 1', 'has host "edge 1", not a DNS name (letters, digits, "-" and ".") or an IP address'],
    ['edge{', 'has host "edge{", not a DNS name (letters, digits, "-" and ".") or an IP address'],
    ['-edge', 'has host "-edge", not a DNS name (letters, digits, "-" and ".") or an IP address'],
    ['edge:65536', 'has port "65536", not a whole number from 1 to 65535'],
    ['edge:08', 'has port "08", not a whole number from 1 to 65535'],
    ['edge:', 'has port "", not a whole number from 1 to 65535'],
    ['300.0.0.1', 'has host "300.0.0.1", not an IPv4 address such as 192.0.2.10'],
    ['[fd00::1', 'has host "[fd00::1", not a bracketed IPv6 address such as [fd00::1]'],
    ['[zz::1]:80', 'has host "[zz::1]", not a bracketed IPv6 address such as [fd00::1]'],
  ])('refuses %j', (address, problem) => {
    expect(hostPortProblem(address)).toBe(problem);
  });
});
