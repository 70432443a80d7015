import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, type AppProps, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { replacementsBetween } from '../core/kube/immutable';
import type { Manifest } from '../core/kube/manifest';
import { applyWaveOf } from '../core/plan';
import type { IFolderFile } from '../engines/engine';
import { checkedFleets } from './cluster-set';
import { ClusterSetValidationError } from '../core/errors';
import { NORTH_SOUTH_FOLDER, type NorthSouthFile, northSouthFiles } from '../core/emit/north-south-files';
import { FOLDER_FILES, NAMESPACED_FILES } from './output-layout';
import { YamlWriter } from './yaml-writer';
import { packageVersion } from './package-version';
import { fleetDocument, PLAN_FILE, planDocumentJson, type WrittenObject } from '../core/report/plan-document';
import { reportProgress } from '../core/report/synth-progress';

/** One file of a cluster folder, rendered. */
export interface RenderedFile {
  /** `<wave>-<Kind>.<namespace>.<name><outputFileExtension>` */
  readonly file: string;
  readonly yaml: string;
}

/** One cluster's folder, rendered. */
export interface RenderedFolder {
  /** The chart's name: the cluster name for ClusterSet charts. */
  readonly folder: string;
  readonly files: RenderedFile[];
}

/** A folder with the objects of its first files, in their order (the files after them are the engine's own, such as kustomization.yaml). */
type FolderWithObjects = RenderedFolder & { readonly objects: ReadonlyArray<Record<string, unknown>> };

/**
 * A cdk8s App whose folder output suits `kubectl apply -f dist/<cluster>/` and GitOps: one folder per
 * cluster, one file per object named `<wave>-<Kind>.<namespace>.<name>.k8s.yaml`, so Namespaces sort
 * before what lives in them and equal names in two namespaces never overwrite each other. Every file
 * is rendered before the first is written: a failing synth leaves no partial output. Each cluster's
 * folder is emptied first, so a service removed from the program leaves no stale file for GitOps to apply.
 */
export class ClusterSetApp extends App {
  constructor(props: AppProps = {}) {
    super({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, ...props });
    Object.defineProperty(this, NAMESPACED_FILES, { value: true });
  }

  public synth(): void {
    if (this.yamlOutputType !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
      const northSouth = this.renderNorthSouth();
      const plan = this.renderPlanDocument([]);
      super.synth();
      this.writeNorthSouth(northSouth);
      fs.writeFileSync(path.join(this.outdir, PLAN_FILE), plan, { encoding: 'utf8' });
      return;
    }
    const { folders, plan } = this._renderOutput();
    const northSouth = this.renderNorthSouth();
    const clash = folders.find((f) => f.folder === NORTH_SOUTH_FOLDER);
    if (clash && northSouth.length > 0) {
      throw new ClusterSetValidationError([
        `chart "${clash.folder}" would be written to ${NORTH_SOUTH_FOLDER}/, where ClusterSetApp writes the north-south tables; rename the cluster (or chart)`,
      ]);
    }
    warnOfReplacements(this.outdir, folders);
    fs.mkdirSync(this.outdir, { recursive: true });
    folders.forEach(({ folder, files }, i) => {
      const dir = path.join(this.outdir, folder);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (const { file, yaml } of files) fs.writeFileSync(path.join(dir, file), yaml, { encoding: 'utf8' });
      reportProgress({ step: 'write', done: i + 1, total: folders.length, name: folder });
    });
    if (!clash) this.writeNorthSouth(northSouth);
    fs.writeFileSync(path.join(this.outdir, PLAN_FILE), plan, { encoding: 'utf8' });
  }

  /** `clusterset.plan.json` as `synth` writes it (docs/cli.md): every fleet's plan, for the `clusterset` CLI and scripts. */
  public renderPlan(): string {
    return this.renderPlanDocument(this.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE ? this.renderFolders() : []);
  }

  /**
   * `clusterset.plan.json` (docs/cli.md): every fleet's plan, with each cluster's objects by the file
   * `folders` holds them in, or inline where the engine wraps them (hub engines, one-file outputs).
   */
  private renderPlanDocument(folders: readonly FolderWithObjects[]): string {
    const fleets = checkedFleets(this);
    const byFolder = new Map(folders.map((f) => [f.folder, f]));
    return planDocumentJson(
      `clusterset ${packageVersion()}`,
      fleets.map((fleet) => {
        const written: Record<string, { folder: string; objects: WrittenObject[] }> = {};
        for (const cluster of fleet.delivery.clusterFolders ? fleet.clusters : []) {
          const folder = byFolder.get(Names.toDnsLabel(fleet.chart(cluster.name)));
          if (folder) written[cluster.name] = { folder: folder.folder, objects: writtenObjects(folder) };
        }
        return fleetDocument({ path: fleet.node.path, delivery: fleet.delivery.name, clusters: fleet.clusters, plan: fleet.plan(), folders: written });
      }),
    );
  }

