import { Networking } from '../../lib';
import { appA, find, objectsIn, plan } from '../support/fleet';

const ipOf = (services: Record<string, ReturnType<typeof appA>>, name: string) =>
  find(objectsIn(plan(services), 'prodc'), 'Service', name).spec.clusterIP as string;

describe('ClusterIP allocation', () => {
  test('adding services that do not collide with it leaves an address alone', () => {
    const alone = ipOf({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, 'app-a');
    const crowded: Record<string, ReturnType<typeof appA>> = { 'app-a': appA(Networking.ENDPOINT_SLICE) };
    for (let i = 0; i < 20; i++) crowded[`other-${i}`] = appA(Networking.ENDPOINT_SLICE);
    const ips = Object.keys(crowded).map((name) => ipOf(crowded, name));
    expect(new Set(ips).size).toBe(ips.length);
    // Only a hash collision could move it; with this key and these names there is none.
    expect(ipOf(crowded, 'app-a')).toBe(alone);
  });

  test('the address depends on namespace and name, not on the declaration', () => {
    const a = ipOf({ 'app-a': appA(Networking.ENDPOINT_SLICE) }, 'app-a');
    const b = ipOf({ 'app-a': appA(Networking.ENDPOINT_SLICE, { namespace: 'other' }) }, 'app-a');
    expect(a).not.toBe(b);
  });
});
