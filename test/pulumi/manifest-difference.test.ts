// The comparison FleetGovernance and FleetMonitoring make between what components created and the whole-fleet plan.
import { LiveValue } from '../../lib/core/kube/object-ref';
import { firstDifference } from '../../lib/pulumi/manifest-difference';

const source = { cluster: 'prodc', apiVersion: 'v1', kind: 'Service', namespace: 'ns', name: 'app-a' };

describe('firstDifference', () => {
  test('the same manifest, addresses read from the same Service included, has none', () => {
    const slice = () => ({ kind: 'EndpointSlice', endpoints: [{ addresses: [new LiveValue(source, ['spec', 'clusterIP'])] }], ports: [{ port: 80 }] });
    expect(firstDifference(slice(), slice())).toBeUndefined();
  });

  test('names the first field that differs, in key order, with both values', () => {
    expect(firstDifference({ spec: { replicas: 3, template: { a: 1 } } }, { spec: { replicas: 1, template: { a: 2 } } })).toEqual({ field: 'spec.replicas', before: '3', after: '1' });
    expect(firstDifference({ spec: { ports: [{ port: 80 }] } }, { spec: { ports: [{ port: 80 }, { port: 81 }] } })).toEqual({ field: 'spec.ports[1]', before: 'nothing', after: '{"port":81}' });
    expect(firstDifference({ metadata: { labels: { a: 'b' } } }, { metadata: {} })).toEqual({ field: 'metadata.labels', before: '{"a":"b"}', after: 'nothing' });
  });

  test('an address read from another Service, or a field, differs', () => {
    const other = new LiveValue({ ...source, name: 'app-b' }, ['spec', 'clusterIP']);
    expect(firstDifference({ a: [new LiveValue(source, ['spec', 'clusterIP'])] }, { a: [other] })?.field).toBe('a[0]');
    expect(firstDifference({ a: new LiveValue(source, ['spec', 'clusterIP']) }, { a: '10.0.0.1' })).toEqual({ field: 'a', before: '<spec.clusterIP of Service ns/app-a in prodc>', after: '"10.0.0.1"' });
  });
});
