import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runGit } from '../intake/run-git.js';
import { parseSource, scrubCredentials, type GitSource } from '../intake/source-spec.js';
import { skippedFolders } from '../intake/walk.js';
import type { RosterEntry } from './roster.js';

/** What decides whether a stored grading still holds: the submission's content, before grading it. */
export type Fingerprint = { ok: true; key: string; commit: string } | { ok: false; reason: string };

const LS_REMOTE_TIMEOUT_MS = 60_000;
const MAX_FILES = 20_000;
const MAX_BYTES = 200 * 1024 * 1024;

/**
 * The commit of a git source (from `git ls-remote`, nothing cloned) or a hash
 * of a local folder's files (uncommitted edits count), with the folder's git
 * HEADs as the commit shown in the gradebook.
 */
export async function fingerprintOf(source: RosterEntry['source']): Promise<Fingerprint> {
  const parts: { key: string; commit: string }[] = [];
  for (const role of ['target', 'api', 'client'] as const) {
    const named = source[role];
    if (named === undefined) continue;
    const spec = parseSource(named);
    const one = spec.kind === 'git' ? await remoteCommit(spec) : await folderHash(spec.path);
    if (!one.ok) return one;
    parts.push({ key: `${role}=${one.key}`, commit: one.commit });
  }
  return {
    ok: true,
    key: createHash('sha256').update(parts.map((p) => p.key).join('\n')).digest('hex'),
    commit: parts.map((p) => p.commit).filter((c) => c !== '').join(' '),
  };
}

async function remoteCommit(spec: GitSource): Promise<Fingerprint> {
  if (spec.ref !== undefined && /^[0-9a-f]{7,64}$/i.test(spec.ref)) return { ok: true, key: spec.ref.toLowerCase(), commit: spec.ref.slice(0, 12) };
  const run = await runGit(['ls-remote', '--', spec.url, ...(spec.ref === undefined ? ['HEAD'] : [spec.ref])], {
    deadline: Date.now() + LS_REMOTE_TIMEOUT_MS,
  });
  if (run.timedOut) return { ok: false, reason: `git ls-remote ${spec.display} gave no answer within ${LS_REMOTE_TIMEOUT_MS / 1000} s` };
  if (run.code !== 0) {
    const why = scrubCredentials(run.stderr, spec.secrets)
      .split('\n')
      .map((l) => l.trim().replace(/^(fatal|error):\s*/, ''))
      .filter((l) => l !== '' && !/^(Please make sure you have the correct access rights|and the repository exists|Could not read from remote repository)/.test(l))
      .join('; ');
    return { ok: false, reason: `cannot reach ${spec.display}: ${why || `git exited with status ${run.code}`}`.slice(0, 600) };
  }
  const refs = new Map(
    run.stdout
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => [l.split('\t')[1], l.split('\t')[0]] as const),
  );
  const ref = spec.ref;
  const sha =
    ref === undefined
      ? refs.get('HEAD')
      : (refs.get(`refs/tags/${ref}^{}`) ?? refs.get(`refs/tags/${ref}`) ?? refs.get(`refs/heads/${ref}`) ?? refs.get(ref));
  if (sha === undefined) return { ok: false, reason: `${spec.display}: no branch or tag named ${ref ?? 'HEAD'}` };
  return { ok: true, key: sha, commit: sha.slice(0, 12) };
}

async function folderHash(path: string): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let files = 0;
  let bytes = 0;
  const walk = async (dir: string, rel: string): Promise<string | undefined> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (skippedFolders.has(e.name)) continue;
      const full = join(dir, e.name);
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      const st = await lstat(full);
      if (st.isDirectory()) {
        const stop = await walk(full, name);
        if (stop) return stop;
      } else if (st.isSymbolicLink() || st.isFile()) {
        if (++files > MAX_FILES) return `more than ${MAX_FILES} files`;
        bytes += st.size;
        if (bytes > MAX_BYTES) return `more than ${MAX_BYTES / 1024 / 1024} MiB`;
        hash.update(`${name}\0${st.mode & 0o111 ? 'x' : '-'}\0`);
        hash.update(st.isFile() ? await readFile(full) : 'link');
        hash.update('\0');
      }
    }
    return undefined;
  };
  try {
    const tooLarge = await walk(path, '');
    // Too large to hash: graded every time; the grading says why it is too large.
    if (tooLarge) return { ok: true, key: `unhashed-${Date.now()}-${Math.random()}`, commit: '' };
  } catch (e) {
    return { ok: false, reason: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return { ok: true, key: hash.digest('hex'), commit: await folderHeads(path) };
}

/** HEAD of the folder's own repository, or of each sub-folder that is one (the course layout): `name@sha`. */
async function folderHeads(path: string): Promise<string> {
  const head = async (dir: string) => {
    const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir });
    if (top.code !== 0 || (await lstat(join(dir, '.git')).catch(() => undefined)) === undefined) return undefined;
    const run = await runGit(['rev-parse', 'HEAD'], { cwd: dir });
    return run.code === 0 ? run.stdout.trim().slice(0, 12) : undefined;
  };
  const own = await head(path);
  if (own) return own;
  const subs = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const heads: string[] = [];
  for (const s of subs) {
    const h = await head(join(path, s));
    if (h) heads.push(`${basename(s)}@${h}`);
  }
  return heads.join(' ');
}
