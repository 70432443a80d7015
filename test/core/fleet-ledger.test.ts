import { Problems } from '../../lib/core/errors';
import { parseCluster } from '../../lib/core/resolve/cluster';
import { FleetLedger } from '../../lib/core/validate/fleet-ledger';
import { type Ipv4Cidr, parseCidr, parseIpv4 } from '../../lib/core/kube/cidr';
import { problemsOf, twoClusters } from '../support/fleet';

const prodc = parseCluster(twoClusters()[0], 'fleet/clusters[0]', () => undefined);
const cidr = parseCidr('10.96.0.0/16') as Ipv4Cidr;
const ip = (text: string) => parseIpv4(text) ?? -1;

/** Claims `text` as a ClusterIP of prodc for `path`; the problems it raised. */
function claim(ledger: FleetLedger, text: string, path: string): readonly string[] {
  const problems = new Problems();
  ledger.claimClusterIP(prodc, cidr, ip(text), text, path, problems);
  return problemsOf(() => problems.throwIfAny());
}

describe('the fleet ledger', () => {
  test('a branch sees what its ledger claimed, and its own claims reach the ledger only once committed', () => {
    const ledger = new FleetLedger();
    expect(claim(ledger, '10.96.0.50', 'fleet/a')).toEqual([]);
    const branch = ledger.branch();
    expect(claim(branch, '10.96.0.50', 'fleet/b')).toEqual([
      'fleet/b: clusterIP "10.96.0.50" is already taken by fleet/a in cluster "prodc"; pick a free address of 10.96.0.0/16 (cluster "prodc"), best in its static band',
    ]);
    expect(claim(branch, '10.96.0.51', 'fleet/b')).toEqual([]);
    expect(ledger.claimedClusterIPs('prodc')).toEqual([ip('10.96.0.50')]);
    expect(branch.claimedClusterIPs('prodc')).toEqual([ip('10.96.0.50'), ip('10.96.0.51')]);
    branch.commit();
    expect(ledger.claimedClusterIPs('prodc')).toEqual([ip('10.96.0.50'), ip('10.96.0.51')]);
    expect(claim(ledger, '10.96.0.51', 'fleet/c')).toEqual([expect.stringContaining('already taken by fleet/b')]);
  });

  test('a branch left uncommitted claims nothing', () => {
    const ledger = new FleetLedger();
    claim(ledger.branch(), '10.96.0.50', 'fleet/refused');
    expect(claim(ledger, '10.96.0.50', 'fleet/a')).toEqual([]);
  });

  test('clashes are counted apart from a service’s own problems', () => {
    const problems = new Problems();
    const ledger = new FleetLedger();
    ledger.claimGlobalnetIP(prodc, '242.0.0.7', 'fleet/a', problems);
    ledger.claimGlobalnetIP(prodc, '242.0.0.7', 'fleet/b', problems);
    expect(() => problems.throwIfAnyBesidesClashes()).not.toThrow();
    expect(problemsOf(() => problems.throwIfAny())).toEqual([expect.stringMatching(/^fleet\/b: globalnetIP "242.0.0.7" is already pinned by fleet\/a/)]);
    problems.add('fleet/b', 'replicas -1 must be a whole number, 0 or more');
    expect(problemsOf(() => problems.throwIfAnyBesidesClashes())).toHaveLength(2);
  });

  test('the overlap of two clusters is reported once, whichever order names them', () => {
    const ledger = new FleetLedger();
    expect(ledger.firstOverlapReport('prodc', 'localproda')).toBe(true);
    expect(ledger.firstOverlapReport('localproda', 'prodc')).toBe(false);
    expect(ledger.branch().firstOverlapReport('prodc', 'localproda')).toBe(false);
  });
});
