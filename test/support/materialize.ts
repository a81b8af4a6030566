import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import { defaultProfile } from '../../src/profile/load.js';

/**
 * The fixture submissions under fixtures/: `good` is a complete submission in
 * the course layout; each `broken/<name>` is an overlay on a base fixture
 * (its `files/` tree copied over the base, then `edits`, `remove` and `chmod`
 * applied) described by its fixture.yaml. A fixture.yaml at a fixture's root
 * is never part of the submission.
 */
export const fixturesRoot = join(packageRoot, 'fixtures');

const FIXTURE_FILE = 'fixture.yaml';
/** Rock of Ages' fixtures, at the top of fixtures/, name no profile. */
const DEFAULT_PROFILE = 'rock-of-ages';
const OVERLAY_DIR = 'files';
const FIXTURE_KEYS = new Set(['profile', 'description', 'base', 'edits', 'remove', 'chmod', 'git', 'gitForceAdd', 'expect']);
const EXPECT_KEYS = new Set(['mode', 'exit', 'failing', 'nothingStarted', 'notice', 'advice']);
const EDIT_KEYS = ['file', 'replace', 'with'];

export interface FixtureExpectation {
  /** `static`: `rock-check --static`; `full`: static checks plus the runtime. */
  mode: 'static' | 'full';
  /** The CLI's exit code. */
  exit: number;
  /** Exactly the criteria that fail; every other criterion passes or does not apply. */
  failing: string[];
  /** The run must create no container, network, volume or image. */
  nothingStarted: boolean;
  /** Text the report's one notice must contain; without it, the report has no notice. */
  notice?: string;
  /** Exactly the criteria that pass with advice (warning findings that cost nothing); none when absent. */
  advice?: string[];
}

/** Replace the one occurrence of `replace` in `file` with `with`. */
export interface FixtureEdit {
  /** Path relative to the submission root. */
  file: string;
  replace: string;
  with: string;
}

export interface Fixture {
  /** Path under fixtures/, e.g. `good` or `broken/df002-python-latest`. */
  name: string;
  /** Id of the profile that grades it (`profile:`, default Rock of Ages'). */
  profile: string;
  /** Absolute path of the fixture's folder. */
  dir: string;
  description: string;
  /** Fixture this one overlays (a name as above); absent for a complete submission. */
  base?: string;
  /** Text replacements, applied in order after the `files/` overlay. */
  edits: FixtureEdit[];
  /** Paths (relative to the submission root) deleted after the overlay. */
  remove: string[];
  /** Octal modes set after the overlay, keyed by path. */
  chmod: Record<string, string>;
  /** The defect only shows in git facts: materialize with git by default. */
  git: boolean;
  /** Files committed with `git add -f` although a .gitignore covers them. */
  gitForceAdd: string[];
  expect: FixtureExpectation;
}

export class FixtureError extends Error {}

function stringList(name: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new FixtureError(`${name}: ${key} must be a list of paths`);
  }
  return value;
}

function safeRelative(name: string, key: string, path: string): string {
  const normal = posix.normalize(path);
  if (path === '' || posix.isAbsolute(path) || normal.startsWith('..')) {
    throw new FixtureError(`${name}: ${key} path "${path}" must stay inside the submission`);
  }
  return normal;
}

function parseEdits(name: string, value: unknown): FixtureEdit[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new FixtureError(`${name}: edits must be a list of {file, replace, with}`);
  return value.map((edit: unknown, i) => {
    const e = (typeof edit === 'object' && edit !== null ? edit : {}) as Record<string, unknown>;
    const keys = Object.keys(e);
    if (keys.length !== EDIT_KEYS.length || !EDIT_KEYS.every((k) => typeof e[k] === 'string')) {
      throw new FixtureError(`${name}: edits[${i}] must have exactly the text keys file, replace and with`);
    }
    const { file, replace, with: by } = e as Record<string, string>;
    if (replace === '') throw new FixtureError(`${name}: edits[${i}] of ${file} has an empty replace`);
    if (replace === by) throw new FixtureError(`${name}: edits[${i}] of ${file} replaces "${replace}" with itself`);
    return { file: safeRelative(name, 'edits', file), replace, with: by };
  });
}

function parseExpectation(name: string, value: unknown): FixtureExpectation {
  if (typeof value !== 'object' || value === null) throw new FixtureError(`${name}: expect is missing`);
  const e = value as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (!EXPECT_KEYS.has(key)) throw new FixtureError(`${name}: unknown key expect.${key}`);
  }
  if (e.mode !== 'static' && e.mode !== 'full') throw new FixtureError(`${name}: expect.mode must be static or full`);
  if (typeof e.exit !== 'number' || !Number.isInteger(e.exit)) throw new FixtureError(`${name}: expect.exit must be an integer`);
  if (e.notice !== undefined && (typeof e.notice !== 'string' || e.notice === '')) throw new FixtureError(`${name}: expect.notice must be the text the notice holds`);
  if (e.nothingStarted !== undefined && typeof e.nothingStarted !== 'boolean') {
    throw new FixtureError(`${name}: expect.nothingStarted must be true or false`);
  }
  return {
    mode: e.mode,
    exit: e.exit,
    failing: stringList(name, 'expect.failing', e.failing),
    nothingStarted: e.nothingStarted === true,
    ...(typeof e.notice === 'string' ? { notice: e.notice } : {}),
    ...(e.advice !== undefined ? { advice: stringList(name, 'expect.advice', e.advice) } : {}),
  };
}

