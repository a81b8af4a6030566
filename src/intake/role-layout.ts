import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoleProfile } from '../profile/profile.js';
import { composeFileNames } from './compose-contexts.js';
import { IntakeError } from './intake-error.js';
import { findComposeFile, staysInside, type LayoutFacts } from './layout.js';
import { skippedFolders } from './walk.js';

/**
 * The layout of a folder graded by a profile of roles: one folder, with a
 * compose file at its top (`with-compose`) or without one (`without-compose`:
 * started as the profile's boot plan says), which must then hold the marker
 * file of a role the grader builds, at its top or one folder down.
 */
export async function detectRoleLayout(root: string, profile: RoleProfile, label: string): Promise<LayoutFacts> {
  const compose = await findComposeFile(root);
  if (compose) return { layout: 'with-compose', compose, components: {} };
  const markers = [...new Set(Object.values(profile.stack.roles).flatMap((r) => r.match.markers ?? []))].filter(staysInside);
  if (await holdsAny(root, markers)) return { layout: 'without-compose', components: {} };
  const looked = markers.length > 0 ? ` or for ${markers.join(' or ')} at its top level or one folder down` : '';
  throw new IntakeError(
    `nothing to grade as ${profile.name} in ${label}: looked for a compose file (${composeFileNames.join(', ')}) at its top level${looked}. ` +
      'Name the folder that holds them',
  );
}

async function holdsAny(root: string, markers: string[]): Promise<boolean> {
  if (markers.length === 0) return false;
  const folders = ['', ...(await subfolders(root))];
  for (const dir of folders) {
    for (const m of markers) if (await isFile(join(root, dir, m))) return true;
  }
  return false;
}

async function subfolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !skippedFolders.has(e.name))
    .map((e) => e.name)
    .sort();
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}
