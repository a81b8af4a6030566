import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, readlink, stat, symlink } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { IntakeError } from './intake-error.js';
import { skippedFolders } from './walk.js';

/** The absolute path of a folder the user named; IntakeError when it is missing or a file. */
export async function existingFolder(path: string, label: string): Promise<string> {
  const abs = resolve(path);
  let st;
  try {
    st = await stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new IntakeError(`no such folder: ${label}. Name the folder holding the submission, or a git URL`);
    }
    if (code === 'EACCES') throw new IntakeError(`cannot open ${label}: permission denied`);
    throw e;
  }
  if (!st.isDirectory()) {
    throw new IntakeError(`${label} is a file, not a folder: name the folder that holds the submission`);
  }
  return abs;
}

/**
 * Copies a folder (reading it only) without the skipped folders and special
 * files; symbolic links are copied as links, their targets unchanged. Names
 * are handled as bytes, so a file whose name is not UTF-8 is copied too
 * (walkFiles then lists it as such).
 */
export async function copyFolder(from: string, to: string): Promise<void> {
  const pending: [Buffer, Buffer][] = [[Buffer.from(from), Buffer.from(to)]];
  const slash = Buffer.from(sep);
  await mkdir(to);
  while (pending.length > 0) {
    const [src, dest] = pending.pop()!;
    for (const entry of await readdir(src, { withFileTypes: true, encoding: 'buffer' })) {
      if (skippedFolders.has(entry.name.toString())) continue;
      const s = Buffer.concat([src, slash, entry.name]);
      const d = Buffer.concat([dest, slash, entry.name]);
      if (entry.isDirectory()) {
        await mkdir(d);
        pending.push([s, d]);
      } else if (entry.isFile()) {
        await copyFile(s, d, constants.COPYFILE_EXCL);
        await chmod(d, (await lstat(s)).mode & 0o777);
      } else if (entry.isSymbolicLink()) {
        await symlink(await readlink(s, { encoding: 'buffer' }), d);
      }
    }
  }
}
