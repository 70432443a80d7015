// The checks across services run from the same code in both flavours (lib/core/validate/fleet-ledger.ts):
// the cdk8s ClusterSet plans every service at once, the Pulumi one claims each MultiClusterService as it is
// constructed. The same bad fleet must be refused with the same messages (paths are the same here, since the
// Pulumi resources are named as the cdk8s constructs).
import * as pulumi from '@pulumi/pulumi';
import { App } from 'cdk8s';
import * as cdk8s from '../../lib';
import * as flavour from '../../lib/pulumi';
import type { ClusterProps, IPlaceholderWiring, Manifest, MultiClusterServiceOptions } from '../../lib';
import { appA, twoClusters } from '../support/fleet';
import { installMocks } from './mocks';

installMocks();

const { ActivePlacement, Networking, PlaceholderPlacement, ReplicaScheduling } = cdk8s;

/** A wiring of one's own that adds, besides the placeholder's Service, an object of a fixed name. */
function wiringAdding(extra: (namespace: string) => Manifest): IPlaceholderWiring {
  return {
    name: 'WITH_EXTRA',
    addressNeeded: () => undefined,
    problems: () => [],
    objects: ({ service }) => [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: service.name, namespace: service.namespace }, spec: { ports: service.ports.map((p) => ({ name: p.name, port: p.port })) } },
      extra(service.namespace),
    ],
  };
}

const routes = wiringAdding((namespace) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'routes', namespace }, data: {} }));
const exportsAppB = wiringAdding((namespace) => ({ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'app-b', namespace } }));
const ownNamespace = wiringAdding((namespace) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));

/** A service active in prodc with `pin` on its ActivePlacement, and a placeholder in localproda. */
function pinned(pin: { clusterIP?: string; globalnetIP?: string }, networking = Networking.ENDPOINT_SLICE): MultiClusterServiceOptions {
  return appA(networking, { placements: [new ActivePlacement({ clusters: ['prodc'], ...pin }), new PlaceholderPlacement({ clusters: ['localproda'], networking })] });
}

/** A divided service active in both clusters, localproda idle (weight 0, so a placeholder), with clusterIP pinned there. */
function idlePinned(clusterIP: string): MultiClusterServiceOptions {
  return appA(Networking.ISTIO, {
    scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 2, preferences: { prodc: { weight: 1 }, localproda: { weight: 0 } } },
    placements: [new ActivePlacement({ clusters: ['prodc'] }), new ActivePlacement({ clusters: ['localproda'], clusterIP })],
  });
}

const withGlobalnet = (): ClusterProps[] => twoClusters().map((c, i) => ({ ...c, globalnetCidr: `242.${i}.0.0/16` }));
const overlapping = (): ClusterProps[] => twoClusters().map((c) => ({ ...c, serviceCidr: '10.96.0.0/16', podCidr: c.name === 'prodc' ? '10.244.0.0/16' : '10.128.0.0/16' }));

/** How a flavour refused a fleet. */
enum Refusal {
  /** A ClusterSetValidationError, thrown before the service's component is registered (its own problems). */
  VALIDATION = 'ClusterSetValidationError',
  /** A pulumi.ResourceError on the service's component, caused by a ClusterSetValidationError (a clash with another service). */
  RESOURCE = 'ResourceError',
}

interface BadFleet {
  readonly check: string;
  readonly clusters?: () => ClusterProps[];
  /** Services by construct id and resource name, in the order Pulumi constructs them (their namespace/name order too). */
  readonly services: ReadonlyArray<readonly [string, MultiClusterServiceOptions]>;
  /** How Pulumi refuses it. */
  readonly refusal: Refusal;
  /** The problem (or problems) both flavours report, `fleet/` and all. */
  readonly problem: string | string[];
}

