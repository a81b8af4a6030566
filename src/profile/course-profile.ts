import type { BaseProfile, ComponentExpectation, Profile, RoleSpec } from './profile.js';

/** The course packs' parameters as `packs:` holds them (schemas/profile.schema.json). */
export interface CoursePacks {
  postgres: { dataDir: string; name: string; user: string; password: string; envKeys: string[] };
  envFiles: Profile['env'];
  django: { settings: Profile['settings']; drivers: string[] };
  seed: Profile['seed'];
  rows: { tables: Profile['tables']; content: Profile['content'] };
  routes: Profile['routes'];
  workflows: Profile['workflows'];
}

/** An api or client role as the course's checks read it (the schema requires these fields of a profile with packs). */
function component(role: RoleSpec): ComponentExpectation {
  const { match } = role;
  return { folderNames: match.folders ?? [], markers: match.markers ?? [], port: role.port!, serviceNames: match.names ?? [] };
}

/** `postgres:16` -> `16`. */
function tagOf(image: string): string {
  return image.slice(image.lastIndexOf(':') + 1);
}

/**
 * A profile with course packs in the shape the course's checks read:
 * the roles database, api and client and the packs' blocks mapped onto
 * components, database, env, settings, drivers, seed, tables, content,
 * routes and workflows.
 */
export function courseProfile(base: BaseProfile, packs: CoursePacks): Profile {
  const { database, api, client } = base.stack.roles;
  return {
    ...base,
    kind: 'course',
    components: { api: component(api), client: component(client) },
    database: {
      image: database.match.image!,
      imageTag: tagOf(database.run!.image),
      serviceNames: database.match.names ?? [],
      alias: database.aliases![0],
      port: database.port!,
      dataDir: packs.postgres.dataDir,
      name: packs.postgres.name,
      user: packs.postgres.user,
      password: packs.postgres.password,
      envKeys: packs.postgres.envKeys,
    },
    env: packs.envFiles,
    settings: packs.django.settings,
    drivers: packs.django.drivers,
    seed: packs.seed,
    tables: packs.rows.tables,
    content: packs.rows.content,
    routes: packs.routes,
    workflows: packs.workflows,
  };
}
