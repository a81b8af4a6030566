import { joinPath, type Component, type ComponentRole } from './submission.js';

/**
 * Where a file lies for the student. With `--api` and `--client` the two
 * repositories sit side by side in rock-check's own staging folders; the
 * student knows only each repository's own paths.
 */
export interface RepositoryPath {
  /** The component given on its own whose repository holds the file; absent when the submission is one folder. */
  repository?: ComponentRole;
  /** Relative to that repository (or to the submission root); `.` for the root itself. */
  path: string;
}

type Components = Partial<Record<ComponentRole, Pick<Component, 'role' | 'dir' | 'source'>>>;

function ownRepositories(components: Components): Pick<Component, 'role' | 'dir' | 'source'>[] {
  return Object.values(components).filter((c) => c !== undefined && c.source !== undefined && c.dir !== '');
}

/** A submission-relative path as the path in its own repository. */
export function repositoryPath(components: Components, file: string): RepositoryPath {
  for (const c of ownRepositories(components)) {
    if (file === c.dir) return { repository: c.role, path: '.' };
    if (file.startsWith(`${c.dir}/`)) return { repository: c.role, path: file.slice(c.dir.length + 1) };
  }
  return { path: file };
}

/** How a message names a submission-relative path: `Dockerfile`, not the staging `api/Dockerfile`. */
export function shownPath(components: Components, file: string): string {
  return repositoryPath(components, file).path;
}

/**
 * How a message names a component's folder: `rock-of-ages-client/` in a
 * parent folder, `the repository root` for a repository graded alone or
 * given on its own.
 */
export function shownFolder(components: Components, dir: string): string {
  const path = dir === '' ? '.' : shownPath(components, dir);
  return path === '.' ? 'the repository root' : `${path}/`;
}

/** A path inside a component's folder, as a message names it: `.github/workflows`, `rock-of-ages-api/.github/workflows`. */
export function shownIn(components: Components, dir: string, name: string): string {
  return shownPath(components, joinPath(dir, name));
}
