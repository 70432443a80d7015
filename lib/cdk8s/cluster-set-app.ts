import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type AppProps, Names, Yaml, YamlOutputType } from 'cdk8s';
import { applyWaveOf } from '../core/plan';
import { NAMESPACED_FILES } from './output-layout';

interface RenderedFile {
  readonly file: string;
  readonly object: Record<string, unknown>;
}

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
      super.synth();
      return;
    }
    const folders = this.charts.map((chart) => ({ folder: Names.toDnsLabel(chart), files: renderFiles(chart.toJson()) }));
    fs.mkdirSync(this.outdir, { recursive: true });
    for (const { folder, files } of folders) {
      const dir = path.join(this.outdir, folder);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (const { file, object } of files) Yaml.save(path.join(dir, file + this.outputFileExtension), [object]);
    }
  }
}

function renderFiles(objects: Array<Record<string, unknown>>): RenderedFile[] {
  const seen = new Set<string>();
  return objects.map((object) => {
    const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
    const parts = [String(object.kind), metadata.namespace, metadata.name].filter((p) => p !== undefined);
    const file = `${applyWaveOf(object)}-${parts.join('.')}`.replace(/[^0-9a-zA-Z-_.]/g, '');
    if (seen.has(file)) throw new Error(`two objects render to the same file ${file}: ${JSON.stringify(parts)}`);
    seen.add(file);
    return { file, object };
  });
}