/** Validates the text of a fixture.yaml; `name` is only used in messages. */
export function parseFixture(name: string, text: string): Fixture {
  const data: unknown = parse(text);
  if (typeof data !== 'object' || data === null) throw new FixtureError(`${name}: ${FIXTURE_FILE} is not a mapping`);
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!FIXTURE_KEYS.has(key)) throw new FixtureError(`${name}: unknown key ${key}`);
  }
  if (typeof d.description !== 'string' || d.description.trim() === '') {
    throw new FixtureError(`${name}: description must say what the fixture holds`);
  }
  if (d.base !== undefined && typeof d.base !== 'string') throw new FixtureError(`${name}: base must be a fixture name`);
  if (d.profile !== undefined && (typeof d.profile !== 'string' || d.profile === '')) throw new FixtureError(`${name}: profile must be a profile id`);
  const chmodEntries = Object.entries((d.chmod ?? {}) as Record<string, unknown>);
  for (const [path, mode] of chmodEntries) {
    if (typeof mode !== 'string' || !/^[0-7]{3,4}$/.test(mode)) {
      throw new FixtureError(`${name}: chmod of ${path} must be an octal string such as "644"`);
    }
  }
  if (d.git !== undefined && typeof d.git !== 'boolean') throw new FixtureError(`${name}: git must be true or false`);
  return {
    name,
    profile: (d.profile as string | undefined) ?? DEFAULT_PROFILE,
    dir: join(fixturesRoot, name),
    description: d.description,
    base: d.base as string | undefined,
    edits: parseEdits(name, d.edits),
    remove: stringList(name, 'remove', d.remove).map((p) => safeRelative(name, 'remove', p)),
    chmod: Object.fromEntries(chmodEntries.map(([p, m]) => [safeRelative(name, 'chmod', p), m as string])),
    git: d.git === true,
    gitForceAdd: stringList(name, 'gitForceAdd', d.gitForceAdd).map((p) => safeRelative(name, 'gitForceAdd', p)),
    expect: parseExpectation(name, d.expect),
  };
}

/** Reads one fixture's description; `name` is its path under fixtures/. */
export function loadFixture(name: string): Fixture {
  const file = join(fixturesRoot, name, FIXTURE_FILE);
  if (!existsSync(file)) throw new FixtureError(`no fixture named "${name}" (expected ${relative(packageRoot, file)})`);
  return parseFixture(name, readFileSync(file, 'utf8'));
}

function folders(under: string): string[] {
  if (!existsSync(join(fixturesRoot, under))) return [];
  return readdirSync(join(fixturesRoot, under), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * One profile's fixtures, the correct submissions first, then every broken
 * fixture in name order: Rock of Ages' are `good` and `broken/*`; another
 * profile's live in `<profile id>/` (its correct submissions beside its
 * `broken/` folder).
 */
export function listFixtures(profile: string = DEFAULT_PROFILE): Fixture[] {
  const root = profile === DEFAULT_PROFILE ? '' : `${profile}/`;
  const good = profile === DEFAULT_PROFILE ? ['good'] : folders(profile).filter((n) => n !== 'broken').map((n) => root + n);
  const broken = folders(`${root}broken`).map((n) => `${root}broken/${n}`);
  const fixtures = [...good, ...broken].map(loadFixture);
  const stray = fixtures.find((f) => f.profile !== profile);
  if (stray) throw new FixtureError(`${stray.name}: its profile is ${stray.profile}, but it lies among the fixtures of ${profile}`);
  return fixtures;
}

/** The fixture and its bases, the complete submission first. */
export function fixtureChain(name: string): Fixture[] {
  const chain: Fixture[] = [];
  for (let next: string | undefined = name; next !== undefined; next = chain[0].base) {
    if (chain.some((f) => f.name === next)) throw new FixtureError(`${name}: its bases form a cycle through ${next}`);
    chain.unshift(loadFixture(next));
  }
  return chain;
}

async function applyLayer(fixture: Fixture, root: string): Promise<void> {
  if (fixture.base === undefined) {
    await cp(fixture.dir, root, {
      recursive: true,
      filter: (src) => relative(fixture.dir, src) !== FIXTURE_FILE,
    });
  } else {
    const overlay = join(fixture.dir, OVERLAY_DIR);
    if (existsSync(overlay)) await cp(overlay, root, { recursive: true, force: true });
  }
  await applyEdits(fixture, root);
  for (const path of fixture.remove) {
    const target = join(root, path);
    if (!existsSync(target)) throw new FixtureError(`${fixture.name}: remove names ${path}, which its base does not have`);
    await rm(target, { recursive: true });
  }
  for (const [path, mode] of Object.entries(fixture.chmod)) {
    const target = join(root, path);
    if (!existsSync(target)) throw new FixtureError(`${fixture.name}: chmod names ${path}, which does not exist`);
    await chmod(target, Number.parseInt(mode, 8));
  }
}

function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * Applies a fixture's edits to the submission in `root`, in order, byte for
 * byte. Each `replace` must occur exactly once in its file as it is by then,
 * so an edit never silently stops applying when its base changes.
 */
export async function applyEdits(fixture: Pick<Fixture, 'name' | 'edits'>, root: string): Promise<void> {
  for (const edit of fixture.edits) {
    const target = join(root, edit.file);
    if (!existsSync(target)) throw new FixtureError(`${fixture.name}: edits name ${edit.file}, which does not exist`);
    const bytes = await readFile(target);
    const replace = Buffer.from(edit.replace);
    const count = occurrences(bytes, replace);
    if (count !== 1) {
      throw new FixtureError(`${fixture.name}: the edit of ${edit.file} replaces "${edit.replace}", which occurs ${count} times there instead of once`);
    }
    const at = bytes.indexOf(replace);
    await writeFile(target, Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.with), bytes.subarray(at + replace.length)]));
  }
}

