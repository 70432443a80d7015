// `clusterset explain` and the test suite's route model agree: over random fleets written to an output (the plan
// document with each cluster's objects inline, as hub engines write them, or in folder files), explain's verdict
// for every route (exit code, reached workloads, failures) is what `RouteModel.check` says when the suite runs it
// on the planned objects with the fleet's own settings. Governed fleets add the calling workload (`--caller`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { ClusterProps, FleetPlan } from '../../lib';
import { main } from '../../lib/cli/main';
import { ExitCode } from '../../lib/cli/command';
import { type Route, RouteModel, type RouteOutcome } from '../../lib/cli/route-model';
import { fleetDocument, PLAN_FILE, planDocumentJson, type WrittenObject } from '../../lib/core/report/plan-document';
import { captureIo } from '../support/cli-io';
import { removeDir, tempDir } from '../support/files';
import { type GovernedFleet, governedFleetArb, planGoverned } from '../support/governed-fleet';
import { CLIENT_NAMESPACES, modelClusters, planOrRefuse, type RandomFleet, randomFleetArb } from '../support/random-fleet';

type Obj = Record<string, any>;

/** What explain prints with --json, for one route. */
interface ExplainedRoute {
  readonly route: Route;
  readonly ok: boolean;
  readonly reached: string[];
  readonly failures: string[];
}

/**
 * Writes the plan as ClusterSetApp would: the plan document beside each cluster's objects, in one YAML file per
 * cluster when `folders`, else inline in the document (as the hub engines write them).
 */
function writeOutput(dir: string, clusters: readonly ClusterProps[], plan: FleetPlan, folders: boolean): void {
  const written: Record<string, { folder: string; objects: WrittenObject[] }> = {};
  if (folders) {
    for (const c of plan.clusters) {
      const file = `${c.cluster}/objects.k8s.yaml`;
      fs.mkdirSync(path.join(dir, c.cluster), { recursive: true });
      fs.writeFileSync(path.join(dir, file), c.objects.map((o) => stringify(o.manifest)).join('---\n'));
      written[c.cluster] = { folder: c.cluster, objects: c.objects.map((o) => ({ file, manifest: o.manifest as Record<string, unknown> })) };
    }
  }
  const document = fleetDocument({ path: 'fleet', delivery: folders ? 'Delivery.direct()' : 'Delivery.kubeVela()', clusters, plan, ...(folders ? { folders: written } : {}) });
  fs.writeFileSync(path.join(dir, PLAN_FILE), planDocumentJson('test', [document]));
}

/** Runs explain and returns its exit code and routes (from --json). */
async function explain(dir: string, args: string[]): Promise<{ code: ExitCode; routes: ExplainedRoute[]; err: string }> {
  const captured = captureIo();
  const code = await main(['explain', ...args, '--json', '--dir', dir], captured.io, { env: {} });
  return { code, routes: code === ExitCode.USAGE ? [] : JSON.parse(captured.out()).routes, err: captured.err() };
}

const verdict = (o: RouteOutcome | ExplainedRoute) => ({ ok: o.ok, reached: o.reached, failures: o.failures });

/**
 * Explains every (cluster, client namespace, service) of the model's routes once with every port, and one port of
 * each with --port, and expects explain's verdicts to be the model's. Returns how many routes were compared.
 */
