// The north-south tables as files for the outer load balancer: the table as JSON, and an nginx upstream.
import type { NorthSouthTable } from '../model';
import { POD_WEIGHT } from './north-south';

/** The folder, at the root of the output beside the cluster folders, that holds the files. */
export const NORTH_SOUTH_FOLDER = 'north-south';

/** One file of the north-south folder. */
export interface NorthSouthFile {
  /** `<namespace>.<service>.json` or `<namespace>.<service>.conf`. @default - no default */
  readonly name: string;
  /** The file's content, ending with a newline. @default - no default */
  readonly content: string;
}

/** Two files per table, in table order: the table (`.json`) and its nginx upstream (`.conf`). */
export function northSouthFiles(tables: readonly NorthSouthTable[]): NorthSouthFile[] {
  return tables.flatMap((table) => {
    const base = `${table.namespace}.${table.name}`;
    return [
      { name: `${base}.json`, content: `${JSON.stringify(table, undefined, 2)}\n` },
      { name: `${base}.conf`, content: nginxUpstream(table) },
    ];
  });
}

/**
 * An nginx `upstream` block with one `server <address> weight=<n>;` per ingress node, after comments saying
 * where the weights come from. Every address passed the host[:port] check, so none can break the syntax.
 */
export function nginxUpstream(table: NorthSouthTable): string {
  const lines = [
    `# ${table.namespace}/${table.name} (${table.path}): written by clusterset, do not edit.`,
    `# Weight of each ingress node: max(1, floor(pods x ${POD_WEIGHT} / ingress nodes)) of its cluster.`,
    ...table.entries.map((e) => `# ${e.cluster}: ${e.pods} pod(s), ${e.nodes.length} ingress node(s)`),
    ...(table.unfronted.length > 0 ? [`# Not reached from here (no ingressNodes declared): ${table.unfronted.join(', ')}`] : []),
    `upstream ${table.upstream} {`,
    ...table.entries.flatMap((e) => e.nodes.map((n) => `    server ${n.address} weight=${n.weight};`)),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
