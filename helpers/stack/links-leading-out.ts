import { readdir, realpath, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Removes from the private copy every symbolic link that does not resolve
 * inside it (followed by the operating system, `..` after a link included),
 * dangling ones too: Docker follows links of bind sources, env files and
 * Dockerfiles on the host. Returns the links removed, relative to the copy.
 */
export async function removeLinksLeadingOut(root: string): Promise<string[]> {
  const realRoot = await realpath(root);
  const removed: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(abs);
      if (!entry.isSymbolicLink()) continue;
      const real = await realpath(abs).catch(() => undefined);
      if (real !== undefined && (real === realRoot || real.startsWith(realRoot + sep))) continue;
      await unlink(abs);
      removed.push(relative(root, abs).split(sep).join('/'));
    }
  }
  return removed.sort();
}
