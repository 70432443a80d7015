// The line `clusterset synth` ends with: fleets, clusters, objects and files of the output, and the time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanDocument } from '../../core/report/plan-document';

/** What one synth wrote. */
export interface SynthCounts {
  readonly fleets: number;
  readonly clusters: number;
  readonly objects: number;
  /** Files written by this synth (modified since it started). */
  readonly files: number;
  /** Files of the output older than this synth: left from an earlier one (a cluster since removed, say). */
  readonly stale: string[];
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

/** The counts of `document` (when the app wrote one) and of the files under `outdir` since `startedMs`. */
export function synthCounts(outdir: string, document: PlanDocument | undefined, startedMs: number): SynthCounts {
  const files = filesUnder(outdir);
  const fresh = files.filter((f) => fs.statSync(path.join(outdir, f)).mtimeMs >= startedMs);
  const fleets = document?.fleets ?? [];
  return {
    fleets: fleets.length,
    clusters: fleets.reduce((n, f) => n + f.clusters.length, 0),
    objects: fleets.reduce((n, f) => n + f.clusters.reduce((m, c) => m + c.objects.length, 0), 0),
    files: fresh.length,
    stale: files.filter((f) => !fresh.includes(f)),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `synthesized 1 fleet, 3 clusters, 42 objects, 47 files into dist in 2.3s`. */
export function summaryLine(counts: SynthCounts, outdir: string, seconds: number): string {
  return (
    `synthesized ${plural(counts.fleets, 'fleet')}, ${plural(counts.clusters, 'cluster')}, ${plural(counts.objects, 'object')}, ` +
    `${plural(counts.files, 'file')} into ${outdir} in ${seconds.toFixed(1)}s`
  );
}
