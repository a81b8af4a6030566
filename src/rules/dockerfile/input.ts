import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { shownFolder, shownPath } from '../../model/repository-path.js';
import { joinPath, unreadableReason, type ComponentRole, type Submission } from '../../model/submission.js';
import type { Profile } from '../../profile/profile.js';
import { buildContextOf, type BuildContext } from './build-context.js';
import { stagesOf, type Stage } from './stages.js';

/** One component's Dockerfile, read and parsed, with what the rules compare it to. */
export interface DockerfileInput {
  role: ComponentRole;
  /** Relative to the submission root, e.g. `rock-of-ages-api/Dockerfile`. */
  path: string;
  /** The component folder, '' for the submission root. */
  dir: string;
  /** How messages name the file: its path in its own repository, e.g. `rock-of-ages-api/Dockerfile`, `Dockerfile` for `--api`. */
  shown: string;
  /** How messages name the component folder: `rock-of-ages-api/`, `the repository root`. */
  folder: string;
  text?: string;
  missing: boolean;
  binary: boolean;
  empty: boolean;
  /** Why a file that is there has no text to read (a link leading outside, an oversized file). */
  unreadable?: string;
  /** Another file in the folder that looks like the Dockerfile under a wrong name, as messages name it. */
  misnamed?: string;
  /** Parsed when the file is present, text and not empty. */
  ast?: Dockerfile;
  stages: Stage[];
  /** The port the component must listen on (profile.components[role].port). */
  port: number;
  profile: Profile;
  /** The client's package.json `scripts` (string values only); undefined when there is no package.json or it is not JSON. */
  scripts?: Record<string, string>;
  /** Why the client's package.json cannot be read: it is not there, or not JSON. */
  packageJsonProblem?: string;
  /** The build context's env files with secrets and its .dockerignore. */
  context?: BuildContext;
}

export function dockerfileInputs(sub: Submission, profile: Profile): DockerfileInput[] {
  const roles: ComponentRole[] = ['api', 'client'];
  return roles.flatMap((role) => {
    const component = sub.components[role];
    return component ? [dockerfileInput(sub, profile, role, component.dir)] : [];
  });
}

export function dockerfileInput(sub: Submission, profile: Profile, role: ComponentRole, dir: string): DockerfileInput {
  const path = joinPath(dir, 'Dockerfile');
  const file = sub.files[path];
  const base = {
    role,
    path,
    dir,
    shown: shownPath(sub.components, path),
    folder: shownFolder(sub.components, dir),
    port: profile.components[role].port,
    profile,
    ...(role === 'client' ? packageJsonOf(sub, dir) : {}),
    context: buildContextOf(sub, profile, dir),
    stages: [] as Stage[],
  };
  if (!file) return { ...base, missing: true, binary: false, empty: false, misnamed: misnamedDockerfile(sub, dir) };
  const text = file.text;
  if (file.binary || text?.includes('\u0000')) return { ...base, missing: false, binary: true, empty: false, unreadable: file.unreadable };
  if (text === undefined) return { ...base, missing: false, binary: false, empty: false, unreadable: unreadableReason(file) };
  if (text.trim() === '') return { ...base, text, missing: false, binary: false, empty: true };
  const ast = DockerfileParser.parse(text);
  return { ...base, text, missing: false, binary: false, empty: false, ast, stages: stagesOf(ast) };
}

function packageJsonOf(sub: Submission, dir: string): Pick<DockerfileInput, 'scripts' | 'packageJsonProblem'> {
  const path = joinPath(dir, 'package.json');
  const text = sub.files[path]?.text;
  if (text === undefined) {
    return { packageJsonProblem: sub.files[path] ? `${shownPath(sub.components, path)} cannot be read` : `there is no package.json in ${shownFolder(sub.components, dir)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { packageJsonProblem: `${shownPath(sub.components, path)} is not a JSON object` };
  const scripts: unknown = (parsed as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null) return { scripts: {} };
  return { scripts: Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string')) };
}

function misnamedDockerfile(sub: Submission, dir: string): string | undefined {
  const prefix = dir === '' ? '' : `${dir}/`;
  const found = Object.keys(sub.files)
    .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .find((p) => /^dockerfile(\.[\w.-]+)?$/i.test(p.slice(prefix.length)));
  return found === undefined ? undefined : shownPath(sub.components, found);
}
