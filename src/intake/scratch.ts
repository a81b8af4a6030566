import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Private temporary folders (clones, copies), all removed by dispose(). */
export class Scratch {
  private readonly dirs: string[] = [];
  private readonly base: string;

  constructor(workDir?: string) {
    this.base = resolve(workDir ?? tmpdir());
  }

  async make(): Promise<string> {
    const dir = await mkdtemp(join(this.base, 'rock-check-'));
    this.dirs.push(dir);
    return dir;
  }

  async dispose(): Promise<void> {
    const dirs = this.dirs.splice(0);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 3 })));
  }
}
