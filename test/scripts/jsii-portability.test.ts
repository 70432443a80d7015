// The portability checks the jsii step adds: each finds what jsii itself lets through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { declaredUnions, portabilityProblems } from '../../scripts/jsii-portability';

function entryPoint(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsii-portability-'));
  fs.writeFileSync(path.join(dir, 'index.ts'), source);
  return path.join(dir, 'index.ts');
}

describe('declared unions', () => {
  test('finds unions in props, parameters and returns, through aliases', () => {
    const index = entryPoint(`
      export type Kind = 'a' | 'b';
      export interface Props { readonly kind: Kind; readonly either?: string | number; readonly list: Array<string | number>; readonly map: Record<string, Kind> }
      export class Thing { public constructor(_value: string | boolean) {} public read(): Kind | undefined { return undefined; } }
    `);
    expect(declaredUnions(index)).toEqual([
      'Props.kind: Kind',
      'Props.either: string | number',
      'Props.list: Array<string | number>',
      'Props.map: Record<string, Kind>',
      'Thing.constructor(_value): string | boolean',
      'Thing.read: Kind | undefined',
    ]);
  });

  test('lets optional members, booleans, enums and private members through', () => {
    const index = entryPoint(`
      export enum Mode { A = 'a', B = 'b' }
      export interface Props { readonly mode?: Mode; readonly on?: boolean; readonly name: string; readonly tags: string[]; readonly modes: Record<string, Mode[]> }
      export class Thing { private hidden: string | number = 1; public _internal?: string | number; public constructor(public readonly props: Props) {} }
    `);
    expect(declaredUnions(index)).toEqual([]);
  });
});

describe('assembly checks', () => {
  const assembly = {
    name: 'x',
    types: {
      'x.Props': { kind: 'interface', name: 'Props', properties: [{ name: 'value', type: { union: { types: [{ primitive: 'string' }, { primitive: 'number' }] } } }] },
      'x.Thing': { kind: 'class', name: 'Thing', methods: [{ name: 'make', parameters: [{ name: 'input', type: { primitive: 'string' } }] }] },
    },
  };

  test('a union in the assembly and a runtime export jsii dropped are both named', () => {
    expect(portabilityProblems(assembly, ['Thing', 'planEverything'])).toEqual([
      'x.Props.value has a union type: use a factory class or a string enum',
      'lib/index.ts exports "planEverything", which is not a class or enum of the assembly: make it a static member of a class',
    ]);
  });

  test('classes and enums exported at runtime pass', () => {
    expect(portabilityProblems({ name: 'x', types: { 'x.Thing': assembly.types['x.Thing'] } }, ['Thing'])).toEqual([]);
  });
});
