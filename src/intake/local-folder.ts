import { cp, lstat, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
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
 * files; symbolic links are copied as links, their targets unchanged.
 */
export async function copyFolder(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    errorOnExist: true,
    filter: async (src) => {
      if (src === from) return true;
      if (skippedFolders.has(basename(src))) return false;
      const st = await lstat(src);
      return st.isFile() || st.isDirectory() || st.isSymbolicLink();
    },
  });
}
