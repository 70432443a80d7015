// ClusterSet.report(): the plan report where cdk8s users see it without a CLI (issue 11 §5).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { ActivePlacement, ClusterSet, ClusterSetErrors, ClusterStatus, Migration, MigrationPhase, MultiClusterService, PlaceholderPlacement, Networking, PlanReport } from '../../lib';

const cluster = (name: string, i: number, extra = {}) => ({ name, serviceCidr: `10.${i}.0.0/16`, podCidr: `10.${100 + i}.0.0/16`, ...extra });
const options = (replicas: number, priority: number, floorPercent: number) => ({
  image: 'shop/app:1',
  namespace: 'shop',
  replicas,
  ports: [{ port: 80, name: 'http' }],
  resources: { requests: { cpu: '1', memory: '1Gi' } },
  placements: [new ActivePlacement({ clusters: ['a', 'c'] }), new PlaceholderPlacement({ clusters: ['b'], networking: Networking.ENDPOINT_SLICE })],
  degrade: { priority, floorPercent },
});

/** The acceptance program: a down, b with room for 40 pods, c cordoned and migrating to b. */
function acceptanceFleet(phase: MigrationPhase) {
  const fleet = new ClusterSet(new App(), 'fleet', {
    clusters: [cluster('a', 1, { status: ClusterStatus.UNAVAILABLE }), cluster('b', 2, { allocatable: { pods: 40, cpu: '16', memory: '64Gi' } }), cluster('c', 3, { status: ClusterStatus.CORDONED })],
  });
  new MultiClusterService(fleet, 'orders', options(2, 100, 100));
  new MultiClusterService(fleet, 'reports', options(2, 10, 50));
  new Migration(fleet, 'c-to-b', { from: 'c', to: 'b', phase });
  return fleet;
}

describe('ClusterSet.report()', () => {
  test('reports the fleet’s plan under the fleet’s path', () => {
    const fleet = acceptanceFleet(MigrationPhase.SWITCH);
    const report = fleet.report();
    expect(report).toBe(PlanReport.text(fleet.plan(), { title: 'fleet' }));
    expect(report.split('\n')[0]).toBe('fleet');
    expect(report).toContain('Clusters: 3 (READY: b; CORDONED: c; UNAVAILABLE: a)');
    expect(report).toContain('Migration fleet/c-to-b: c -> b at SWITCH, phase 2 of 3 (BOTH_ACTIVE > [SWITCH] > DRAIN)');
    expect(report).toContain('Earlier phase 1 of 3, BOTH_ACTIVE');
    // At SWITCH the source still runs both services but exports neither: they count as withdrawn there, not active.
    const c = report.split('\n').find((line) => line.startsWith('c  '));
    expect(c?.split(/ {2,}/)).toEqual(['c', 'CORDONED', '4', '4', '4Gi', '0', '2', '0']);
  });

  test('prints what docs/operations.md shows in "See it"', () => {
    const doc = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
    const seeIt = doc.slice(doc.indexOf('\n## See it\n'));
    const excerpt = /```\n(fleet\n=====\n[\s\S]*?)```/.exec(seeIt)?.[1];
    expect(excerpt).toBe(acceptanceFleet(MigrationPhase.SWITCH).report());
  });

  test('throws the plan’s problems, as plan() does', () => {
    const fleet = new ClusterSet(new App(), 'fleet', { clusters: [cluster('a', 1)] });
    new Migration(fleet, 'nowhere', { from: 'a', to: 'zz', phase: MigrationPhase.SWITCH });
    let thrown: unknown;
    try {
      fleet.report();
    } catch (error) {
      thrown = error;
    }
    expect(ClusterSetErrors.problemsOf(thrown).join('\n')).toContain('fleet/nowhere: to "zz" is not a cluster of the fleet');
  });
});
