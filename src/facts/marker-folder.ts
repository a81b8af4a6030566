import { joinPath, type SubmissionFile } from '../model/submission.js';
import { visibleLine } from '../model/visible-text.js';
import type { RoleMatch } from '../profile/profile.js';

/**
 * The folder a role is built from when no compose file says it: the one
 * holding one of its marker files, the submission's top first, then its
 * sub-folders one level down in name order; else a sub-folder the role
 * names. Undefined when there is none.
 */
export function markerFolder(files: Record<string, SubmissionFile>, match: RoleMatch): string | undefined {
  const markers = match.markers ?? [];
  const holds = (dir: string) => markers.some((m) => files[joinPath(dir, m)] !== undefined);
  if (holds('')) return '';
  const subfolders = [...new Set(Object.keys(files).filter((p) => p.includes('/')).map((p) => p.slice(0, p.indexOf('/'))))].sort();
  return subfolders.find(holds) ?? subfolders.find((d) => (match.folders ?? []).includes(d));
}

/** How messages name a folder of the submission: `the top folder of the submission`, `web/`. */
export function shownFolder(folder: string): string {
  return folder === '' ? 'the top folder of the submission' : `${visibleLine(folder)}/`;
}
