import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SubmissionFile } from '../model/submission.js';
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
}

/** Binary: a NUL byte in the first 8 KiB, or bytes that are not UTF-8. */
export function decodeContent(bytes: Buffer, complete: boolean): Content {
  if (bytes.subarray(0, sniffBytes).includes(0)) return { binary: true };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: !complete });
    return complete ? { text, binary: false } : { binary: false };
  } catch {
    return { binary: true };
  }
}

/** Reads a file without ever writing: its text when small and UTF-8. */
async function readContent(path: string, size: number, maxTextBytes: number): Promise<Content> {
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
    return decodeContent(buf.subarray(0, got), complete);
  } finally {
    await handle.close();
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

  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = await unreadable(label, relative(root, dir), () => readdir(dir, { withFileTypes: true }));
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const key = toKey(relative(root, abs));
      if (skippedFolders.has(entry.name)) continue;
      if (entry.isDirectory()) {
        pending.push(abs);
        continue;
      }
      if (entry.isFile()) {
        const st = await lstat(abs);
        account(st.size);
        const content = await unreadable(label, key, () => readContent(abs, st.size, limits.maxTextBytes));
        files[key] = { path: key, size: st.size, executable: (st.mode & 0o111) !== 0, ...content };
        continue;
      }
      if (entry.isSymbolicLink()) {
        files[key] = await symlinkEntry(abs, key, realRoot, limits, account);
      }
      // sockets, FIFOs and devices are not files of a submission; reading one could block
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
  const target = await readlink(abs);
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
  return { path: key, size, binary: false, symlink: { target, outside } };
}
