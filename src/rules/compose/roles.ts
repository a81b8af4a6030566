import { dirname } from 'node:path/posix';
import type { Submission } from '../../model/submission.js';
import type { ComponentExpectation, Profile } from '../../profile/profile.js';
import { isMapping, type Service } from './service-data.js';
import { stackRoles } from './stack-roles.js';

export { imageRepository } from './image-repository.js';

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

/**
 * database: the service running the profile's database image, else one named
 * like the profile's database services. api and client: the service whose
 * build context holds the component's marker file (manage.py, package.json),
 * else one named like the component's services.
 */
export function composeRoles(data: unknown, sub: Submission, profile: Profile): ServiceRoles {
  const services = isMapping(data) && isMapping(data.services) ? data.services : {};
  const entries = Object.entries(services).filter((e): e is [string, Service] => isMapping(e[1]));
  const component = (c: ComponentExpectation) => ({ match: { markers: c.markers, names: c.serviceNames } });
  const found = stackRoles(Object.fromEntries(entries), sub.compose ? composeDir(sub.compose) : '', sub.files, {
    database: { match: { image: profile.database.image, names: profile.database.serviceNames } },
    api: component(profile.components.api),
    client: component(profile.components.client),
  });
  return Object.fromEntries(Object.entries(found).map(([role, r]) => [role, r.service])) as ServiceRoles;
}
