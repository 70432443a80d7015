import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import type { Construct } from 'constructs';

/** Marks apps that write namespaced, wave-prefixed file names (see ClusterSetApp). */
export const NAMESPACED_FILES = Symbol.for('clusterset.NamespacedFiles');

/** Holds the files a delivery engine adds to a chart's folder (IFolderFile[]); ClusterSetApp writes them. */
export const FOLDER_FILES = Symbol.for('clusterset.FolderFiles');

/** Every ApiObject whose closest chart is `chart`, however deep it is nested. */
export function apiObjectsOf(chart: Chart): ApiObject[] {
  // isApiObject, not instanceof, so objects a second copy of cdk8s made are found too.
  return chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

/**
 * Why the app's output layout would mix or lose clusters' objects. cdk8s's FILE_PER_RESOURCE and
 * FILE_PER_APP put every cluster in one place; FOLDER_PER_CHART_FILE_PER_RESOURCE names files `Kind.name`,
 * so equal names in two namespaces overwrite each other (ClusterSetApp names files with the namespace).
 */
export function outputLayoutProblems(root: Construct, charts: readonly Chart[]): string[] {
  if (!(root instanceof App)) return isAppOfAnotherCdk8s(root) ? [TWO_COPIES] : [];
  switch (root.yamlOutputType) {
    case YamlOutputType.FILE_PER_RESOURCE:
      return [
        'yamlOutputType FILE_PER_RESOURCE writes every cluster into one folder, where the same object of two clusters ' +
          'overwrites the other; use FILE_PER_CHART, FOLDER_PER_CHART_FILE_PER_RESOURCE or ClusterSetApp',
      ];
    case YamlOutputType.FILE_PER_APP:
      return [
        'yamlOutputType FILE_PER_APP writes every cluster into one file, which no cluster can apply as it is; ' +
          'use FILE_PER_CHART, FOLDER_PER_CHART_FILE_PER_RESOURCE or ClusterSetApp',
      ];
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE:
      // ClusterSetApp writes this layout with its own, namespaced file names.
      return NAMESPACED_FILES in root ? [] : charts.flatMap((chart) => folderCollisions(chart, root.outputFileExtension));
    default:
      return [];
  }
}

const TWO_COPIES =
  "the app is a cdk8s App from another copy of cdk8s than clusterset's, so its output layout cannot be checked " +
  '(files of two namespaces could overwrite each other); install one cdk8s and one constructs, which clusterset ' +
  'takes as peer dependencies: `npm ls cdk8s constructs` shows the copies, `npm dedupe` or matching versions merge them';

/** An App that is not this cdk8s's: it has an App's output settings but another class (two copies of cdk8s installed). */
function isAppOfAnotherCdk8s(root: Construct): boolean {
  return 'yamlOutputType' in root && 'outdir' in root && typeof (root as { synth?: unknown }).synth === 'function';
}

function folderCollisions(chart: Chart, extension: string): string[] {
  const problems: string[] = [];
  const files = new Map<string, string>();
  for (const object of apiObjectsOf(chart)) {
    // The file name cdk8s derives for FOLDER_PER_CHART_FILE_PER_RESOURCE.
    const file = `${object.kind}.${object.metadata.name}`.replace(/[^0-9a-zA-Z-_.]/g, '') + extension;
    const described = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    const earlier = files.get(file);
    if (earlier) {
      problems.push(
        `${described} and ${earlier} would both be written to ${chart.node.id}/${file} by cdk8s ` +
          'FOLDER_PER_CHART_FILE_PER_RESOURCE; use ClusterSetApp, whose file names include the namespace',
      );
    }
    files.set(file, described);
  }
  return problems;
}
