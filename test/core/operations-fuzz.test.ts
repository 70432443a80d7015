// Migrations and statuses come from JSON and YAML too: random values in their fields are refused with a
// ClusterSetValidationError naming the field, through planFleet and a cdk8s synth (which writes nothing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ClusterSetApp, ClusterSet, ClusterStatus, Migration, MigrationPhase, MultiClusterService } from '../../lib';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { appA, twoClusters } from '../support/fleet';
import { removeDir, tempDir } from '../support/files';

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'switch', 'DOWN', 'prodc', 'nowhere', '__proto__', 'constructor', 'x'.repeat(70)),
  fc.constantFrom(0, -1, 1.5, Number.NaN, null, undefined, true, [], {}, ['prodc'], [null], { a: 1 }),
  fc.constantFrom(new Map(), () => 1, Symbol('s'), BigInt(3), new Date(0)),
  fc.jsonValue({ maxDepth: 2 }),
);

const FIELDS = ['from', 'to', 'phase', 'services', 'extra'] as const;
const valid = () => ({ from: 'prodc', to: 'localproda', phase: MigrationPhase.BOTH_ACTIVE as string });

function problemsOf(run: () => unknown): readonly string[] | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof ClusterSetValidationError) return error.problems;
    throw error;
  }
}

describe('fuzzing migrations and statuses', () => {
  test('a random value in a migration field or a cluster status is refused naming it, or planned; a failing synth writes nothing', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS, 'status'), garbage, (field, value) => {
        const props: Record<string, unknown> = valid();
        const clusters = twoClusters().map((c) => ({ ...c })) as Array<Record<string, unknown>>;
        if (field === 'status') clusters[1].status = value;
        else props[field] = value;
        const viaPlan = problemsOf(() =>
          planFleet({ path: 'fleet', clusters: clusters as never, services: [{ path: 'fleet/app-a', name: 'app-a', options: appA() }], migrations: [{ path: 'fleet/m', props: props as never }] }),
        );
        const dir = tempDir('fuzz-migration');
        const outdir = path.join(dir, 'dist');
        try {
          const app = new ClusterSetApp({ outdir });
          const fleet = new ClusterSet(app, 'fleet', { clusters: clusters as never });
          new MultiClusterService(fleet, 'app-a', appA());
          new Migration(fleet, 'm', props as never);
          const viaCdk8s = problemsOf(() => app.synth());
          expect(viaCdk8s).toEqual(viaPlan);
          if (viaCdk8s) expect(fs.existsSync(outdir)).toBe(false);
        } finally {
          removeDir(dir);
        }
        if (!viaPlan) return;
        refused++;
        const named = { status: /status|to "localproda"/, extra: /unknown field "extra"/ }[field as string] ?? new RegExp(`\\b${field}\\b|services names|runs no replica`);
        expect(viaPlan.join('\n')).toMatch(named);
        expect(viaPlan.every((p) => p.startsWith('fleet'))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  test('the valid migration plans', () => {
    expect(problemsOf(() => planFleet({ path: 'fleet', clusters: twoClusters(), services: [{ path: 'fleet/app-a', name: 'app-a', options: appA() }], migrations: [{ path: 'fleet/m', props: { ...valid(), phase: MigrationPhase.DRAIN } }] }))).toBeUndefined();
    expect(ClusterStatus.READY).toBe('READY');
  });
});
