import type { Finding } from '../../model/finding.js';
import type { PathSegment } from '../../parsers/yaml-source.js';
import { classifyHostPath, looksLikeHostPath, type HostPathKind } from './host-paths.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { isMapping, isTrue, serviceMounts, type Service } from './service-data.js';

export const HOSTILE_RULE_ID = 'RC-CO008';

const report = reporter(HOSTILE_RULE_ID, 'error');

/**
 * Settings that give a container power over the machine it runs on:
 * privileges, capabilities, host namespaces, devices, disabled confinement,
 * and mounts of the host's root, of the Docker socket or of host paths
 * outside the submission. One finding per setting, positioned at it.
 * The runtime checks use this before booting a submission.
 */
export function hostileSettings(input: ComposeInput): Finding[] {
  if (!input.usable) return [];
  const out: Finding[] = [];
  const add: Add = (path, message, hint) => out.push(report(locate(input, path), message, hint));
  const mount = (path: PathSegment[], owner: string, source: string) => {
    const kind = classifyHostPath(input.dir, source);
    if (kind !== 'inside') add(path, `${owner} ${mountWords(kind, source)}; ${mountFix(kind)}`, mountHint(kind, input));
  };
  for (const [name, service] of Object.entries(input.services)) {
    serviceSettings(name, service, add);
    for (const m of serviceMounts(service, ['services', name], looksLikeHostPath)) {
      if (m.kind === 'bind' && m.source !== undefined) mount(m.sourcePath, `service "${name}"`, m.source);
    }
  }
  // A named volume can bind a host path too: driver_opts {type: none, o: bind, device: <path>}.
  for (const [name, volume] of Object.entries(isMapping(input.data.volumes) ? input.data.volumes : {})) {
    const opts = isMapping(volume) && isMapping(volume.driver_opts) ? volume.driver_opts : {};
    if (typeof opts.device === 'string' && String(opts.o ?? '').split(',').includes('bind')) {
      mount(['volumes', name, 'driver_opts', 'device'], `volume "${name}"`, opts.device);
    }
  }
  return out;
}

type Add = (path: PathSegment[], message: string, hint: string) => void;

const NAMESPACES: Record<string, string> = {
  network_mode: "sharing the host's network: it bypasses the compose network and the port mappings",
  pid: "sharing the host's processes: it can see and signal every process of the machine",
  ipc: "sharing the host's IPC namespace (shared memory)",
  userns_mode: 'turning off user-namespace isolation: root in the container is root on the host',
};

function serviceSettings(name: string, s: Service, add: Add): void {
  const at = (...p: PathSegment[]) => ['services', name, ...p];
  const why = 'the api, client and database containers need no access to the host';
  if (isTrue(s.privileged)) {
    add(at('privileged'), `service "${name}" runs privileged, which gives the container full control of the host; remove privileged: true`, why);
  }
  if (Array.isArray(s.cap_add) && s.cap_add.length > 0) {
    add(at('cap_add'), `service "${name}" adds Linux capabilities (${s.cap_add.map(String).join(', ')}); remove cap_add`, why);
  }
  for (const [key, what] of Object.entries(NAMESPACES)) {
    if (s[key] === 'host') add(at(key), `service "${name}" sets ${key}: host, ${what}; remove it`, why);
  }
  if (Array.isArray(s.devices) && s.devices.length > 0) {
    add(at('devices'), `service "${name}" maps host devices into the container; remove devices`, why);
  }
  if (Array.isArray(s.security_opt)) {
    s.security_opt.forEach((opt, i) => {
      const o = String(opt);
      if (/unconfined|^label[:=]disable$/i.test(o)) {
        add(at('security_opt', i), `service "${name}" switches off a security confinement ("${o}"); remove this entry`, why);
      }
    });
  }
  if (isTrue(s.use_api_socket)) {
    add(at('use_api_socket'), `service "${name}" gets the host's Docker API socket (use_api_socket), so it can control the Docker engine; remove use_api_socket`, why);
  }
}

function mountWords(kind: HostPathKind, source: string): string {
  switch (kind) {
    case 'root':
      return `mounts the host's root filesystem ("${source}")`;
    case 'docker-socket':
      return `mounts the Docker socket ("${source}"): the container can control the host's Docker engine`;
    case 'variable':
      return `mounts a host path taken from a variable ("${source}")`;
    case 'climbs-out':
      return `mounts "${source}", which climbs out of the submission`;
    default:
      return `mounts the host path "${source}", outside the submission`;
  }
}

function mountFix(kind: HostPathKind): string {
  return kind === 'docker-socket' || kind === 'root' ? 'remove this mount' : 'mount a folder inside the project instead';
}

function mountHint(kind: HostPathKind, input: ComposeInput): string {
  const example = `./${input.profile.components.api.folderNames[0]}:/app`;
  return kind === 'docker-socket'
    ? 'nothing in the application needs to control Docker'
    : `mount only folders of the project, by a path relative to the compose file (e.g. ${example}), or use a named volume`;
}
