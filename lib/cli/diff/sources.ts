// Where each side of `clusterset diff` comes from: an output folder as it is on disk, or an output folder as a
// Git revision holds it, copied into a temporary directory from the object database (the user's worktree and
// index are never touched).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_FILE } from '../../core/report/plan-document';
import { UsageError } from '../parse-options';

/** A side of the diff that cannot be found (a usage error, exit 2): the message says what was tried and what to write instead. */
export class SourceError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** One side of the diff, ready to read with readOutput. */
export interface DiffSource {
  /** How the report names it: the folder, or `REV:PATH (commit)`. */
  readonly label: string;
  /** The output directory to read. */
  readonly dir: string;
  /** Removes what was copied out of Git; a no-op for a folder. */
  cleanup(): void;
}

/**
 * Resolves one argument: an existing directory is a folder; `REV:PATH` is PATH in revision REV (Git's own
 * syntax: PATH from the repository's top, `REV:./PATH` from the current directory); any other word is a
 * revision whose copy of `dir` (the `--dir` folder) is read.
 */
export function openSource(arg: string, dir: string, cwd: string): DiffSource {
  const local = path.resolve(cwd, arg);
  if (fs.existsSync(local) && fs.statSync(local).isDirectory()) return { label: arg, dir: local, cleanup: () => undefined };
  const colon = arg.indexOf(':');
  if (colon > 0) return fromGit(arg.slice(0, colon), arg.slice(colon + 1), arg, cwd);
  if (!isRevision(arg, cwd)) {
    throw new SourceError(
      `"${arg}" is neither a directory nor a Git revision${repositoryNote(cwd)}; give an output folder, a revision (its ${dir} folder is read), or REV:PATH`,
    );
  }
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const relative = path.relative(top, path.resolve(cwd, dir)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new SourceError(`--dir ${dir} is outside the Git repository at ${top}; point --dir at the output folder inside it, or use REV:PATH`);
  }
  return fromGit(arg, relative, `${arg}:${relative}`, cwd);
}

/** Copies the tree at `rev:treePath` into a temporary directory, file by file, from the object database. */
function fromGit(rev: string, treePath: string, shown: string, cwd: string): DiffSource {
  if (!isRevision(rev, cwd)) throw new SourceError(`"${rev}" in ${shown} is not a Git revision${repositoryNote(cwd)}; try a commit, a branch or a tag (git log --oneline)`);
  const commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).trim();
  const tree = `${commit}:${treePath}`;
  const type = tryGit(['cat-file', '-t', tree], cwd)?.trim();
  if (type !== 'tree') {
    const what = type === undefined ? 'does not exist' : 'is a file, not a folder';
    throw new SourceError(`${treePath || '/'} ${what} in ${rev} (${commit.slice(0, 7)}); give the output folder's path in that revision (git ls-tree ${rev})`);
  }
  // --full-tree: from a subdirectory, ls-tree would otherwise list only the part of the tree under it.
  const files = git(['ls-tree', '-r', '-z', '--full-tree', tree], cwd)
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, name] = line.split('\t');
      const [, kind, oid] = meta.split(' ');
      return { kind, oid, name };
    })
    // Submodules and symbolic links hold no output.
    .filter((f) => f.kind === 'blob');
  if (!files.some((f) => f.name === PLAN_FILE)) {
    throw new SourceError(`${shown} (${commit.slice(0, 7)}) holds no ${PLAN_FILE}; that revision was not synthesized with the plan document, or the path is wrong`);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterset-diff-'));
  const contents = blobs(files.map((f) => f.oid), cwd);
  files.forEach((f, i) => {
    const target = path.join(root, ...f.name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, contents[i]);
  });
  return { label: `${shown} (${commit.slice(0, 7)})`, dir: root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The contents of each blob, read in one `git cat-file --batch` (`<oid> <type> <size>\n<bytes>\n` each). */
function blobs(oids: readonly string[], cwd: string): Buffer[] {
  if (oids.length === 0) return [];
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: `${oids.join('\n')}\n`, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  const result: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < oids.length; i++) {
    const end = out.indexOf(10, at);
    const size = Number(out.subarray(at, end).toString('utf8').split(' ')[2]);
    result.push(out.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return result;
}

function isRevision(rev: string, cwd: string): boolean {
  return tryGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd) !== undefined;
}

function repositoryNote(cwd: string): string {
  return tryGit(['rev-parse', '--git-dir'], cwd) === undefined ? ` (${cwd} is not in a Git repository)` : '';
}

function git(args: readonly string[], cwd: string): string {
  const out = tryGit(args, cwd);
  if (out === undefined) throw new SourceError(`git ${args.join(' ')} failed in ${cwd}`);
  return out;
}

/** Git's standard output, or undefined when it fails; a missing git binary is the user's to fix. */
function tryGit(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new SourceError('git is not installed or not on the PATH; install Git, or compare two output folders');
    return undefined;
  }
}