const FLEETS: readonly BadFleet[] = [
  {
    check: 'one namespace and name for two services',
    services: [
      ['one', appA(Networking.ISTIO, { name: 'app-a' })],
      ['two', appA(Networking.ISTIO, { name: 'app-a' })],
    ],
    refusal: Refusal.RESOURCE,
    problem: 'fleet/two: service "ns/app-a" is already defined by fleet/one; give one of them another name or namespace',
  },
  {
    check: 'two services emitting one object in a cluster',
    services: [
      ['app-a', appA(Networking.custom(routes))],
      ['app-b', appA(Networking.custom(routes))],
    ],
    refusal: Refusal.RESOURCE,
    problem: 'fleet/app-b: emits ConfigMap ns/routes in cluster "localproda", which fleet/app-a emits too; rename one of the services',
  },
  {
    check: 'a service emitting its Namespace from its networking mode (refused before the fleet-wide checks)',
    services: [
      ['app-a', appA()],
      ['app-b', appA(Networking.custom(ownNamespace))],
    ],
    refusal: Refusal.VALIDATION,
    problem:
      'fleet/app-b: networking WITH_EXTRA object [1] for cluster "localproda" is Namespace "ns" with namespace undefined, outside the service\'s namespace "ns", where the service could not own it and its Namespace may not exist; put it in namespace "ns"',
  },
  {
    check: "a service exporting another service's name (which would join that service's exports)",
    // The service of that name is constructed first: Pulumi judges each service against the ones before it.
    services: [
      ['app-b', appA()],
      ['app-a', appA(Networking.custom(exportsAppB))],
    ],
    refusal: Refusal.VALIDATION,
    problem: [
      'fleet/app-a: exports ns/app-b, which fleet/app-b exports too; Lighthouse would merge them into one ServiceImport; give the mode\'s export a name of its own',
      'fleet/app-a: exports ns/app-b from cluster "localproda", which has no Service ns/app-b; Lighthouse would mark the export Valid=False (NoService); emit the Service there or drop the export',
    ],
  },
  {
    check: 'one pinned ClusterIP for two services',
    services: [
      ['app-a', pinned({ clusterIP: '10.96.0.50' })],
      ['app-b', pinned({ clusterIP: '10.96.0.50' })],
    ],
    refusal: Refusal.RESOURCE,
    problem: 'fleet/app-b: clusterIP "10.96.0.50" is already taken by fleet/app-a in cluster "prodc"; pick a free address of 10.96.0.0/16 (cluster "prodc"), best in its static band',
  },
  {
    check: 'one pinned ClusterIP for two services, in a cluster where a divided service is idle',
    services: [
      ['app-a', idlePinned('10.112.0.60')],
      ['app-b', appA(Networking.ISTIO, { placements: [new ActivePlacement({ clusters: ['localproda'], clusterIP: '10.112.0.60' })] })],
    ],
    refusal: Refusal.RESOURCE,
    problem: 'fleet/app-b: clusterIP "10.112.0.60" is already taken by fleet/app-a in cluster "localproda"; pick a free address of 10.112.0.0/16 (cluster "localproda"), best in its static band',
  },
  {
    check: 'one pinned Globalnet IP for two services',
    clusters: withGlobalnet,
    services: [
      ['app-a', pinned({ globalnetIP: '242.0.0.7' })],
      ['app-b', pinned({ globalnetIP: '242.0.0.7' })],
    ],
    refusal: Refusal.RESOURCE,
    problem:
      'fleet/app-b: globalnetIP "242.0.0.7" is already pinned by fleet/app-a in cluster "prodc"; Submariner gives each exported Service its own Globalnet IP, so pin the one it allocated to this Service',
  },
  {
    check: 'overlapping ranges of two clusters, reported once for the fleet by the first service spanning them',
    clusters: overlapping,
    services: [
      ['app-a', appA(Networking.ISTIO)],
      ['app-b', appA(Networking.ISTIO)],
    ],
    refusal: Refusal.VALIDATION,
    problem:
      'fleet/app-a: clusters "prodc" and "localproda" both take part in this service but serviceCidr 10.96.0.0/16 of "prodc" overlaps serviceCidr 10.96.0.0/16 of "localproda"; give both clusters a globalnetCidr (Submariner Globalnet) or renumber one of them',
  },
  {
    check: "a cluster's allocatable overflowed by the services together",
    clusters: () => twoClusters().map((c) => (c.name === 'prodc' ? { ...c, allocatable: { pods: 5, cpu: '1' } } : c)),
    services: [
      ['one', appA(Networking.ISTIO, { name: 'app-a', replicas: 3, resources: { requests: { cpu: '100m' } } })],
      ['two', appA(Networking.ISTIO, { name: 'app-c', replicas: 3, resources: { requests: { cpu: '100m' } } })],
    ],
    refusal: Refusal.RESOURCE,
    problem:
      'fleet/two: cluster "prodc" would hold 6 pods of the fleet\'s services, more than its allocatable.pods 5 pods (1 pods over); the most: fleet/one 3 pods (50%), ' +
      "fleet/two 3 pods (50%); lower replicas or requests there, place services in another cluster, or raise the cluster's allocatable.pods",
  },
];

