import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { badNameReason, linkOutsideReason, type SubmissionFile } from '../model/submission.js';
import { formatBytes } from './dir-size.js';
import { IntakeError } from './intake-error.js';

/** Never read, whether folders or links: version control, installed dependencies, caches. */
export const skippedFolders = new Set(['.git', 'node_modules', '.venv', '__pycache__']);

export interface WalkLimits {
  /** More files than this is an IntakeError. */
  maxFiles: number;
  /** More bytes (all files together) than this is an IntakeError. */
  maxTotalBytes: number;
  /** Larger files are listed without text. */
  maxTextBytes: number;
}

export const defaultWalkLimits: WalkLimits = {
  maxFiles: 20_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxTextBytes: 1024 * 1024,
};

/** How much of a file decides whether it is binary. */
const sniffBytes = 8 * 1024;

/** A symbolic link: where it points, and whether that lies outside the root (never followed then). */
export interface SymlinkFacts {
  target: string;
  outside: boolean;
}

export type WalkedFile = SubmissionFile & { symlink?: SymlinkFacts };

interface Content {
  text?: string;
  binary: boolean;
  /** Why there is no text (SubmissionFile.unreadable). */
  unreadable?: string;
}

/** UTF-16 text: a byte-order mark, or a NUL beside every other byte of its start (ASCII saved as UTF-16). */
function isUtf16(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= (n / 2) * 0.9 && Math.min(even, odd) === 0;
}

/**
 * Text when UTF-8 without NUL bytes (Python, Docker and git refuse or
 * misread those); otherwise the reason, said after the file's name. A partial
 * read (`complete` false) only says whether the start looks binary.
 */
export function decodeContent(bytes: Buffer, complete: boolean): Content {
  if (isUtf16(bytes)) return { binary: true, unreadable: 'is not UTF-8 (UTF-16: save it as UTF-8)' };
  const nul = complete ? bytes.includes(0) : bytes.subarray(0, sniffBytes).includes(0);
  if (nul) return { binary: true, unreadable: 'contains NUL bytes (binary content, not text)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: !complete });
    return complete ? { text, binary: false } : { binary: false };
  } catch {
    return { binary: true, unreadable: 'is not UTF-8 text (saved in another encoding?): save it as UTF-8' };
  }
}

/** Reads a file without ever writing: its text when small and UTF-8. */
async function readContent(path: string | Buffer, size: number, maxTextBytes: number): Promise<Content> {
  const complete = size <= maxTextBytes;
  const want = complete ? size : sniffBytes;
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(buf, got, want - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const content = decodeContent(buf.subarray(0, got), complete);
    if (complete || content.unreadable) return content;
    return { ...content, unreadable: `is larger than ${formatBytes(maxTextBytes)} (${formatBytes(size)}), more than any text file of a submission` };
  } finally {
    await handle.close();
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

/** A file name as text: undefined when its bytes are not UTF-8. */
function nameText(name: Buffer): string | undefined {
  try {
    return strictUtf8.decode(name);
  } catch {
    return undefined;
  }
}

function isInside(realRoot: string, path: string): boolean {
  return path === realRoot || path.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

function toKey(rel: string): string {
  return rel.split(sep).join('/');
}

/**
 * Lists every file below `root` (read-only: files are opened for reading,
 * nothing is created or changed), except the skipped folders. Symbolic links
 * are listed; one that resolves to a file inside the root carries that file's
 * content, any other one is recorded with its target and never followed.
 * `label` names the source in error messages.
 */
export async function walkFiles(
  root: string,
  label: string,
  limits: WalkLimits = defaultWalkLimits,
): Promise<Record<string, WalkedFile>> {
  const realRoot = await realpath(root);
  const files: Record<string, WalkedFile> = {};
  let count = 0;
  let total = 0;

  const account = (size: number) => {
    count += 1;
    total += size;
    if (count > limits.maxFiles) {
      throw new IntakeError(
        `${label} holds more than ${limits.maxFiles} files (not counting ${[...skippedFolders].join(', ')}); ` +
          'rock-check grades a course submission, not a whole disk: name the submission folder itself',
      );
    }
    if (total > limits.maxTotalBytes) {
      throw new IntakeError(
        `${label} holds more than ${formatBytes(limits.maxTotalBytes)} of files; ` +
          'remove build output, data dumps or media, or name the submission folder itself',
      );
    }
  };

  // names are read as bytes: one that is not UTF-8 cannot be opened through a (lossy) string
  const pending: { dir: Buffer; rel: string; badName: boolean }[] = [{ dir: Buffer.from(root), rel: '', badName: false }];
  while (pending.length > 0) {
    const { dir, rel, badName: inBadFolder } = pending.pop()!;
    const entries = await unreadable(label, rel, () => readdir(dir, { withFileTypes: true, encoding: 'buffer' }));
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const text = nameText(entry.name);
      const name = text ?? lossyUtf8.decode(entry.name);
      if (skippedFolders.has(name)) continue;
      const key = rel === '' ? name : `${rel}/${name}`;
      const absBytes = Buffer.concat([dir, Buffer.from(sep), entry.name]);
      const badName = inBadFolder || text === undefined;
      if (entry.isDirectory()) {
        pending.push({ dir: absBytes, rel: key, badName });
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue; // sockets, FIFOs and devices: reading one could block
      if (badName) {
        const st = await lstat(absBytes);
        account(entry.isFile() ? st.size : 0);
        files[key] ??= { path: key, size: st.size, binary: false, unreadable: badNameReason };
        continue;
      }
      const abs = absBytes.toString();
      if (entry.isFile()) {
        const st = await lstat(abs);
        account(st.size);
        const content = await unreadable(label, key, () => readContent(abs, st.size, limits.maxTextBytes));
        files[key] = { path: key, size: st.size, executable: (st.mode & 0o111) !== 0, ...content };
      } else {
        files[key] = await symlinkEntry(abs, key, realRoot, limits, account);
      }
    }
  }
  return files;
}

/** Runs a read; a permission problem becomes an IntakeError naming the path. */
async function unreadable<T>(label: string, key: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new IntakeError(`cannot read ${key === '' ? label : `${label}: ${toKey(key)}`} (permission denied)`);
    }
    throw e;
  }
}

async function symlinkEntry(
  abs: string,
  key: string,
  realRoot: string,
  limits: WalkLimits,
  account: (size: number) => void,
): Promise<WalkedFile> {
  const targetBytes = await readlink(abs, { encoding: 'buffer' });
  const target = nameText(targetBytes);
  if (target === undefined) {
    account(0);
    return { path: key, size: (await lstat(abs)).size, binary: false, unreadable: 'is a link whose target is not a UTF-8 name: replace it with the file itself' };
  }
  const lexical = resolve(await realpath(dirname(abs)), target);
  let real: string | undefined;
  try {
    real = await realpath(lexical);
  } catch {
    real = undefined; // dangling
  }
  const outside = !isInside(realRoot, real ?? lexical);
  if (real !== undefined && !outside) {
    const st = await stat(real);
    if (st.isFile()) {
      account(st.size);
      return { path: key, size: st.size, symlink: { target, outside }, ...(await readContent(real, st.size, limits.maxTextBytes)) };
    }
  }
  const size = (await lstat(abs)).size;
  account(0);
  const why = outside
    ? linkOutsideReason(target)
    : real === undefined
      ? `is a link to ${target}, which does not exist`
      : `is a link to a folder (${target}), not a file`;
  return { path: key, size, binary: false, unreadable: why, symlink: { target, outside } };
}
