import { dirname } from 'node:path/posix';
import { joinPath, type Submission } from '../../model/submission.js';
import type { ComponentExpectation, Profile } from '../../profile/profile.js';
import { resolveInside } from './host-paths.js';
import { buildContext, isMapping, type Service } from './service-data.js';

/** Which compose service plays which part of the course's stack. */
export interface ServiceRoles {
  database?: string;
  api?: string;
  client?: string;
}

/** Folder of the compose file, relative to the submission root. */
export function composeDir(composePath: string): string {
  const d = dirname(composePath);
  return d === '.' ? '' : d;
}

/** Repository name of an image reference, without registry, `library/`, tag or digest. */
export function imageRepository(image: string): string {
  let ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/**
 * database: the service running the profile's database image, else one named
 * like the profile's database services. api and client: the service whose
 * build context holds the component's marker file (manage.py, package.json),
 * else one named like the component's services.
 */
export function composeRoles(data: unknown, sub: Submission, profile: Profile): ServiceRoles {
  const services = isMapping(data) && isMapping(data.services) ? data.services : {};
  const entries = Object.entries(services).filter((e): e is [string, Service] => isMapping(e[1]));
  const dir = sub.compose ? composeDir(sub.compose) : '';
  const roles: ServiceRoles = {};
  const taken = new Set<string>();
  const pick = (byContent: (name: string, s: Service) => boolean, names: string[]) => {
    const free = entries.filter(([name]) => !taken.has(name));
    const found = free.find(([n, s]) => byContent(n, s)) ?? free.find(([n]) => names.includes(n));
    if (found) taken.add(found[0]);
    return found?.[0];
  };
  roles.database = pick(
    (_, s) => typeof s.image === 'string' && imageRepository(s.image) === profile.database.image,
    profile.database.serviceNames,
  );
  const builds = (expect: ComponentExpectation) => (_: string, s: Service) => {
    const context = buildContext(s);
    const folder = context === undefined ? undefined : resolveInside(dir, context);
    return folder !== undefined && expect.markers.some((m) => sub.files[joinPath(folder, m)] !== undefined);
  };
  roles.api = pick(builds(profile.components.api), profile.components.api.serviceNames);
  roles.client = pick(builds(profile.components.client), profile.components.client.serviceNames);
  return Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== undefined)) as ServiceRoles;
}
