// The migration example (issue 11): design document 001's hard day, a cluster down and another's services
// moving to a third without room for all of them, planned at each phase of the migration.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import YAML from 'yaml';
import { type FleetPlan, type Manifest, MigrationPhase, Replacements } from '../../lib';
import { migrationApp, phaseFromEnvironment } from '../../examples/migration/app';
import { migrationClusters } from '../../examples/migration/fleet';
import { migrationServices } from '../../examples/migration/services';
import { expectEveryRouteServed } from '../support/random-fleet';
import { expectValidAgainstSchemas } from '../support/schema';
import { podSecurityFailures, podTemplatesOf } from '../support/pod-security-standards';
import { readTree, removeDir, tempDir } from '../support/files';

const ROOT = path.resolve(__dirname, '../..');
const PHASES = Object.values(MigrationPhase);
const objectsOf = (plan: FleetPlan): Record<string, Manifest[]> => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest)]));
const asFleet = { clusters: migrationClusters, specs: Object.entries(migrationServices).map(([name, options]) => ({ path: `fleet/${name}`, name, options })), globalnetIPs: {} };
const planAt = (phase: MigrationPhase) => migrationApp(phase).fleet.plan();
const replicas = (plan: FleetPlan) => Object.fromEntries(plan.services.map((s) => [s.name, s.replicas]));

describe('the migration example', () => {
  test('each phase synthesizes to the same bytes every time, schema-valid, with every pod restricted', () => {
    for (const phase of PHASES) {
      const render = () => migrationApp(phase).app.render();
      const folders = render();
      expect(render()).toEqual(folders);
      const objects = folders.flatMap((f) => f.files.flatMap((file) => YAML.parseAllDocuments(file.yaml).map((d) => d.toJSON())));
      expectValidAgainstSchemas(objects);
      for (const { object, template } of podTemplatesOf(objects)) expect([object, podSecurityFailures(template, 'restricted')]).toEqual([object, []]);
    }
  });

  test('core services move whole, reports is degraded to fit b, and b holds what it declares', () => {
    const plan = planAt(MigrationPhase.BOTH_ACTIVE);
    expect(replicas(plan)).toEqual({ catalog: { b: 4, c: 4 }, orders: { b: 6, c: 6 }, reports: { b: 5, c: 4 } });
    const reports = plan.operations?.services.find((s) => s.name === 'reports');
    expect([reports?.planned, reports?.beforeDegrade, reports?.degraded]).toEqual([{ a: 4, c: 4 }, { b: 8, c: 4 }, { b: 3 }]);
    expect(plan.usage?.find((u) => u.cluster === 'b')).toMatchObject({ pods: 15, cpu: '15500m' });
    expect(replicas(planAt(MigrationPhase.DRAIN))).toEqual({ catalog: { b: 4 }, orders: { b: 6 }, reports: { b: 5 } });
  });

  test('north-south weights follow the phases: c takes traffic until the switch, b from the first phase', () => {
    const weights = (phase: MigrationPhase) =>
      Object.fromEntries((planAt(phase).northSouth ?? []).map((t) => [t.name, t.entries.map((e) => `${e.cluster}:${e.nodes.map((n) => n.weight).join('/')}`)]));
    // orders: 6 pods behind b's 3 ingress nodes weigh 20 each, behind c's 2 weigh 30 each.
    expect(weights(MigrationPhase.BOTH_ACTIVE)).toEqual({ catalog: ['b:13/13/13', 'c:20/20'], orders: ['b:20/20/20', 'c:30/30'], reports: ['b:16/16/16', 'c:20/20'] });
    expect(weights(MigrationPhase.SWITCH)).toEqual({ catalog: ['b:13/13/13'], orders: ['b:20/20/20'], reports: ['b:16/16/16'] });
    expect(weights(MigrationPhase.DRAIN)).toEqual(weights(MigrationPhase.SWITCH));
  });

  test('every phase routes every plain name, and applies in place over the one before', () => {
    let previous: FleetPlan | undefined;
    for (const phase of PHASES) {
      const plan = planAt(phase);
      expect(expectEveryRouteServed(asFleet, plan, objectsOf(plan))).toBeGreaterThan(0);
      if (previous) expect(Replacements.between(objectsOf(previous), objectsOf(plan))).toEqual([]);
      previous = plan;
    }
  });

  test('the report a reviewer reads names the phase, the moves and what was degraded', () => {
    const text = migrationApp(MigrationPhase.SWITCH).fleet.report();
    expect(text).toContain('Migration fleet/c-to-b: c -> b at SWITCH, phase 2 of 3 (BOTH_ACTIVE > [SWITCH] > DRAIN)');
    expect(text).toContain('shop/reports  a     b          4  failover');
    expect(text).toMatch(/shop\/reports +b +8 +5 +3\n/);
  });

  test('CLUSTERSET_PHASE selects the phase; anything else is refused with the phases to choose from', () => {
    expect(phaseFromEnvironment(undefined)).toBe(MigrationPhase.BOTH_ACTIVE);
    expect(phaseFromEnvironment('DRAIN')).toBe(MigrationPhase.DRAIN);
    expect(() => phaseFromEnvironment('drain')).toThrow('CLUSTERSET_PHASE "drain" is not a migration phase; use one of BOTH_ACTIVE, SWITCH, DRAIN');
  });

  test('the real cdk8s CLI writes the SWITCH phase as it renders in process', () => {
    const outdir = path.join(tempDir('cli-migration'), 'dist');
    try {
      const app = `npx ts-node --transpile-only ${path.join('examples', 'migration', 'main.ts')}`;
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--app', app, '--output', outdir], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, CLUSTERSET_PHASE: 'SWITCH' },
      });
      const { app: inProcess } = migrationApp(MigrationPhase.SWITCH);
      const expected = Object.fromEntries([
        ...inProcess.render().flatMap((f) => f.files.map((file) => [path.join(f.folder, file.file), file.yaml])),
        ...inProcess.renderNorthSouth().map((file) => [path.join('north-south', file.name), file.content]),
        ['clusterset.plan.json', inProcess.renderPlan()],
      ]);
      expect(readTree(outdir)).toEqual(expected);
      // c still runs at SWITCH but no longer exports: b answers for the clusterset name alone.
      expect(Object.keys(expected).filter((f) => f.includes('ServiceExport')).map((f) => f.split(path.sep)[0])).toEqual(['b', 'b', 'b']);
      // The outer nginx sends the services' traffic to b's ingress nodes only.
      expect(JSON.parse(expected[path.join('north-south', 'shop.orders.json')]).entries.map((e: { cluster: string }) => e.cluster)).toEqual(['b']);
    } finally {
      removeDir(path.dirname(outdir));
    }
  }, 120_000);
});
