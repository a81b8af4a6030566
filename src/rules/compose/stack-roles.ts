import { joinPath, type SubmissionFile } from '../../model/submission.js';
import type { RoleMatch } from '../../profile/profile.js';
import { resolveInside } from './host-paths.js';
import { imageRepository } from './image-repository.js';
import { buildContext, type Service } from './service-data.js';

/** The compose service that plays a role, and how it was recognised. */
export interface StackRole {
  service: string;
  foundBy: 'image' | 'marker' | 'name';
}

/** Role name -> the service that plays it; roles no service plays are absent. */
export type StackRoles = Record<string, StackRole>;

/**
 * Finds each role among the compose services, roles in
 * declaration order: the service whose image is the role's image, else the
 * one whose build context holds a marker file of the role (or is a folder
 * the role names), else one named as the role accepts. A service taken by
 * one role is not matched again.
 */
export function stackRoles(services: Record<string, Service>, dir: string, files: Record<string, SubmissionFile>, roles: Record<string, { match: RoleMatch }>): StackRoles {
  const entries = Object.entries(services);
  const taken = new Set<string>();
  const out: StackRoles = {};
  for (const [role, spec] of Object.entries(roles)) {
    const free = entries.filter(([name]) => !taken.has(name));
    const found = pick(free, spec.match, dir, files);
    if (!found) continue;
    taken.add(found.service);
    out[role] = found;
  }
  return out;
}

function pick(free: [string, Service][], match: RoleMatch, dir: string, files: Record<string, SubmissionFile>): StackRole | undefined {
  const tiers: [StackRole['foundBy'], (name: string, s: Service) => boolean][] = [
    ['image', (_, s) => match.image !== undefined && typeof s.image === 'string' && imageRepository(s.image) === match.image],
    ['marker', (_, s) => builtFrom(s, dir, (folder) => (match.markers ?? []).some((m) => files[joinPath(folder, m)] !== undefined))],
    ['marker', (_, s) => builtFrom(s, dir, (folder) => folder !== '' && (match.folders ?? []).includes(folder.slice(folder.lastIndexOf('/') + 1)))],
    ['name', (name) => (match.names ?? []).includes(name)],
  ];
  for (const [foundBy, test] of tiers) {
    const hit = free.find(([name, s]) => test(name, s));
    if (hit) return { service: hit[0], foundBy };
  }
  return undefined;
}

/** Whether the service builds from a folder inside the submission that passes `test`. */
function builtFrom(s: Service, dir: string, test: (folder: string) => boolean): boolean {
  const context = buildContext(s);
  const folder = context === undefined ? undefined : resolveInside(dir, context);
  return folder !== undefined && test(folder);
}
