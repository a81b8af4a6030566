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

export type HostPathKind = 'inside' | 'root' | 'docker-socket' | 'absolute' | 'home' | 'variable' | 'climbs-out';

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

/** A compose path is a host path (not a volume name) when it starts like one. */
export function looksLikeHostPath(source: string): boolean {
  return /^[./~$]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}
