// clusterset.plan.json, as ClusterSetApp writes it and the CLI reads it back: each cluster's objects found
// in the files the plan names (folder engines) or inline (hub engines), and clear errors on a damaged output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { OutputError, readOutput } from '../../lib/cli/output';
import { PLAN_FILE, PLAN_SCHEMA_VERSION } from '../../lib/core/report/plan-document';
import { hybridApp, hybridDelivery } from '../../examples/hybrid/app';
import { removeDir, tempDir } from '../support/files';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach(removeDir);
  dirs = [];
});

function synthesized(engine: string, yamlOutputType?: YamlOutputType): string {
  const outdir = tempDir('plan-doc');
  dirs.push(outdir);
  hybridApp({ outdir, ...(yamlOutputType ? { yamlOutputType } : {}) }, hybridDelivery(engine)).synth();
  return outdir;
}

/** Every object of the folder files of one cluster, as kubectl would read them. */
function folderObjects(dir: string, folder: string): unknown[] {
  return fs
    .readdirSync(path.join(dir, folder))
    .filter((f) => f.endsWith('.k8s.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, folder, f), 'utf8')).map((d) => d.toJSON()));
}

describe('the plan document', () => {
  test('direct folders: every file of each cluster folder is listed once, in file order, and reads back as written', () => {
    const dir = synthesized('Direct');
    const output = readOutput(dir);
    expect(output.document.schemaVersion).toBe(PLAN_SCHEMA_VERSION);
    const [fleet] = output.fleets;
    expect(fleet.document.delivery).toBe('Delivery.direct()');
    expect(fleet.document.clusters.map((c) => [c.cluster.name, c.folder])).toEqual([
      ['prodc', 'prodc'],
      ['localproda', 'localproda'],
    ]);
    for (const c of fleet.document.clusters) {
      expect(fleet.objects[c.cluster.name]).toEqual(folderObjects(dir, c.folder ?? 'none'));
      // The hand-added PodDisruptionBudget of prodc is what the cluster receives too.
      expect(c.objects.every((o) => o.file?.startsWith(`${c.folder}/`) && o.manifest === undefined)).toBe(true);
    }
    expect(fleet.objects.prodc.map((o) => o.kind)).toContain('PodDisruptionBudget');
    expect(fleet.document.services.map((s) => s.name).sort()).toEqual(['app-a', 'app-b']);
  });

  test('a hub engine: each member cluster\'s objects inline, as planned', () => {
    const dir = synthesized('Karmada');
    const [fleet] = readOutput(dir).fleets;
    expect(fleet.document.delivery).toBe('Delivery.karmada()');
    expect(fleet.document.clusters.every((c) => c.folder === undefined && c.objects.every((o) => o.manifest !== undefined))).toBe(true);
    expect(fleet.objects.prodc.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(expect.arrayContaining(['Deployment app-a', 'Service app-a', 'ServiceExport app-a']));
  });

  test('one file per chart: objects inline, and the document is byte-identical across synths', () => {
    const dir = synthesized('Direct', YamlOutputType.FILE_PER_CHART);
    const first = fs.readFileSync(path.join(dir, PLAN_FILE), 'utf8');
    expect(readOutput(dir).fleets[0].objects.localproda.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(synthesized('Direct', YamlOutputType.FILE_PER_CHART), PLAN_FILE), 'utf8')).toBe(first);
  });

  describe('a damaged output is refused with what to do', () => {
    const damaged = (edit: (dir: string) => void, engine = 'Direct'): string => {
      const dir = synthesized(engine);
      edit(dir);
      try {
        readOutput(dir);
      } catch (e) {
        expect(e).toBeInstanceOf(OutputError);
        return (e as Error).message;
      }
      throw new Error('read without an error');
    };
    const planPath = (dir: string) => path.join(dir, PLAN_FILE);
    const plan = (dir: string) => JSON.parse(fs.readFileSync(planPath(dir), 'utf8'));

    test('no plan', () => expect(damaged((d) => fs.rmSync(planPath(d)))).toMatch(/clusterset\.plan\.json does not exist; synthesize the program first/));
    test('not JSON', () => expect(damaged((d) => fs.writeFileSync(planPath(d), '{'))).toMatch(/is not valid JSON/));
    test('not a plan', () => expect(damaged((d) => fs.writeFileSync(planPath(d), '{"a":1}'))).toMatch(/is not a clusterset plan/));
    test('a newer layout', () =>
      expect(damaged((d) => fs.writeFileSync(planPath(d), JSON.stringify({ ...plan(d), schemaVersion: PLAN_SCHEMA_VERSION + 1 })))).toMatch(
        `has schemaVersion ${PLAN_SCHEMA_VERSION + 1}, newer than this clusterset reads (${PLAN_SCHEMA_VERSION}); upgrade clusterset`,
      ));
    test('a listed file removed', () => expect(damaged((d) => fs.rmSync(path.join(d, 'prodc/1-Service.ns.app-a.k8s.yaml')))).toMatch(/1-Service\.ns\.app-a\.k8s\.yaml, which clusterset\.plan\.json lists for Service ns\/app-a, does not exist/));
    test('a file edited to hold another object', () =>
      expect(
        damaged((d) => {
          const file = path.join(d, 'prodc/1-Service.ns.app-a.k8s.yaml');
          fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: app-a\n  namespace', 'name: app-z\n  namespace'));
        }),
      ).toMatch(/does not hold Service ns\/app-a, which clusterset\.plan\.json lists there/));

    /** The message for the plan document after `edit`, of the Direct output or of `engine`'s. */
    const edited = (edit: (plan: any) => void, engine = 'Direct') =>
      damaged((d) => {
        const document = plan(d);
        edit(document);
        fs.writeFileSync(planPath(d), JSON.stringify(document));
      }, engine);
    const AGAIN = '; synthesize the program again (was the file edited by hand?)';

    test.each<[string, (plan: any) => void, string]>([
      ['a replica count that is text', (p) => (p.fleets[0].services[0].replicas.prodc = '3'), 'fleets[0].services[0].replicas.prodc must be a whole number, at least 0, got "3"'],
      ['a value outside its enum', (p) => (p.fleets[0].services[0].scheduling = 'Spread'), 'fleets[0].services[0].scheduling must be one of Duplicated, Divided, got "Spread"'],
      ['a cluster status outside its enum', (p) => (p.fleets[0].clusters[0].cluster.status = 'DOWN'), 'fleets[0].clusters[0].cluster.status must be one of READY, CORDONED, UNAVAILABLE, got "DOWN"'],
      ['clusters that are not a list', (p) => (p.fleets[0].clusters = { prodc: {} }), 'fleets[0].clusters must be a list, got {"prodc":{}}'],
      ['an active cluster the fleet does not declare', (p) => (p.fleets[0].services[0].active = ['nope']), 'fleets[0].services[0].active[0] must name a cluster of the fleet (prodc, localproda), got "nope"'],
      [
        'an active cluster without a replica count',
        (p) => delete p.fleets[0].services[0].replicas[p.fleets[0].services[0].active[0]],
        'fleets[0].services[0].replicas.prodc must be a whole number, at least 0 (active cluster), got nothing',
      ],
      ['an object entry with neither file nor manifest', (p) => delete p.fleets[0].clusters[0].objects[0].file, 'fleets[0].clusters[0].objects[0] must have a file or a manifest, got neither'],
    ])('%s: the field, the value and the fix', (_, edit, message) => expect(edited(edit)).toMatch(` is damaged: ${message}${AGAIN}`));

    test('a cluster declared twice: named, with the entries that now name no cluster', () => {
      const message = edited((p) => (p.fleets[0].clusters[1].cluster.name = 'prodc'));
      expect(message).toContain(' is damaged: fleets[0].clusters[1].cluster.name must name a cluster once, got "prodc" a second time; ');
      expect(message).toContain('must name a cluster of the fleet (prodc, prodc), got "localproda"');
    });

    test('the first five wrong fields, never more', () => {
      let wrong = 0;
      const message = edited((p) => p.fleets[0].clusters.forEach((c: any) => c.objects.forEach((o: any) => ((o.apiVersion = 1), wrong++))));
      expect(wrong).toBeGreaterThan(5);
      expect(message.split(' must be a non-empty string, got 1').length - 1).toBe(5);
      expect(message).toMatch(/ is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.apiVersion must be /);
    });

    test('an inline manifest that is not the object its entry lists', () =>
      expect(edited((p) => (p.fleets[0].clusters[0].objects[0].manifest.metadata.name = 'other'), 'Karmada')).toMatch(
        /is damaged: fleets\[0\]\.clusters\[0\]\.objects\[0\]\.manifest must be the (\w+) (\S+) the entry lists, got \1 (\S+\/)?other; /,
      ));

    test('an inline manifest without a kind', () =>
      expect(edited((p) => delete p.fleets[0].clusters[1].objects[2].manifest.kind, 'Karmada')).toMatch(
        /is damaged: fleets\[0\]\.clusters\[1\]\.objects\[2\]\.manifest\.kind must be a non-empty string, got nothing; /,
      ));

    test('a file outside the output folder', () =>
      expect(edited((p) => (p.fleets[0].clusters[0].objects[0].file = '../elsewhere.yaml'))).toMatch(/clusterset\.plan\.json lists \w+ \S+ in \.\.\/elsewhere\.yaml, outside .*; synthesize the program again/));

    test('a file that is a folder', () =>
      expect(edited((p) => (p.fleets[0].clusters[0].objects[0].file = 'prodc'))).toMatch(/prodc, which clusterset\.plan\.json lists for \w+ \S+, cannot be read \(EISDIR/));

    test('fields the layout does not declare are let be: a newer minor layout may add them', () => {
      const dir = synthesized('Direct');
      const document = plan(dir);
      document.fleets[0].addedLater = { anything: [1] };
      document.fleets[0].services[0].addedLater = 'x';
      fs.writeFileSync(planPath(dir), JSON.stringify(document));
      expect(readOutput(dir).fleets[0].document.services[0].name).toBe(document.fleets[0].services[0].name);
    });
  });
});
