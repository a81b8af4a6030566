import { posix } from 'node:path';
import { shownFolder } from '../../model/repository-path.js';
import { joinPath, unreadableReason, type Submission, type SubmissionFile } from '../../model/submission.js';
import { parseEnvFile, type EnvFile } from '../../parsers/env-file.js';
import { parseGitignore, type Gitignore } from '../../parsers/gitignore.js';
import { parseJsonSource, type JsonSource } from '../../parsers/json-source.js';
import { parsePipfile, type Pipfile } from '../../parsers/pipfile.js';
import { parsePythonSource, type PythonSource } from '../../parsers/python-source.js';
import { parseRequirementsTxt, type RequirementsFile } from '../../parsers/requirements-txt.js';
import { parseShellScript, type ShellScript } from '../../parsers/shell-script.js';
import { parseYamlSource, yamlData } from '../../parsers/yaml-source.js';
import type { Profile } from '../../profile/profile.js';
import { localEnvironment, type LocalEnvironment } from './local-environment.js';

/** A file the rules look at: where it is or should be, and its parsed text when it is there. */
export interface SourceFile<T> {
  /** Relative to the submission root. */
  path: string;
  file?: SubmissionFile;
  /** Absent when the file is missing or not text. */
  parsed?: T;
  /** Why a file that is there has no text (SubmissionFile.unreadable), said after its name. */
  unreadable?: string;
}

/**
 * Why an env file is looked at: it holds local values (`.env`, `.env.local`,
 * ...), it is an example (`.env.example`, `.sample`, ...), or a compose file
 * hands it to a container through `env_file:`.
 */
export type EnvFileRole = 'local' | 'example' | 'referenced';

export interface EnvFileInput extends SourceFile<EnvFile> {
  file: SubmissionFile;
  roles: EnvFileRole[];
}

export type TableExpectation = Profile['tables'][number];

/** Everything the configuration rules read about one api component. */
export interface ConfigInput {
  profile: Profile;
  /** The api folder relative to the submission root ('' for the root). */
  apiDir: string;
  /** How messages name the api folder: `rock-of-ages-api/`, or `the api repository` when it is a repository's root. */
  apiFolder: string;
  settings: SourceFile<PythonSource>;
  envExample: SourceFile<EnvFile>;
  /** Env files present in the api folder or referenced by a compose file, by path. */
  envFiles: EnvFileInput[];
  gitignore: SourceFile<Gitignore>;
  pipfile: SourceFile<Pipfile>;
  requirements: SourceFile<RequirementsFile>;
  seed: SourceFile<ShellScript>;
  fixtures: (SourceFile<JsonSource> & { table: TableExpectation })[];
  /** What the api gets in local runs (compose api service, or .env.local for docker run), when the submission has it. */
  localEnv?: LocalEnvironment;
}

export function configInputs(sub: Submission, profile: Profile): ConfigInput[] {
  const api = sub.components.api;
  if (!api) return [];
  const dir = api.dir;
  const inApi = (name: string) => joinPath(dir, name);
  const load = <T>(path: string, parse: (path: string, text: string) => T): SourceFile<T> => {
    const file = sub.files[path];
    if (file && file.text === undefined) return { path, file, unreadable: unreadableReason(file) };
    return { path, ...(file ? { file } : {}), ...(file?.text !== undefined ? { parsed: parse(path, file.text) } : {}) };
  };
  return [
    {
      profile,
      apiDir: dir,
      apiFolder: shownFolder(sub.components, dir).replace(/^the repository root$/, 'the api repository'),
      settings: load(settingsPath(sub, dir, profile), parsePythonSource),
      envExample: load(inApi(profile.env.exampleFile), parseEnvFile),
      envFiles: envFiles(sub, dir, profile),
      gitignore: load(inApi('.gitignore'), parseGitignore),
      pipfile: load(inApi('Pipfile'), parsePipfile),
      requirements: load(inApi('requirements.txt'), parseRequirementsTxt),
      seed: load(inApi(profile.seed.script), parseShellScript),
      localEnv: localEnvironment(sub, profile),
      fixtures: profile.tables.map((table) => ({
        table,
        ...load(inApi(`${profile.seed.fixturesDir}/${table.fixture}.json`), parseJsonSource),
      })),
    },
  ];
}

/** The profile's settings path, else the one `<folder>/settings.py` of another project name. */
function settingsPath(sub: Submission, dir: string, profile: Profile): string {
  const expected = joinPath(dir, profile.settings.path);
  if (sub.files[expected]) return expected;
  const prefix = dir === '' ? '' : `${dir}/`;
  const others = Object.keys(sub.files)
    .filter((p) => p.startsWith(prefix) && /^[^/]+\/settings\.py$/.test(p.slice(prefix.length)))
    .sort();
  return others[0] ?? expected;
}

const EXAMPLE_NAME = /\.(example|sample|template|dist)$/;

function envFiles(sub: Submission, dir: string, profile: Profile): EnvFileInput[] {
  const byPath = new Map<string, EnvFileInput>();
  const add = (path: string, role: EnvFileRole) => {
    const file = sub.files[path];
    if (!file) return;
    const known = byPath.get(path);
    if (known) {
      if (!known.roles.includes(role)) known.roles.push(role);
      return;
    }
    byPath.set(path, {
      path,
      file,
      roles: [role],
      ...(file.text !== undefined ? { parsed: parseEnvFile(path, file.text) } : {}),
    });
  };
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const path of Object.keys(sub.files).sort()) {
    if (!path.startsWith(prefix)) continue;
    const base = posix.basename(path);
    if (base !== '.env' && !base.startsWith('.env.')) continue;
    add(path, base === profile.env.exampleFile || EXAMPLE_NAME.test(base) ? 'example' : 'local');
  }
  for (const ref of composeEnvFileRefs(sub, dir)) add(ref, 'referenced');
  return [...byPath.values()];
}

const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

/** Paths (relative to the root) of every `env_file:` of every service of the compose files at hand. */
function composeEnvFileRefs(sub: Submission, apiDir: string): string[] {
  const composeFiles = new Set<string>(sub.compose ? [sub.compose] : []);
  for (const path of Object.keys(sub.files)) {
    const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if ((folder === '' || folder === apiDir) && COMPOSE_NAME.test(posix.basename(path))) composeFiles.add(path);
  }
  const refs: string[] = [];
  for (const composePath of [...composeFiles].sort()) {
    const text = sub.files[composePath]?.text;
    if (text === undefined) continue;
    const src = parseYamlSource(composePath, text);
    if (src.doc.errors.length > 0) continue;
    const read = yamlData(src);
    if ('error' in read) continue;
    const data = read.data;
    const services = (data as { services?: unknown } | null)?.services;
    if (!services || typeof services !== 'object') continue;
    for (const service of Object.values(services as Record<string, unknown>)) {
      const envFile = (service as { env_file?: unknown } | null)?.env_file;
      const items = Array.isArray(envFile) ? envFile : [envFile];
      for (const item of items) {
        const ref = typeof item === 'string' ? item : (item as { path?: unknown } | null)?.path;
        const resolved = typeof ref === 'string' ? resolveFrom(composePath, ref) : undefined;
        if (resolved) refs.push(resolved);
      }
    }
  }
  return refs;
}

/** A path written in a file, resolved against that file's folder; undefined when it leaves the submission. */
function resolveFrom(fromFile: string, ref: string): string | undefined {
  if (ref.startsWith('/') || ref.includes('$') || ref.trim() === '') return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), ref));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}
