/**
 * The one typed model of a submission that every check reads. Intake builds it;
 * checks never touch the file system themselves.
 */
export type Layout =
  /** parent folder: compose file + api folder + client folder (course layout) */
  | 'parent'
  /** an api repository alone: rock-check builds the course topology (part 2) */
  | 'api-only'
  /** an api repository with its own compose file (`build: .`) */
  | 'api-with-compose'
  /** `--api` and `--client` given separately */
  | 'separate'
  /** a profile graded from roles: one folder with a compose file at its top */
  | 'with-compose'
  /** a profile graded from roles: one folder without a compose file, started as the profile's boot plan says */
  | 'without-compose';

export type ComponentRole = 'api' | 'client';

export interface SubmissionFile {
  /** Relative to the submission root, forward slashes. */
  path: string;
  size: number;
  /** Text content; absent for binary or oversized files. */
  text?: string;
  binary: boolean;
  /**
   * Why there is no text, said after the file's name: "is not UTF-8 text
   * (UTF-16: save it as UTF-8)", "contains NUL bytes", "is larger than 1 MiB",
   * "is a link outside the submission (to ...)". Set by intake.
   */
  unreadable?: string;
  /** Git facts, when the file lies in a git work tree. */
  git?: { tracked: boolean; mode?: string };
  /** Whether the file on disk has an execute bit (from stat; git's mode is in `git`). */
  executable?: boolean;
  /** Set when the entry is a symbolic link; links are never followed outside the root. */
  symlink?: { target: string; outside: boolean };
}

export interface Component {
  role: ComponentRole;
  /** Folder relative to the submission root ('' for the root itself). */
  dir: string;
  /** How it was recognised: compose build context, folder content, or the command line. */
  foundBy: 'compose' | 'content' | 'argument' | 'root';
  /**
   * Set when the component was given on its own (`--api`, `--client`): what
   * the user named. Its folder is then the root of a repository of its own,
   * and paths shown to the student are relative to it (see repository-path.ts).
   */
  source?: string;
  git?: { isRepo: boolean; head?: string };
}

export interface Submission {
  /** Absolute path of the folder graded (a private copy for remote sources). */
  root: string;
  /** What the user named: a path or a URL (credentials removed). */
  source: string;
  layout: Layout;
  components: Partial<Record<ComponentRole, Component>>;
  /** Compose file path relative to root, when there is one. */
  compose?: string;
  /** Every file below root (minus .git, node_modules, .venv, __pycache__), keyed by relative path. */
  files: Record<string, SubmissionFile>;
}

/** Said of a file whose name (or a folder's above it) is not UTF-8; intake lists it without reading it. */
export const badNameReason =
  'has a name that is not UTF-8 (as in zips made on Windows): rename it with plain letters, digits, "-", "_" and "."';

/** Why a file has no text, for messages: "<name> <reason>". */
export function unreadableReason(file: SubmissionFile): string {
  if (file.unreadable) return file.unreadable;
  return file.symlink?.outside ? linkOutsideReason(file.symlink.target) : 'is not a text file';
}

export function linkOutsideReason(target: string): string {
  return `is a link outside the submission (to ${target}): put the file itself there`;
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function fileIn(sub: Submission, role: ComponentRole, name: string): SubmissionFile | undefined {
  const c = sub.components[role];
  return c ? sub.files[joinPath(c.dir, name)] : undefined;
}
