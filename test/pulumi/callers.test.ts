// Declared callers in the Pulumi flavour, which plans each service as it is constructed: a caller constructed
// later is someone else's, not unknown, and the service's summary carries the callers it declared.
import { ClusterSet } from '../../lib/pulumi';
import { appA, twoClusters } from '../support/fleet';
import { installMocks } from './mocks';

installMocks();

describe('declared callers under Pulumi', () => {
  test('a service names callers not constructed yet: no problem, and its summary lists them', () => {
    const fleet = new ClusterSet('callers', { clusters: twoClusters() });
    const trial = fleet._plan({ path: 'callers/app-a', name: 'app-a', options: appA(undefined, { callers: ['web', 'ops/admin'] }) });
    expect(trial.problems.messages).toEqual([]);
    expect(trial.plan?.services[0].callers).toEqual(['ns/web', 'ops/admin']);
  });

  test('a malformed caller is refused as in the cdk8s flavour', () => {
    const fleet = new ClusterSet('bad-callers', { clusters: twoClusters() });
    expect(() => fleet._plan({ path: 'bad-callers/app-a', name: 'app-a', options: appA(undefined, { callers: ['a/b/c'] }) })).toThrow(
      'bad-callers/app-a: callers[0] "a/b/c" is not a service name or namespace/name; write "web" for a service of namespace "ns", or "other/web" for one of namespace "other"',
    );
  });
});
