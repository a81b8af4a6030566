import type Dockerode from 'dockerode';
import type { ReadySpec, RoleSpec } from '../../src/profile/profile.js';
import { envMap } from './compose-project-containers.js';
import type { RuntimeInfo } from './runtime-info.js';

export function isPostgres(ready: ReadySpec | undefined): boolean {
  return ready !== undefined && 'postgres' in ready;
}

/**
 * How to query the PostgreSQL role of a profile graded from roles (the
 * first whose readiness is PostgreSQL's): the superuser and database its
 * container's environment sets, as the official image reads them.
 */
export async function postgresAccess(docker: Dockerode, info: RuntimeInfo, roles: Record<string, RoleSpec>): Promise<RuntimeInfo['database']> {
  const role = Object.keys(roles).find((r) => isPostgres(roles[r].ready) && info.components[r]?.containerId);
  const id = role ? info.components[role]?.containerId : undefined;
  if (!id) return undefined;
  const env = envMap((await docker.getContainer(id).inspect().catch(() => undefined))?.Config.Env ?? []);
  const user = env.POSTGRES_USER || 'postgres';
  return { name: env.POSTGRES_DB || user, user, password: env.POSTGRES_PASSWORD ?? '' };
}