/** The problems of the cdk8s flavour: every service of one ClusterSet, planned together. */
function viaCdk8s(fleet: BadFleet): readonly string[] {
  const set = new cdk8s.ClusterSet(new App(), 'fleet', { clusters: (fleet.clusters ?? twoClusters)() });
  for (const [id, options] of fleet.services) new cdk8s.MultiClusterService(set, id, options);
  try {
    set.plan();
  } catch (error) {
    if (cdk8s.ClusterSetErrors.isValidationError(error)) return cdk8s.ClusterSetErrors.problemsOf(error);
    throw error;
  }
  return [];
}

let run = 0;

/**
 * The problems of the Pulumi flavour: services constructed one by one, until the first refusal, as a program
 * stops there. Resource names are unique in the test's one stack, so the fleet is `pN` and each service
 * `pN-<id>` (its service named `<id>` as in cdk8s, unless the options name it); problems are given back with the
 * paths of the cdk8s constructs (`fleet/<id>`).
 */
function viaPulumi(fleet: BadFleet): { problems: readonly string[]; refusal?: Refusal } {
  const name = `p${run++}`;
  const asCdk8s = (problems: readonly string[]) => problems.map((p) => p.split(`${name}/${name}-`).join('fleet/'));
  const set = new flavour.ClusterSet(name, { clusters: (fleet.clusters ?? twoClusters)() });
  for (const [id, options] of fleet.services) {
    try {
      new flavour.MultiClusterService(`${name}-${id}`, { name: id, ...options, clusterSet: set });
    } catch (error) {
      if (error instanceof flavour.ClusterSetValidationError) return { problems: asCdk8s(error.problems), refusal: Refusal.VALIDATION };
      const cause = pulumi.ResourceError.isInstance(error) ? (error as { cause?: unknown }).cause : undefined;
      if (cause instanceof flavour.ClusterSetValidationError) return { problems: asCdk8s(cause.problems), refusal: Refusal.RESOURCE };
      throw error;
    }
  }
  return { problems: [] };
}

describe('the checks across services are the same in both flavours', () => {
  test.each(FLEETS.map((f) => [f.check, f] as const))('%s', (_check, fleet) => {
    const fromCdk8s = viaCdk8s(fleet);
    const fromPulumi = viaPulumi(fleet);
    expect(fromCdk8s).toEqual([fleet.problem].flat());
    expect(fromPulumi.problems).toEqual(fromCdk8s);
    expect(fromPulumi.refusal).toBe(fleet.refusal);
  });

  test('each fleet is accepted by both flavours once its last service is left out', () => {
    for (const fleet of FLEETS.filter((f) => f.refusal === Refusal.RESOURCE)) {
      const fixed = { ...fleet, services: fleet.services.slice(0, -1) };
      expect([fleet.check, viaCdk8s(fixed)]).toEqual([fleet.check, []]);
      expect([fleet.check, viaPulumi(fixed).problems]).toEqual([fleet.check, []]);
    }
  });

  test('a refused service claims nothing: the next one may take what it asked for', () => {
    const set = new flavour.ClusterSet('refused', { clusters: twoClusters() });
    // Refused for a problem of its own (a replica count below 0), after its address was checked.
    expect(() => new flavour.MultiClusterService('refused-a', { ...pinned({ clusterIP: '10.96.0.50' }), replicas: -1, clusterSet: set })).toThrow(flavour.ClusterSetValidationError);
    expect(() => new flavour.MultiClusterService('refused-b', { ...pinned({ clusterIP: '10.96.0.50' }), clusterSet: set })).not.toThrow();
  });
});