  /**
   * The north-south files of every ClusterSet of the app (`<namespace>.<service>.json` and `.conf`, see
   * docs/north-south.md), as `synth` writes them into `<outdir>/north-south/`. Plans the fleets first, so
   * a failing plan throws before anything is rendered.
   */
  public renderNorthSouth(): NorthSouthFile[] {
    const fleets = checkedFleets(this);
    const files: NorthSouthFile[] = [];
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const fleet of fleets) {
      for (const file of northSouthFiles(fleet.plan().northSouth ?? [])) {
        const earlier = owner.get(file.name);
        if (earlier !== undefined) {
          problems.push(`${fleet.node.path}: north-south file ${NORTH_SOUTH_FOLDER}/${file.name} is written by ${earlier} too; give the service another name or namespace in one of the fleets`);
          continue;
        }
        owner.set(file.name, fleet.node.path);
        files.push(file);
      }
    }
    if (problems.length > 0) throw new ClusterSetValidationError(problems);
    return files;
  }

  /** Replaces `<outdir>/north-south/` with `files`, so tables of services gone from the program do not linger. */
  private writeNorthSouth(files: readonly NorthSouthFile[]): void {
    const dir = path.join(this.outdir, NORTH_SOUTH_FOLDER);
    fs.rmSync(dir, { recursive: true, force: true });
    if (files.length === 0) return;
    fs.mkdirSync(dir, { recursive: true });
    for (const { name, content } of files) fs.writeFileSync(path.join(dir, name), content, { encoding: 'utf8' });
  }

  /** @internal Every folder's files and the plan document, as `synth` writes them (the benchmark times this). */
  public _renderOutput(): { folders: FolderWithObjects[]; plan: string } {
    const folders = this.renderFolders();
    return { folders, plan: this.renderPlanDocument(folders) };
  }

  /**
   * Every folder's files in memory, as `synth` writes them. The app is validated and its dependencies
   * resolved once (by the first chart's rendering), not once per chart as `chart.toJson()` does.
   */
  public render(): RenderedFolder[] {
    return this.renderFolders().map(({ folder, files }) => ({ folder, files }));
  }

  private renderFolders(): FolderWithObjects[] {
    // Every fleet is planned first, so its problems come as a ClusterSetValidationError (not wrapped by
    // cdk8s) and even an app without charts is checked.
    const fleets = checkedFleets(this).length;
    reportProgress({ step: 'plan', done: fleets, total: fleets, name: 'fleets' });
    const charts = this.charts;
    const writer = new YamlWriter();
    return charts.map((chart, i) => {
      const objects = i === 0 ? (chart.toJson() as Array<Record<string, unknown>>) : objectsInOrder(chart);
      const files = renderFiles(objects, writer, this.outputFileExtension);
      // Sorted names list waves in order, as kubectl reads a folder.
      const names = files.map((f) => f.file).sort();
      const extra = ((chart as { [FOLDER_FILES]?: IFolderFile[] })[FOLDER_FILES] ?? []).map((f) => ({ file: f.name, yaml: writer.stringify(f.content([...names])) }));
      const listed = [...files, ...extra];
      reportProgress({ step: 'render', done: i + 1, total: charts.length, name: Names.toDnsLabel(chart) });
      return { folder: Names.toDnsLabel(chart), files: listed, objects };
    });
  }
}

/**
 * Tells which objects of the new output cannot be applied over the previous output still in `outdir`
 * (an immutable field changed), with the delete each needs first.
 */
function warnOfReplacements(outdir: string, folders: ReadonlyArray<{ readonly folder: string; readonly objects: ReadonlyArray<Record<string, unknown>> }>): void {
  const previous: Record<string, Manifest[]> = {};
  for (const { folder } of folders) {
    const dir = path.join(outdir, folder);
    if (!fs.existsSync(dir)) continue;
    const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml').sort();
    previous[folder] = files.flatMap((f) => Yaml.load(path.join(dir, f)) as Manifest[]).filter((o) => o && typeof o === 'object' && 'metadata' in o);
  }
  const next = Object.fromEntries(folders.map((f) => [f.folder, f.objects as unknown as Manifest[]]));
  const replacements = replacementsBetween(previous, next);
  if (replacements.length === 0) return;
  console.warn(
    `clusterset: ${replacements.length} object(s) cannot be applied over the previous output in ${outdir} (an immutable field changes):\n` +
      replacements.map((r) => `  - ${r.cluster}: ${r.object} ${r.field} ${r.before} -> ${r.after}; ${r.fix}`).join('\n'),
  );
}

/** A folder's objects with their files, in the order kubectl applies the folder (file names sorted). */
function writtenObjects(folder: FolderWithObjects): WrittenObject[] {
  return folder.objects
    .map((manifest, i) => ({ file: `${folder.folder}/${folder.files[i].file}`, manifest }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A chart's objects in dependency order, as cdk8s renders them once the app is validated. */
function objectsInOrder(chart: Chart): Array<Record<string, unknown>> {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
    .map((o) => o.toJson() as Record<string, unknown>);
}

function renderFiles(objects: Array<Record<string, unknown>>, writer: YamlWriter, extension: string): RenderedFile[] {
  const seen = new Set<string>();
  return objects.map((object) => {
    const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
    const parts = [String(object.kind), metadata.namespace, metadata.name].filter((p) => p !== undefined);
    const file = `${applyWaveOf(object)}-${parts.join('.')}`.replace(/[^0-9a-zA-Z-_.]/g, '') + extension;
    if (seen.has(file)) throw new Error(`two objects render to the same file ${file}: ${JSON.stringify(parts)}`);
    seen.add(file);
    return { file, yaml: writer.stringify(object) };
  });
}
