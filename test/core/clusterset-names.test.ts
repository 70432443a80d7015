import { ActivePlacement, type ClusterProps, WorkloadKind } from '../../lib';
import { checkClustersetNames, STATEFUL_SET_NAME_MAX } from '../../lib/core/validate/clusterset-names';
import { Problems } from '../../lib/core/errors';
import type { ResolvedService } from '../../lib/core/model';
import { plan, problemsOf, twoClusters } from '../support/fleet';

/** A name of `length` characters, a valid DNS label starting with `first`. */
const nameOf = (first: string, length: number) => first + 'x'.repeat(length - 1);

/** The problems of a StatefulSet `name` in `namespace`, active in `cluster` alone. */
function statefulSetProblems(name: string, namespace = 'ns', cluster = 'prodc', replicas = 3): readonly string[] {
  const clusters: ClusterProps[] = twoClusters().map((c) => (c.name === 'prodc' ? { ...c, name: cluster } : c));
  return problemsOf(() =>
    plan(
      { [name]: { namespace, image: 'team/db:1', replicas, workload: WorkloadKind.STATEFUL_SET, ports: [{ name: 'tcp', port: 5432 }], placements: [new ActivePlacement({ clusters: [cluster] })] } },
      clusters,
    ),
  );
}

describe('names derived from a StatefulSet', () => {
  test(`a StatefulSet name of ${STATEFUL_SET_NAME_MAX} characters is accepted, one more would create no pods`, () => {
    expect(statefulSetProblems(nameOf('d', 52))).toEqual([]);
    const long = nameOf('d', 53);
    expect(statefulSetProblems(long)).toEqual([
      `fleet/${long}: StatefulSet name "${long}" is 53 characters, over 52: Kubernetes labels each pod controller-revision-hash "${long}-<hash of up to 10 characters>", ` +
        'which must fit 63, so the StatefulSet would create no pods; shorten the service name to 52 characters or fewer',
    ]);
  });

  test('a name already refused as a Service name is not reported twice', () => {
    const tooLong = nameOf('d', 64);
    expect(statefulSetProblems(tooLong)).toEqual([`fleet/${tooLong}: service name "${tooLong}" must be at most 63 characters`]);
  });

  test('per-pod clusterset names must fit DNS’s 253 characters', () => {
    const svc = nameOf('d', 52);
    const cluster = nameOf('c', 63);
    // pod "{svc}-0" (54) + cluster (63) + svc (52) + namespace + 4 dots + "svc.clusterset.local" (20)
    expect(statefulSetProblems(svc, nameOf('n', 60), cluster)).toEqual([]);
    const namespace = nameOf('n', 63);
    const host = `${svc}-2.${cluster}.${svc}.${namespace}.svc.clusterset.local`;
    expect(host).toHaveLength(256);
    expect(statefulSetProblems(svc, namespace, cluster)).toEqual([
      `fleet/${svc}: the per-pod clusterset name "${host}" of cluster "${cluster}" is 256 characters, over DNS's 253: ` +
        "Lighthouse could not serve the records of that StatefulSet's pods; shorten the service, namespace or cluster name",
    ]);
  });
});

describe('names derived from a cluster', () => {
  // With every part a valid DNS label, {cluster}.{svc}.{ns}.svc.clusterset.local has at most 63 + 1 + 148 = 212
  // characters: only a cluster id longer than a label (the KEP allows two labels) could break it.
  test('a cluster-qualified clusterset name over 253 characters is refused', () => {
    const cluster = `${nameOf('c', 63)}.${nameOf('r', 63)}`;
    const service = {
      model: { name: 'app', path: 'fleet/app', headless: false, clustersetHost: `${nameOf('a', 42)}.${nameOf('n', 63)}.svc.clusterset.local` },
      assignments: [{ cluster: { name: cluster }, role: 'active', replicas: 1 }],
    } as unknown as ResolvedService;
    const problems = new Problems();
    checkClustersetNames(service, problems);
    const found = problemsOf(() => problems.throwIfAny());
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`of cluster "${cluster}" is 255 characters, over DNS's 253: Lighthouse and Istio's per-cluster routes could not use it`);
  });
});
