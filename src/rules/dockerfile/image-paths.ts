import { posix } from 'node:path';
import { isWholeContext, transferOf } from './copies.js';
import { parseExecForm } from './command.js';
import { finalImageInstructions, type Stage } from './stages.js';

/**
 * Where a file of the final image comes from in the build context, as far as
 * WORKDIR and COPY/ADD say: `./start.sh` run in WORKDIR /app after `COPY . /app/`
 * is the context's `start.sh`. Paths with variables, globs other than the
 * whole context, and copies from other images are not followed.
 */
export interface ImagePaths {
  /** The working directory the CMD runs in. */
  workdir: string;
  /** The context path (relative, no leading `./`) of a path as a command names it, or undefined. */
  contextPathOf(written: string): string | undefined;
}

/** `isFile(p)`: the context has a file at `p` (so `COPY p dest` copies a file, not a folder). */
export function imagePaths(stages: Stage[], isFile: (inContext: string) => boolean): ImagePaths {
  const instructions = finalImageInstructions(stages);
  const workdirAt: string[] = [];
  let workdir = '/';
  for (const i of instructions) {
    if (i.getKeyword() === 'WORKDIR') {
      const arg = (parseExecForm(i.getArgumentsContent() ?? '')?.[0] ?? i.getArgumentsContent() ?? '').trim();
      workdir = arg.includes('$') || arg === '' ? '' : posix.resolve(workdir || '/', arg);
    }
    workdirAt.push(workdir);
  }
  const finalWorkdir = workdir;
  return {
    workdir: finalWorkdir,
    contextPathOf(written) {
      if (written.includes('$') || (finalWorkdir === '' && !written.startsWith('/'))) return undefined;
      const target = posix.resolve(finalWorkdir || '/', written);
      let found: string | undefined;
      instructions.forEach((i, k) => {
        const t = transferOf(i);
        const cwd = workdirAt[k];
        if (!t || t.fromImage || t.dest.includes('$') || (cwd === '' && !t.dest.startsWith('/'))) return;
        const dest = posix.resolve(cwd || '/', t.dest);
        // a destination that exists as a folder (the working directory) takes the file inside it
        const intoFolder = t.dest.endsWith('/') || t.sources.length > 1 || dest === cwd || workdirAt.includes(dest);
        for (const raw of t.sources) {
          if (/^[a-z]+:\/\//i.test(raw)) continue;
          const source = posix.normalize(raw).replace(/^\.\//, '').replace(/\/$/, '');
          const hit = isWholeContext(raw) ? under(target, dest) : fromSource(source, dest, intoFolder, target, isFile);
          if (hit !== undefined && !hit.startsWith('..')) found = hit;
        }
      });
      return found;
    },
  };
}

/** The part of `path` below `folder`, or undefined. */
function under(path: string, folder: string): string | undefined {
  const rel = posix.relative(folder, path);
  return rel === '' || rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : rel;
}

function fromSource(source: string, dest: string, intoFolder: boolean, target: string, isFile: (p: string) => boolean): string | undefined {
  if (/[*?[]/.test(source) || source.startsWith('..') || source === '') return undefined;
  if (isFile(source)) return (intoFolder ? posix.join(dest, posix.basename(source)) : dest) === target ? source : undefined;
  const rel = under(target, dest);
  return rel === undefined ? undefined : posix.join(source, rel);
}
