import { interpolate } from './interpolate.js';

/**
 * Paths written in a compose file, resolved against the folder the compose
 * file sits in (relative to the submission root, '' for the root itself).
 */

/** The submission-relative path, or undefined when it is absolute, home-relative, a variable or climbs out of the root. */
export function resolveInside(dir: string, written: string): string | undefined {
  const p = written.replace(/\\/g, '/');
  if (isAbsolute(p) || p.startsWith('~') || p.includes('$')) return undefined;
  const parts: string[] = dir === '' ? [] : dir.split('/');
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(seg);
    }
  }
  return parts.join('/');
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

export type HostPathKind = 'inside' | 'root' | 'docker-socket' | 'absolute' | 'home' | 'variable' | 'climbs-out' | 'remote' | 'link-out';

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

/** What a host path of a bind mount reaches. */
export function classifyHostPath(dir: string, written: string): HostPathKind {
  const p = written.replace(/\\/g, '/');
  if (p.includes('$')) return 'variable';
  if (p.startsWith('~')) return 'home';
  if (isAbsolute(p)) {
    const clean = normalizeAbsolute(p);
    if (clean === '/' || /^[A-Za-z]:\/?$/.test(clean)) return 'root';
    if (DOCKER_SOCKETS.includes(clean)) return 'docker-socket';
    return 'absolute';
  }
  return resolveInside(dir, p) === undefined ? 'climbs-out' : 'inside';
}

function normalizeAbsolute(p: string): string {
  const parts: string[] = [];
  const drive = /^[A-Za-z]:/.exec(p)?.[0] ?? '';
  for (const seg of p.slice(drive.length).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `${drive}/${parts.join('/')}`;
}

/** What a path written in a compose file needs from a grading run: the submission's files and the variables Compose substitutes. */
export interface PathContext {
  files: Record<string, { symlink?: { outside: boolean } }>;
  variables: ReadonlyMap<string, string>;
}

/**
 * What a path setting (build context, env_file, secret file, include...)
 * reaches once Compose has substituted its variables: from the `.env` beside
 * the compose file or the variables the grading run gives Compose, never any
 * other. A variable that is not set, or a value that still holds `$`, is
 * 'variable': it cannot be known before Compose reads the file. A path inside
 * the submission through a link that leads out of it is 'link-out'.
 */
export function classifyReference(dir: string, written: string, ctx: PathContext): HostPathKind {
  if (isRemote(written)) return 'remote';
  const { value, missing } = interpolate(written, ctx.variables);
  if (missing.length > 0 || value.includes('$')) return 'variable';
  if (isRemote(value)) return 'remote';
  const kind = classifyHostPath(dir, value);
  if (kind !== 'inside') return kind;
  const rel = resolveInside(dir, value) as string;
  const parts = rel === '' ? [] : rel.split('/');
  for (let n = 1; n <= parts.length; n++) {
    if (ctx.files[parts.slice(0, n).join('/')]?.symlink?.outside) return 'link-out';
  }
  return 'inside';
}

/** The submission-relative path a reference resolves to, when classifyReference says 'inside'. */
export function resolveReference(dir: string, written: string, ctx: PathContext): string | undefined {
  if (classifyReference(dir, written, ctx) !== 'inside') return undefined;
  return resolveInside(dir, interpolate(written, ctx.variables).value);
}

/** A URL or a git remote: fetched from elsewhere, never a folder of the submission. */
export function isRemote(p: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(p) || /^[\w.-]+@[\w.-]+:/.test(p) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(p);
}

/** A compose path is a host path (not a volume name) when it starts like one. */
export function looksLikeHostPath(source: string): boolean {
  return /^[./~$]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}