async function expectAgreement(dir: string, model: RouteModel, routes: readonly Route[]): Promise<number> {
  const groups = new Map<string, Route[]>();
  for (const r of routes) {
    const key = JSON.stringify([r.cluster, r.client, r.namespace, r.service, r.from]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let compared = 0;
  for (const group of groups.values()) {
    const [first] = group;
    const args = [`${first.namespace}/${first.service}`, '--from', first.cluster, '--client-namespace', first.client, ...(first.from ? ['--caller', first.from] : [])];
    const expected = group.map((r) => model.check(r));
    const all = await explain(dir, args);
    expect(all.err).toBe('');
    expect(all.code).toBe(expected.every((o) => o.ok) ? ExitCode.OK : ExitCode.FLAGGED);
    const byKey = (r: Route) => `${r.port}/${r.protocol}`;
    const explained = new Map(all.routes.map((r) => [byKey(r.route), r]));
    expect(group.map((r) => explained.get(byKey(r)) && verdict(explained.get(byKey(r)) as ExplainedRoute))).toEqual(expected.map(verdict));
    // One port alone: its own exit code.
    const one = await explain(dir, [...args, '--port', String(first.port)]);
    const mine = one.routes.filter((r) => r.route.protocol === first.protocol);
    expect(mine.map(verdict)).toEqual([verdict(expected[0])]);
    expect(one.code).toBe(one.routes.every((r) => r.ok) ? ExitCode.OK : ExitCode.FLAGGED);
    compared += group.length;
  }
  return compared;
}

describe('explain agrees with the route model', () => {
  let dirs: string[] = [];
  afterEach(() => {
    dirs.forEach(removeDir);
    dirs = [];
  });
  const output = (fleet: RandomFleet, plan: FleetPlan, folders: boolean) => {
    const dir = tempDir('explain-prop');
    dirs.push(dir);
    writeOutput(dir, fleet.clusters, plan, folders);
    return dir;
  };
  const planned = (plan: FleetPlan) => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));

  test('on random fleets: every route from every client namespace, inline or in folder files', async () => {
    const counts = { fleets: 0, refused: 0, routes: 0, failing: 0, inFolders: 0 };
    await fc.assert(
      // One fleet in three in folder files: reading YAML is what takes the time.
      fc.asyncProperty(randomFleetArb, fc.nat(2), async (fleet, layout) => {
        const folders = layout === 0;
        const plan = planOrRefuse(fleet);
        if (!plan) return void counts.refused++;
        counts.fleets++;
        if (folders) counts.inFolders++;
        const dir = output(fleet, plan, folders);
        // As the test suite runs it (test/support/random-fleet.ts expectEveryRouteServed).
        const model = new RouteModel(modelClusters(fleet.clusters), planned(plan), fleet.globalnetIPs, CLIENT_NAMESPACES);
        const routes = model.routes();
        counts.failing += routes.filter((r) => !model.check(r).ok).length;
        counts.routes += await expectAgreement(dir, model, routes);
        removeDir(dir);
      }),
      { numRuns: Number(process.env.EXPLAIN_RUNS ?? 60), ...(process.env.EXPLAIN_SEED ? { seed: Number(process.env.EXPLAIN_SEED) } : {}) },
    );
    console.log(`explain property: ${counts.fleets} fleets (${counts.inFolders} in folder files), ${counts.refused} refused, ${counts.routes} routes compared (${counts.failing} failing)`);
    expect(counts.fleets).toBeGreaterThan(counts.refused);
    expect(counts.routes).toBeGreaterThan(0);
    expect(counts.inFolders).toBeGreaterThan(0);
  });

  test('on governed fleets: every declared and undeclared caller, by --caller', async () => {
    const counts = { fleets: 0, routes: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(governedFleetArb, async (fleet: GovernedFleet) => {
        const plan = planGoverned(fleet);
        if (!plan) return;
        counts.fleets++;
        const dir = output(fleet, plan, false);
        const model = new RouteModel(modelClusters(fleet.clusters), planned(plan), fleet.globalnetIPs, CLIENT_NAMESPACES);
        // Each service calls each other from every cluster where it runs and the callee has a Service.
        const routes = model.routes().flatMap((r) =>
          plan.services
            .filter((caller) => caller.namespace === r.client && (caller.replicas[r.cluster] ?? 0) > 0)
            .map((caller): Route => ({ ...r, from: caller.name })),
        );
        counts.refused += routes.filter((r) => model.check(r).failures.some((f) => /NetworkPolicy|AuthorizationPolicy/.test(f))).length;
        counts.routes += await expectAgreement(dir, model, routes);
        removeDir(dir);
      }),
      { numRuns: Number(process.env.EXPLAIN_GOVERNED_RUNS ?? 100), ...(process.env.EXPLAIN_SEED ? { seed: Number(process.env.EXPLAIN_SEED) } : {}) },
    );
    console.log(`explain governed property: ${counts.fleets} fleets, ${counts.routes} caller routes compared, ${counts.refused} refused by a policy`);
    expect(counts.routes).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });
});
