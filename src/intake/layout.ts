import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, sep } from 'node:path';
import type { Component, ComponentRole, Layout } from '../model/submission.js';
import { isCourseProfile, type AnyProfile, type ComponentExpectation, type Profile } from '../profile/profile.js';
import { buildContexts, composeFileNames } from './compose-contexts.js';
import { IntakeError } from './intake-error.js';
import { detectRoleLayout } from './role-layout.js';
import { defaultWalkLimits, skippedFolders } from './walk.js';

export interface LayoutFacts {
  layout: Layout;
  components: Partial<Record<ComponentRole, Component>>;
  /** Compose file relative to the root. */
  compose?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A path written relative to a folder that stays below it: no absolute path, no `..` segment, no backslash. */
export function staysInside(rel: string): boolean {
  return rel !== '' && !isAbsolute(rel) && !rel.includes('\\') && !rel.split('/').includes('..');
}

async function hasMarker(root: string, dir: string, expect: ComponentExpectation): Promise<boolean> {
  for (const marker of expect.markers) {
    if (staysInside(marker) && (await isFile(join(root, dir, marker)))) return true;
  }
  return false;
}

/** A file, or a symbolic link to a file inside the root (graded through the link, as Compose reads it). */
async function isFileInside(root: string, rel: string): Promise<boolean> {
  const abs = join(root, rel);
  try {
    const st = await lstat(abs);
    if (st.isFile()) return true;
    if (!st.isSymbolicLink()) return false;
    const [realRoot, real] = await Promise.all([realpath(root), realpath(abs)]);
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile();
  } catch {
    return false;
  }
}

/** The first compose file found at the top of a folder, by name. */
export async function findComposeFile(root: string, dir = ''): Promise<string | undefined> {
  for (const name of composeFileNames) {
    const rel = dir === '' ? name : `${dir}/${name}`;
    if (await isFileInside(root, rel)) return rel;
  }
  return undefined;
}

/** The compose file's text when it is small enough to be a text file of the submission. */
async function composeText(root: string, compose: string): Promise<string | undefined> {
  const abs = join(root, compose);
  if ((await stat(abs)).size > defaultWalkLimits.maxTextBytes) return undefined;
  return readFile(abs, 'utf8');
}

interface Candidate {
  dir: string;
  service?: string;
}

/** The first candidate holding a marker file of the component (manage.py, package.json). */
async function withMarker(root: string, candidates: Candidate[], expect: ComponentExpectation, exclude?: string): Promise<Candidate | undefined> {
  for (const c of candidates) if (c.dir !== exclude && (await hasMarker(root, c.dir, expect))) return c;
  return undefined;
}

/** The first candidate whose compose service, else whose folder, carries a name the profile lists. */
function byName(candidates: Candidate[], expect: ComponentExpectation, exclude?: string): Candidate | undefined {
  const open = candidates.filter((c) => c.dir !== exclude);
  return (
    open.find((c) => c.service !== undefined && expect.serviceNames.includes(c.service)) ??
    open.find((c) => expect.folderNames.includes(posix.basename(c.dir)))
  );
}

/** Compose build contexts that are folders inside the root, relative to it. */
async function composeCandidates(root: string, compose: string): Promise<Candidate[]> {
  const text = await composeText(root, compose);
  const out: Candidate[] = [];
  if (text === undefined) return out;
  for (const { service, context } of buildContexts(text)) {
    if (isAbsolute(context) || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.includes('\\')) continue;
    const dir = posix.normalize(posix.join(posix.dirname(compose), context)).replace(/\/$/, '');
    const rel = dir === '.' ? '' : dir;
    if (rel === '..' || rel.startsWith('../')) continue;
    if (await isDir(join(root, rel))) out.push({ dir: rel, service });
  }
  return out;
}

/** Sub-folders of the root (one level), in name order, the ones profiles name first. */
async function subfolders(root: string, profile: Profile): Promise<Candidate[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const named = new Set([...profile.components.api.folderNames, ...profile.components.client.folderNames]);
  return entries
    .filter((e) => e.isDirectory() && !skippedFolders.has(e.name))
    .map((e) => e.name)
    .sort((a, b) => Number(named.has(b)) - Number(named.has(a)) || (a < b ? -1 : 1))
    .map((dir) => ({ dir }));
}

type Found = Pick<Component, 'dir' | 'foundBy'>;

/**
 * A component's folder, in this order: a build context holding its marker,
 * the root holding it (`atRoot`), a sub-folder holding it; only then a build
 * context whose service carries a name the profile lists, then a folder so
 * named. A service named like the api that builds a folder without
 * manage.py (the course folder, when the build names no context) thus loses
 * to the folder that holds it.
 */
async function locate(
  root: string,
  expect: ComponentExpectation,
  where: { contexts: Candidate[]; folders: Candidate[]; atRoot?: boolean; exclude?: string },
): Promise<Found | undefined> {
  const { contexts, folders, atRoot, exclude } = where;
  const built = await withMarker(root, contexts, expect, exclude);
  if (built) return { dir: built.dir, foundBy: 'compose' };
  if (atRoot && (await hasMarker(root, '', expect))) return { dir: '', foundBy: 'root' };
  const inFolder = await withMarker(root, folders, expect, exclude);
  if (inFolder) return { dir: inFolder.dir, foundBy: 'content' };
  const service = byName(contexts, expect, exclude);
  if (service) return { dir: service.dir, foundBy: 'compose' };
  const folder = byName(folders, expect, exclude);
  return folder && { dir: folder.dir, foundBy: 'content' };
}

/**
 * Recognises the layout of a folder: the course's parent folder (compose file
 * + api + client), an api repository alone, or one with its own compose
 * file; components are found as `locate` says. `label` names the source in
 * the error raised when no api is found. A profile of roles grades one
 * folder, with or without a compose file (see detectRoleLayout).
 */
export async function detectLayout(root: string, profile: AnyProfile, label: string): Promise<LayoutFacts> {
  if (!isCourseProfile(profile)) return detectRoleLayout(root, profile, label);
  const { api, client } = profile.components;
  const compose = await findComposeFile(root);
  const contexts = compose ? await composeCandidates(root, compose) : [];
  const folders = await subfolders(root, profile);
  const apiFound = await locate(root, api, { contexts, folders, atRoot: true });
  if (apiFound) {
    const inRepository = apiFound.dir === '';
    // An api repository's sub-folders are its own code: its client is only one its compose file builds.
    const clientFound = await locate(root, client, { contexts, folders: inRepository ? [] : folders, exclude: apiFound.dir });
    return {
      layout: inRepository ? (compose ? 'api-with-compose' : 'api-only') : 'parent',
      compose,
      components: {
        api: { role: 'api', ...apiFound },
        ...(clientFound ? { client: { role: 'client', ...clientFound } } : {}),
      },
    };
  }

  const markers = api.markers.join(' or ');
  const places = [
    `at its top level`,
    ...(compose ? [`in the build contexts of ${compose} (${contexts.map((c) => c.dir || '.').join(', ') || 'none inside the folder'})`] : []),
    `in its sub-folders (${folders.map((f) => f.dir).join(', ') || 'none'})`,
  ];
  throw new IntakeError(
    `no Django API found in ${label}: looked for ${markers} ${places.join(', ')}, and for a folder named ` +
      `${api.folderNames.join(' or ')}. Name the api folder, the folder holding docker-compose.yml, or use --api and --client`,
  );
}
