import type { ReadySpec, RoleSpec } from '../profile.js';
import type { ReferenceService } from './reference-services.js';

/** Files that mark a build folder, most telling first. */
export const markerFiles = [
  'manage.py', 'app.py', 'main.py', 'server.py', 'wsgi.py', 'package.json', 'go.mod', 'Cargo.toml', 'pom.xml',
  'build.gradle', 'Gemfile', 'composer.json', 'requirements.txt', 'pyproject.toml', 'nginx.conf', 'index.html',
];

/** The port an official image listens on, for a service that neither publishes nor exposes one. */
const imagePorts: Record<string, number> = { postgres: 5432, redis: 6379, mysql: 3306, mariadb: 3306, mongo: 27017, neo4j: 7687, memcached: 11211, rabbitmq: 5672, nginx: 80, httpd: 80 };

/** Ports that do not speak HTTP: a database, a cache, a broker. */
const nonHttpPorts = new Set([5432, 6379, 3306, 27017, 7687, 11211, 5672, 1433, 1521, 9042, 2181, 9092, 26379, 33060]);
const nonHttpImages = new Set(['postgres', 'redis', 'mysql', 'mariadb', 'mongo', 'memcached', 'rabbitmq']);

/** A role drafted from a service of the reference. */
export interface DraftRole {
  role: string;
  service: ReferenceService;
  spec: RoleSpec;
  /** Its port is published and speaks HTTP: a request to `/` can be checked. */
  http: boolean;
}

/**
 * One role per service: those that run an image first (found by their image),
 * then those built from a folder (found by a marker file no other built
 * service's folder holds, else by the folder's name), each also by its
 * service name. Roles are matched in this order, so each finds its own
 * service again in the reference.
 */
export function draftRoles(services: ReferenceService[], filesOf: (folder: string) => Set<string>): DraftRole[] {
  const built = services.filter((s) => s.folder !== undefined);
  const presentIn = new Map(built.map((s) => [s.name, markerFiles.filter((m) => filesOf(s.folder!).has(m))]));
  const taken = new Set<string>();
  const ordered = [...services.filter((s) => s.folder === undefined), ...built];
  return ordered.map((service) => {
    const role = roleName(service.name, taken);
    const port = service.published[0] ?? service.exposed[0] ?? (service.image ? imagePorts[service.image] : undefined);
    const http = service.published.length > 0 && port !== undefined && service.published.includes(port) && !nonHttpPorts.has(port) && !nonHttpImages.has(service.image ?? '');
    const spec: RoleSpec = { match: matchOf(service, built, presentIn), ...(port !== undefined ? { port } : {}) };
    const ready = readyOf(service, port, http);
    if (ready) spec.ready = ready;
    return { role, service, spec, http };
  });
}

function matchOf(s: ReferenceService, built: ReferenceService[], presentIn: Map<string, string[]>): RoleSpec['match'] {
  if (s.image !== undefined) return { image: s.image, names: [s.name] };
  const others = built.filter((o) => o.name !== s.name);
  const own = (presentIn.get(s.name) ?? []).filter((m) => !others.some((o) => presentIn.get(o.name)?.includes(m)));
  if (own.length > 0) return { markers: own.slice(0, 3), names: [s.name] };
  const folder = s.folder!.slice(s.folder!.lastIndexOf('/') + 1);
  const sameFolder = others.some((o) => o.folder === s.folder);
  if (folder !== '' && !sameFolder) return { folders: [folder], names: [s.name] };
  return { names: [s.name] };
}

function readyOf(s: ReferenceService, port: number | undefined, http: boolean): ReadySpec | undefined {
  if (s.image === 'postgres') return { postgres: {} };
  if (s.image === 'redis') return { exec: ['redis-cli', 'ping'] };
  if (http) return { http: { path: '/' } };
  return port !== undefined ? { tcp: {} } : undefined;
}

/** A service name as a role name (letters, digits, `_`; at most 40), unique. */
function roleName(service: string, taken: Set<string>): string {
  let base = service.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 36);
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`.slice(0, 36);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}