/** A fixed identity and date, and no user or system git configuration, so commits are reproducible. */
const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Rock Student',
  GIT_AUTHOR_EMAIL: 'student@example.com',
  GIT_AUTHOR_DATE: '2025-01-15T10:00:00Z',
  GIT_COMMITTER_NAME: 'Rock Student',
  GIT_COMMITTER_EMAIL: 'student@example.com',
  GIT_COMMITTER_DATE: '2025-01-15T10:00:00Z',
};
const gitOptions = ['-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', '-c', 'core.fileMode=true', '-c', 'commit.gpgsign=false'];

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('git', [...gitOptions, ...args], { cwd, env: gitEnv });
  return stdout;
}

/**
 * The folders that are git repositories in a real submission: each api or
 * client folder (recognised by the profile's folder names or markers), or
 * the root itself when it is a component.
 */
async function componentDirs(root: string): Promise<string[]> {
  const { api, client } = defaultProfile().components;
  const names = new Set([...api.folderNames, ...client.folderNames]);
  const markers = [...api.markers, ...client.markers];
  const isComponent = (dir: string) => markers.some((m) => existsSync(join(dir, m)));
  if (isComponent(root)) return [root];
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && (names.has(e.name) || isComponent(join(root, e.name))))
    .map((e) => join(root, e.name))
    .sort();
}

async function commitRepositories(root: string, forceAdd: string[]): Promise<void> {
  const repos = await componentDirs(root);
  for (const path of forceAdd) {
    const target = join(root, path);
    if (!repos.some((r) => target.startsWith(r + sep))) throw new FixtureError(`gitForceAdd names ${path}, which lies in no component folder`);
    if (!existsSync(target)) throw new FixtureError(`gitForceAdd names ${path}, which does not exist`);
  }
  for (const repo of repos) {
    await git(repo, ['init', '-q']);
    await git(repo, ['add', '-A']);
    const forced = forceAdd.map((p) => join(root, p)).filter((p) => p.startsWith(repo + sep));
    if (forced.length > 0) await git(repo, ['add', '-f', '--', ...forced.map((p) => relative(repo, p))]);
    await git(repo, ['commit', '-q', '--allow-empty', '-m', 'Rock of Ages submission']);
  }
}

export interface MaterializeOptions {
  /** Make each component folder its own git repository (default: the fixture's `git`). */
  git?: boolean;
}

export type Materialized = { dir: string } & AsyncDisposable;

/**
 * Copies a fixture (base first, then each overlay) into a new temporary
 * folder; disposing of the result removes the folder. Modes, exec bits and
 * line endings are kept as they are in fixtures/.
 */
export async function materialize(name: string, options: MaterializeOptions = {}): Promise<Materialized> {
  const chain = fixtureChain(name);
  const dir = await mkdtemp(join(tmpdir(), 'rc-fixture-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    for (const layer of chain) await applyLayer(layer, dir);
    if (options.git ?? chain.some((f) => f.git)) {
      await commitRepositories(dir, [...new Set(chain.flatMap((f) => f.gitForceAdd))]);
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return { dir, [Symbol.asyncDispose]: dispose };
}

/** Every file below `dir` (forward slashes, sorted), skipping .git folders. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const rel = sub === '' ? e.name : `${sub}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** The permission bits of a file, e.g. 0o755. */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}
