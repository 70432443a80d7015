// Capacity across the fleet (issue 11 §1): what each cluster holds of the fleet's services, summed from the
// emitted workloads, and the refusal of a plan that overflows a cluster's allocatable.
import { type ClusterProps, type MultiClusterServiceOptions, Networking } from '../../lib';
import { formatCpu, formatMemory, quantityNanos } from '../../lib/core/kube/quantity';
import { requestsOf } from '../../lib/core/validate/capacity-pods';
import { appA, plan, problemsOf, twoClusters } from '../support/fleet';

const withAllocatable = (allocatable: ClusterProps['allocatable']): ClusterProps[] => twoClusters().map((c) => (c.name === 'prodc' ? { ...c, allocatable } : c));

/** A service active in prodc with `replicas` pods requesting `cpu` and `memory`, a placeholder in localproda. */
function sized(replicas: number, cpu: string, memory: string, extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return appA(Networking.ISTIO, { replicas, resources: { requests: { cpu, memory } }, ...extra });
}

describe('quantities', () => {
  it('are parsed exactly, in billionths, and printed back in their shortest exact form', () => {
    expect(quantityNanos('16')).toBe(16_000_000_000n);
    expect(quantityNanos('1500m')).toBe(1_500_000_000n);
    expect(quantityNanos('0.1')).toBe(100_000_000n);
    expect(quantityNanos('64Gi')).toBe(64n * 1024n ** 3n * 1_000_000_000n);
    expect(quantityNanos('1e3')).toBe(1000n * 1_000_000_000n);
    expect(quantityNanos('1.5k')).toBe(1500n * 1_000_000_000n);
    // The API server's smallest decimal suffixes: nano and micro.
    expect(quantityNanos('5n')).toBe(5n);
    expect(quantityNanos('250u')).toBe(250_000n);
    expect(formatCpu(quantityNanos('5n') ?? 0n)).toBe('5n');
    expect(quantityNanos('lots')).toBeUndefined();
    expect(formatCpu(1_500_000_000n)).toBe('1500m');
    expect(formatCpu(3_000_000_000n)).toBe('3');
    expect(formatCpu(5n)).toBe('5n');
    expect(formatMemory(1536n * 1024n ** 2n * 1_000_000_000n)).toBe('1536Mi');
    expect(formatMemory(1000n * 1_000_000_000n)).toBe('1000');
  });
});

describe('requests of a pod', () => {
  it('are the larger of the sum over containers and the largest init container, 0 when unset', () => {
    const pod = {
      containers: [{ resources: { requests: { cpu: '200m', memory: '100Mi' } } }, { resources: { requests: { cpu: '300m' } } }, {}],
      initContainers: [{ resources: { requests: { cpu: '100m', memory: '1Gi' } } }, { resources: { requests: { cpu: '400m' } } }],
    };
    expect(requestsOf(pod)).toEqual({ cpu: quantityNanos('500m'), memory: quantityNanos('1Gi') });
    expect(requestsOf({ containers: [{}] })).toEqual({ cpu: 0n, memory: 0n });
  });
});

describe('usage in the plan summary', () => {
  it('sums replicas × requests per cluster; placeholders count nothing', () => {
    const p = plan({ 'app-a': sized(3, '250m', '256Mi'), 'app-c': sized(2, '1', '1Gi', { name: 'app-c' }) }, withAllocatable({ pods: 5 }));
    expect(p.usage).toEqual([
      { cluster: 'prodc', pods: 5, cpu: '2750m', memory: '2816Mi', allocatable: { pods: 5 } },
      { cluster: 'localproda', pods: 0, cpu: '0', memory: '0' },
    ]);
  });

  it('counts an autoscaled workload at its maxReplicas', () => {
    const p = plan({ 'app-a': sized(3, '100m', '1Gi', { autoscaling: { minReplicas: 2, maxReplicas: 7, cpuUtilization: 80 } }) });
    expect(p.usage?.[0]).toMatchObject({ cluster: 'prodc', pods: 7, cpu: '700m', memory: '7Gi' });
  });

  it('counts a pod without requests as one pod and no CPU or memory', () => {
    const p = plan({ 'app-a': appA(Networking.ISTIO, { replicas: 4 }) });
    expect(p.usage?.[0]).toEqual({ cluster: 'prodc', pods: 4, cpu: '0', memory: '0' });
  });
});

describe('a plan that does not fit', () => {
  it('is refused naming the cluster, the total, the allocatable and the top three services with their share', () => {
    const services = {
      'app-a': sized(6, '1', '1Gi'),
      'app-c': sized(4, '1', '1Gi', { name: 'app-c' }),
      'app-d': sized(2, '1', '1Gi', { name: 'app-d' }),
      'app-e': sized(2, '500m', '1Gi', { name: 'app-e' }),
    };
    expect(problemsOf(() => plan(services, withAllocatable({ pods: 13, cpu: '16' })))).toEqual([
      'fleet/app-e: cluster "prodc" would hold 14 pods of the fleet\'s services, more than its allocatable.pods 13 pods (1 pods over); the most: ' +
        'fleet/app-a 6 pods (42%), fleet/app-c 4 pods (28%), fleet/app-d 2 pods (14%); lower replicas or requests there, place ' +
        "services in another cluster, or raise the cluster's allocatable.pods",
    ]);
    expect(problemsOf(() => plan(services, withAllocatable({ memory: '12Gi' })))).toEqual([
      'fleet/app-e: cluster "prodc" would hold 14Gi of memory of the fleet\'s services, more than its allocatable.memory 12Gi of memory (2Gi of memory over); ' +
        'the most: fleet/app-a 6Gi of memory (42%), fleet/app-c 4Gi of memory (28%), fleet/app-d 2Gi of memory (14%); lower replicas or ' +
        "requests there, place services in another cluster, or raise the cluster's allocatable.memory",
    ]);
    expect(problemsOf(() => plan(services, withAllocatable({ pods: 14, cpu: '13', memory: '14Gi' })))).toEqual([]);
  });

  it('is not checked in a cluster without allocatable', () => {
    expect(problemsOf(() => plan({ 'app-a': sized(400, '100', '1Ti') }))).toEqual([]);
  });

  it('refuses a bad allocatable with its path and value', () => {
    const problems = problemsOf(() => plan({ 'app-a': appA() }, withAllocatable({ pods: -1, cpu: 'lots', memory: '-1Gi' })));
    expect(problems.join('\n')).toMatch(/allocatable\.pods -1 must be a whole number of pods/);
    expect(problems.join('\n')).toMatch(/allocatable\.cpu "lots" is not a quantity/);
    expect(problems.join('\n')).toMatch(/allocatable\.memory "-1Gi" is not a quantity/);
  });
});

