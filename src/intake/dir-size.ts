import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Bytes taken by a folder tree (symlinks counted, never followed). Entries that
 * vanish while counting (git renames its temporary files) are skipped. Stops
 * counting once `stopAbove` is passed.
 */
export async function dirSize(dir: string, stopAbove = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0 && total <= stopAbove) {
    const current = pending.pop()!;
    let names: string[];
    try {
      names = await readdir(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(current, name);
      try {
        const st = await lstat(path);
        if (st.isDirectory()) pending.push(path);
        else total += st.size;
      } catch {
        // vanished meanwhile
      }
    }
  }
  return total;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}
