import type { PathSegment } from '../../parsers/yaml-source.js';
import { keyedEntries } from './hostile-paths.js';
import { isMapping, isTrue, type Service } from './service-data.js';

/** Reports one refused setting of a service at its YAML path. */
export type AddRefusal = (path: PathSegment[], message: string, hint: string) => void;

const OTHER_CONTAINERS = 'a service may share namespaces or volumes only with another service of the same compose file';

/**
 * Settings that join a service to a container outside the stack
 * (`container:x`, `service:x` for a service the stack does not define,
 * `volumes_from`, `external_links`) or let a build reach the host (its
 * network, privileges, the grader's SSH agent).
 */
export function linkRefusals(name: string, s: Service, stack: ReadonlySet<string>, add: AddRefusal): void {
  const at = (...p: PathSegment[]) => ['services', name, ...p];
  for (const key of ['network_mode', 'pid', 'ipc'] as const) {
    const v = s[key];
    if (typeof v !== 'string') continue;
    const other = /^(container|service):(.*)$/.exec(v);
    if (other?.[1] === 'container') {
      add(at(key), `service "${name}" sets ${key}: "${v}", joining a container outside the stack; remove it`, OTHER_CONTAINERS);
    } else if (other && !stack.has(other[2])) {
      add(at(key), `service "${name}" sets ${key}: "${v}", but the stack defines no service "${other[2]}"; remove it or name a service of this file`, OTHER_CONTAINERS);
    }
  }
  (Array.isArray(s.volumes_from) ? s.volumes_from : []).forEach((item, i) => {
    const v = String(item);
    const source = v.startsWith('container:') ? undefined : v.split(':')[0];
    if (source === undefined) {
      add(at('volumes_from', i), `service "${name}" takes the volumes of "${v}", a container outside the stack; remove this entry`, OTHER_CONTAINERS);
    } else if (!stack.has(source)) {
      add(at('volumes_from', i), `service "${name}" takes the volumes of "${source}", which the stack does not define; remove this entry`, OTHER_CONTAINERS);
    }
  });
  if (Array.isArray(s.external_links) && s.external_links.length > 0) {
    add(at('external_links'), `service "${name}" links containers outside the stack (external_links); remove external_links`, OTHER_CONTAINERS);
  }
  if (isMapping(s.build)) buildRefusals(name, s.build, at('build'), add);
}

function buildRefusals(name: string, b: Record<string, unknown>, at: PathSegment[], add: AddRefusal): void {
  const why = 'the images of the course build from their own folders, on the default build network';
  if (b.network !== undefined && !['default', 'none'].includes(String(b.network))) {
    const net = String(b.network);
    const what = net === 'host' ? "the host's network" : `the network "${net}", which is not the stack's`;
    add([...at, 'network'], `service "${name}" builds on ${what} (build.network: ${net}); remove build.network`, why);
  }
  if (isTrue(b.privileged)) add([...at, 'privileged'], `service "${name}" builds privileged (build.privileged); remove it`, why);
  if (Array.isArray(b.entitlements) && b.entitlements.length > 0) {
    add([...at, 'entitlements'], `service "${name}" grants its build extra privileges (${b.entitlements.map(String).join(', ')}); remove build.entitlements`, why);
  }
  for (const [key, value, path] of keyedEntries(b.ssh, [...at, 'ssh'])) {
    if (value === '') {
      add(path, `service "${name}" forwards the SSH agent of the machine that grades into its build (ssh: ${key}); remove this entry`, why);
    }
  }
}

/** `secrets`/`configs` read from an environment variable: the grading machine's, never the submission's. */
export function environmentSourceRefusals(data: Record<string, unknown>, add: AddRefusal): void {
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [key, def] of Object.entries(isMapping(data[kind]) ? data[kind] : {})) {
      if (!isMapping(def) || def.environment === undefined) continue;
      add(
        [kind, key, 'environment'],
        `${kind.slice(0, -1)} "${key}" is read from the environment variable "${String(def.environment)}" of the machine that grades; use file: with a file of the project instead`,
        'rock-check passes none of its own environment to the stack',
      );
    }
  }
}
