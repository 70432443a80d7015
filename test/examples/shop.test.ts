import YAML from 'yaml';
import { shopApp } from '../../examples/shop/app';
import { podSecurityFailures, podTemplatesOf } from '../support/pod-security-standards';
import { expectValidAgainstSchemas } from '../support/schema';

const rendered = () => shopApp().app.render();
const objectsOf = (folder: string): Array<Record<string, any>> =>
  (rendered().find((f) => f.folder === folder)?.files ?? []).flatMap((f) => YAML.parseAllDocuments(f.yaml).map((d) => d.toJSON()));

describe('the shop example', () => {
  test('synthesizes to the same bytes every time, and every object is schema-valid', () => {
    const yaml = rendered();
    expect(rendered()).toEqual(yaml);
    expect(Object.fromEntries(yaml.map((f) => [f.folder, f.files.map((file) => file.file)]))).toMatchSnapshot();
    expectValidAgainstSchemas(['hangzhou-1', 'hangzhou-2', 'private-1'].flatMap(objectsOf));
  });

  test('every pod passes the restricted profile its namespace enforces', () => {
    const pods = podTemplatesOf(['hangzhou-1', 'hangzhou-2', 'private-1'].flatMap(objectsOf));
    expect(pods).toHaveLength(6);
    for (const { object, template } of pods) expect([object, podSecurityFailures(template, 'restricted')]).toEqual([object, []]);
  });

  test('web scales 2-8 and 1-4 in the public clusters, waits in the private one with its own config; db keeps two of three pods', () => {
    const bounds = (folder: string) => objectsOf(folder).filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => [o.spec.minReplicas, o.spec.maxReplicas]);
    expect([bounds('hangzhou-1'), bounds('hangzhou-2'), bounds('private-1')]).toEqual([[[2, 8]], [[1, 4]], []]);
    const config = (folder: string) => objectsOf(folder).find((o) => o.kind === 'ConfigMap')?.data['app.yaml'];
    expect([config('hangzhou-1'), config('private-1')]).toEqual(['cache: 256Mi\n', 'cache: 1Gi\n']);
    expect(objectsOf('private-1').find((o) => o.kind === 'PodDisruptionBudget')?.spec.minAvailable).toBe(2);
  });
});
