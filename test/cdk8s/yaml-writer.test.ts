import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { hybridManifests } from '../../examples/hybrid/app';
import { YamlWriter } from '../../lib/cdk8s/yaml-writer';

/** Strings YAML 1.1 treats specially, and shapes that need quoting or other styles. */
const TRICKY = [
  '', ' ', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '1', '-1', '1.0', '1e3', '0x1F', '0o17', '017', '1_000',
  '1:20', '2024-01-01', '.inf', '-.Inf', '.nan', 'a: b', 'a:b', 'a #b', '#a', '- a', '-a', '? a', ': a', '*a', '&a', '!a', '|a', '>a', '%a',
  '@a', '`a', '"a"', "'a'", 'a"b', "a'b", '[a]', '{a}', 'a,b', 'a\nb', 'a\n', ' a', 'a ', '\ta', 'é', '日本', '---', '...', '--- a', '<<',
  'http://app-a.ns.svc:7070', 'registry.example.com/team/app-a:1.4.2', 'app.kubernetes.io/name', '10.96.0.1', 'x'.repeat(300),
];

const scalarArb = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string(),
  fc.integer(),
  fc.constantFrom(-0, 0.5, 1e21, -1e-7, Number.MAX_SAFE_INTEGER + 2, Number.POSITIVE_INFINITY, Number.NaN),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const keyArb = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ minLength: 0, maxLength: 12 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, tie('list'), tie('map')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(keyArb, tie('tree'), { maxKeys: 5 }),
}));

describe('YamlWriter writes what cdk8s Yaml.stringify writes', () => {
  test('for every object of the hybrid example', () => {
    const writer = new YamlWriter();
    for (const objects of Object.values(hybridManifests())) {
      expect(writer.stringify(...objects)).toBe(Yaml.stringify(...objects));
    }
    expect(writer.documentsDelegated).toBe(0);
  });

  test('for random Kubernetes-shaped documents, all written directly', () => {
    const writer = new YamlWriter();
    const singleLine = fc.oneof(fc.constantFrom(...TRICKY.filter((s) => !s.includes('\n'))), fc.string().filter((s) => !/[\n\r]/.test(s)), fc.integer(), fc.boolean(), fc.constant(null));
    const { object } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, singleLine, fc.array(fc.oneof(singleLine, tie('object')), { maxLength: 3 }), tie('object')),
      object: fc.dictionary(keyArb.filter((k) => !/[\n\r]/.test(k)), tie('value'), { minKeys: 1, maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(object, (doc) => {
        expect(writer.stringify(doc)).toBe(Yaml.stringify(doc));
      }),
      { numRuns: Number(process.env.YAML_RUNS ?? 2000) },
    );
    expect(writer.documentsDelegated).toBe(0);
  });

  test('for random documents full of strings YAML treats specially', () => {
    const writer = new YamlWriter();
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), (docs) => {
        expect(writer.stringify(...docs)).toBe(Yaml.stringify(...docs));
      }),
      { numRuns: Number(process.env.YAML_RUNS ?? 2000) },
    );
  });
});
