import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { SubmissionFile } from '../model/submission.js';
import { runGit } from './run-git.js';

/** A git work tree and what its index says. */
export interface RepoFacts {
  /** Real absolute path of the work tree's top level. */
  top: string;
  /** Short sha of HEAD; absent before the first commit. */
  head?: string;
  /** Index entries: path relative to `top` (forward slashes) → mode such as '100644' or '100755'. */
  modes: Map<string, string>;
}

function within(boundary: string, path: string): boolean {
  return path === boundary || path.startsWith(boundary + sep);
}

/**
 * The repository a folder belongs to, when its top level lies within
 * `boundary` (the folder graded). A folder that only sits inside some larger
 * repository above the boundary has no git facts of its own: undefined.
 * Only reads: rev-parse and ls-files never write to the work tree or index.
 */
export async function findRepo(dir: string, boundary: string): Promise<RepoFacts | undefined> {
  const topRun = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir });
  if (topRun.code !== 0) return undefined;
  const top = await realpath(topRun.stdout.trim());
  const realBoundary = await realpath(boundary);
  if (!within(realBoundary, top)) return undefined;
  // a `.git` file (worktree, submodule) may point at a repository elsewhere on the machine: its index is not the submission's
  const dirs = await runGit(['rev-parse', '--absolute-git-dir', '--git-common-dir'], { cwd: top });
  if (dirs.code !== 0) return undefined;
  for (const d of dirs.stdout.split('\n').filter((l) => l !== '')) {
    const real = await realpath(resolve(top, d)).catch(() => undefined);
    if (real === undefined || !within(realBoundary, real)) return undefined;
  }

  const ls = await runGit(['ls-files', '--stage', '-z'], { cwd: top });
  if (ls.code !== 0) return undefined;
  const modes = new Map<string, string>();
  for (const record of ls.stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode] = record.slice(0, tab).split(' ');
    modes.set(record.slice(tab + 1), mode);
  }
  const headRun = await runGit(['rev-parse', '--short', 'HEAD'], { cwd: top });
  const head = headRun.code === 0 ? headRun.stdout.trim() : undefined;
  return { top, head, modes };
}

/** A repository placed in the submission: its top level as a folder of the submission ('' = root). */
export interface PlacedRepo {
  dir: string;
  facts: RepoFacts;
}

/**
 * The submission folder of a repository found from a component folder:
 * `componentDir` is where the component sits in the submission, `componentReal`
 * where git saw it (the same folder, or the original of a copy).
 */
export function placeRepo(facts: RepoFacts, componentDir: string, componentReal: string): PlacedRepo | undefined {
  const up = relative(componentReal, facts.top).split(sep).filter((s) => s !== '');
  if (up.some((s) => s !== '..')) return undefined;
  const parts = componentDir === '' ? [] : componentDir.split('/');
  if (up.length > parts.length) return undefined;
  return { dir: parts.slice(0, parts.length - up.length).join('/'), facts };
}

/**
 * Sets `git` on every file that lies in one of the repositories: tracked and
 * mode from the index of the innermost repository holding the file.
 */
export function applyGitFacts(files: Record<string, SubmissionFile>, repos: PlacedRepo[]): void {
  const innermostFirst = [...repos].sort((a, b) => b.dir.length - a.dir.length);
  for (const file of Object.values(files)) {
    const repo = innermostFirst.find((r) => r.dir === '' || file.path.startsWith(r.dir + '/'));
    if (!repo) continue;
    const inRepo = repo.dir === '' ? file.path : file.path.slice(repo.dir.length + 1);
    const mode = repo.facts.modes.get(inRepo);
    file.git = mode === undefined ? { tracked: false } : { tracked: true, mode };
  }
}
