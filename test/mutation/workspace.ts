import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { buildContexts, composeFileNames } from '../../src/intake/compose-contexts.js';
import { takeIn } from '../../src/intake/index.js';
import type { Submission, SubmissionFile } from '../../src/model/submission.js';
import type { Profile } from '../../src/profile/profile.js';
import { listFiles, materialize, type Materialized } from '../support/materialize.js';
import type { Change, Texts, Variant } from './variant.js';

/**
 * The good fixture materialized once (as git repositories, as a clone is,
 * or as a plain folder), and the submission intake reads from it. A variant
 * is graded either on disk, its changes applied to this folder, taken in,
 * then undone; or, when that is sure to give the same submission, in memory
 * (see inMemory).
 */
export class Workspace implements AsyncDisposable {
  private constructor(
    readonly folder: Materialized,
    readonly texts: Texts,
    readonly base: Submission,
    private readonly profile: Profile,
    private readonly git: boolean,
  ) {}

  static async open(profile: Profile, git: boolean): Promise<Workspace> {
    const folder = await materialize('good', { git });
    const texts = new Map<string, string>();
    for (const path of listFiles(folder.dir)) texts.set(path, await readFile(join(folder.dir, path), 'utf8'));
    await using intake = await takeIn({ target: folder.dir }, { profile });
    return new Workspace(folder, texts, intake.submission, profile, git);
  }

  /**
   * Whether intake's reading of the variant is the base submission with the
   * changed files' text replaced or the files removed. Layout detection reads
   * which compose file and marker files exist and the compose file's build
   * contexts, and git facts come from the index: so true when every change
   * writes UTF-8 text to, or removes, a file of the submission, except that a
   * compose file may only be rewritten with the same build contexts and a
   * marker (manage.py, package.json) only rewritten. The test checks this
   * against intake.
   */
  inMemory(v: Variant): boolean {
    const markers = [...this.profile.components.api.markers, ...this.profile.components.client.markers];
    return v.changes.every((c) => {
      if ((c.op !== 'write' && c.op !== 'remove') || !this.texts.has(c.path)) return false;
      const name = posix.basename(c.path);
      if (composeFileNames.includes(name)) return c.op === 'write' && sameContexts(this.texts.get(c.path)!, c.text);
      return c.op === 'write' || !markers.includes(name);
    });
  }

  /** The base submission with the variant's files rewritten or removed (only for a variant inMemory accepts). */
  fromMemory(v: Variant): Submission {
    const files: Record<string, SubmissionFile> = { ...this.base.files };
    for (const c of v.changes) {
      if (c.op === 'remove') delete files[c.path];
      else if (c.op === 'write') files[c.path] = { ...files[c.path], text: c.text, size: Buffer.byteLength(c.text) };
      else throw new Error(`${v.id}: ${c.op} cannot be applied in memory`);
    }
    return { ...this.base, files };
  }

  /** Applies the changes to the folder, takes it in, and puts every file back as it was. */
  fromDisk(v: Variant): Promise<Submission> {
    return this.onDisk(v, async (dir) => {
      await using intake = await takeIn({ target: dir }, { profile: this.profile });
      return intake.submission;
    });
  }

  /** Runs `use` on the folder with the variant's changes made (and staged, when a mode changes), then undoes them. */
  async onDisk<T>(v: Variant, use: (dir: string) => Promise<T>): Promise<T> {
    const undo: (() => Promise<void>)[] = [];
    const staged = this.git && v.changes.some((c) => c.op === 'chmod');
    try {
      for (const c of v.changes) undo.unshift(await this.apply(c));
      if (staged) await this.stageAll();
      return await use(this.folder.dir);
    } finally {
      for (const u of undo) await u();
      if (staged) await this.stageAll();
    }
  }

  private async apply(c: Change): Promise<() => Promise<void>> {
    const at = (p: string) => join(this.folder.dir, p);
    if (c.op === 'rename') {
      await mkdir(dirname(at(c.to)), { recursive: true });
      await rename(at(c.from), at(c.to));
      return () => rename(at(c.to), at(c.from));
    }
    const path = at(c.path);
    const before = await readFile(path).catch(() => undefined);
    const mode = before && (await stat(path)).mode & 0o777;
    if (c.op === 'remove') await rm(path);
    else if (c.op === 'chmod') await chmod(path, c.mode);
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, c.text);
    }
    return async () => {
      if (before === undefined) return rm(path, { force: true });
      await writeFile(path, before);
      await chmod(path, mode as number);
    };
  }

  /** Records every component repository's work tree in its index, as a commit of the change would. */
  private async stageAll(): Promise<void> {
    for (const c of Object.values(this.base.components)) {
      await promisify(execFile)('git', ['-c', 'core.fileMode=true', 'add', '-A'], { cwd: join(this.folder.dir, c.dir), env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.folder[Symbol.asyncDispose]();
  }
}

function sameContexts(before: string, after: string): boolean {
  return JSON.stringify(buildContexts(before)) === JSON.stringify(buildContexts(after));
}
