import type { Finding } from '../../model/finding.js';
import type { PathSegment } from '../../parsers/yaml-source.js';
import { isCourseProfile, type AnyProfile } from '../../profile/profile.js';
import { classifyReference, looksLikeHostPath, type HostPathKind, type PathContext } from './host-paths.js';
import { composeDocuments, locateIn, type ComposeDocument } from './hostile-documents.js';
import { environmentSourceRefusals, linkRefusals } from './hostile-links.js';
import { outsideWords, pathReferences, referenceKind } from './hostile-paths.js';
import { reporter, type ComposeInput } from './input.js';
import { interpolate } from './interpolate.js';
import { isMapping, isTrue, serviceMounts, type Service } from './service-data.js';

export const HOSTILE_RULE_ID = 'RC-CO008';

const report = reporter(HOSTILE_RULE_ID, 'error');

const KEEP_INSIDE = "rock-check lets Docker read only the submission's own files, so nothing of the machine that grades reaches the build, the containers or the report";

/**
 * Settings that give a container power over the machine it runs on or make
 * Docker read from it: privileges, capabilities, host namespaces, devices,
 * disabled confinement, containers outside the stack, mounts of the host's
 * root, of the Docker socket or of host paths outside the submission, and
 * every other path setting (build context, Dockerfile, env_file, secret and
 * config files, include, extends...) that leads out of the submission. The
 * files the compose file includes or extends from are checked the same way,
 * each finding in the file that holds the setting. Paths are read after
 * Compose's substitution of `${VAR}` from the `.env` beside the compose file
 * (`variables`, by default that file's; the runtime adds what it passes
 * Compose). One finding per setting, positioned at it. The runtime checks
 * use this before booting a submission.
 */
export function hostileSettings(input: ComposeInput<AnyProfile>, variables: ReadonlyMap<string, string> = input.variables): Finding[] {
  if (!input.usable) return [];
  const ctx: PathContext = { files: input.files, variables };
  const { docs, unreadable } = composeDocuments(input, ctx);
  const stack = new Set(docs.filter((d) => d.joinsStack).flatMap((d) => Object.keys(isMapping(d.data.services) ? d.data.services : {})));
  const unchecked = unreadable.map(({ from, followed }) =>
    report(
      locateIn(from, followed.path),
      `${followed.joinsStack ? 'the compose file includes' : `service "${String(followed.path[1])}" extends a service of`} "${followed.written}", which cannot be read as compose data, so its settings cannot be checked; fix or remove it`,
      KEEP_INSIDE,
    ),
  );
  return [...docs.flatMap((doc) => documentFindings(doc, input, ctx, stack)), ...unchecked];
}

function documentFindings(doc: ComposeDocument, input: ComposeInput<AnyProfile>, ctx: PathContext, stack: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const add: Add = (path, message, hint) => out.push(report(locateIn(doc, path), message, hint));
  const mount = (path: PathSegment[], owner: string, source: string) => {
    const kind = classifyReference(doc.dir, source, ctx);
    if (kind !== 'inside') add(path, `${owner} ${mountWords(kind, source)}; ${mountFix(kind)}`, mountHint(kind, input));
  };
  const services = isMapping(doc.data.services) ? doc.data.services : {};
  for (const [name, service] of Object.entries(services)) {
    if (!isMapping(service)) continue;
    serviceSettings(name, service, add, isCourseProfile(input.profile) ? undefined : STACK_NEEDS_NO_HOST);
    linkRefusals(name, service, stack, add);
    for (const m of serviceMounts(withVolumesInterpolated(service, ctx.variables), ['services', name], looksLikeHostPath)) {
      if (m.kind === 'bind' && m.source !== undefined) mount(m.sourcePath, `service "${name}"`, m.source);
    }
  }
  // A named volume can bind a host path too: driver_opts {type: none, o: bind, device: <path>}.
  for (const [name, volume] of Object.entries(isMapping(doc.data.volumes) ? doc.data.volumes : {})) {
    const opts = isMapping(volume) && isMapping(volume.driver_opts) ? volume.driver_opts : {};
    if (typeof opts.device === 'string' && String(opts.o ?? '').split(',').includes('bind')) {
      mount(['volumes', name, 'driver_opts', 'device'], `volume "${name}"`, opts.device);
    }
  }
  environmentSourceRefusals(doc.data, add);
  for (const ref of pathReferences(doc, ctx)) {
    const kind = referenceKind(ref, ctx);
    if (kind !== 'inside') add(ref.path, `${ref.owner} ${ref.what} "${ref.written}", which ${outsideWords(kind)}; use a path inside the project, relative to the compose file`, KEEP_INSIDE);
  }
  return out;
}

/**
 * Compose substitutes variables in a short-syntax mount before splitting it
 * at ':', so `${DATA:-./data}:/data` mounts ./data. An item with a variable
 * that is not set stays as written and is refused as taken from a variable.
 */
function withVolumesInterpolated(service: Service, variables: ReadonlyMap<string, string>): Service {
  if (!Array.isArray(service.volumes)) return service;
  const volumes = service.volumes.map((v) => {
    if (typeof v !== 'string' || !v.includes('$')) return v;
    const r = interpolate(v, variables);
    return r.missing.length > 0 ? v : r.value;
  });
  return { ...service, volumes };
}

export type Add = (path: PathSegment[], message: string, hint: string) => void;

const NAMESPACES: Record<string, string> = {
  network_mode: "sharing the host's network: it bypasses the compose network and the port mappings",
  pid: "sharing the host's processes: it can see and signal every process of the machine",
  ipc: "sharing the host's IPC namespace (shared memory)",
  userns_mode: 'turning off user-namespace isolation: root in the container is root on the host',
  cgroup: "sharing the host's cgroup namespace: it sees the control groups of the whole machine",
  uts: "sharing the host's hostname (UTS namespace)",
};

const STACK_NEEDS_NO_HOST = 'no container of the stack needs access to the host';

export function serviceSettings(name: string, s: Service, add: Add, why = 'the api, client and database containers need no access to the host'): void {
  const at = (...p: PathSegment[]) => ['services', name, ...p];
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
  if (Array.isArray(s.device_cgroup_rules) && s.device_cgroup_rules.length > 0) {
    add(at('device_cgroup_rules'), `service "${name}" allows access to host devices (device_cgroup_rules); remove device_cgroup_rules`, why);
  }
  if (s.gpus !== undefined) add(at('gpus'), `service "${name}" takes the host's GPUs (gpus); remove gpus`, why);
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
    case 'link-out':
      return `mounts "${source}", a link that leads out of the submission`;
    default:
      return `mounts the host path "${source}", outside the submission`;
  }
}

function mountFix(kind: HostPathKind): string {
  return kind === 'docker-socket' || kind === 'root' ? 'remove this mount' : 'mount a folder inside the project instead';
}

function mountHint(kind: HostPathKind, input: ComposeInput<AnyProfile>): string {
  const example = isCourseProfile(input.profile) ? `./${input.profile.components.api.folderNames[0]}:/app` : './data:/data';
  return kind === 'docker-socket'
    ? 'nothing in the application needs to control Docker'
    : `mount only folders of the project, by a path relative to the compose file (e.g. ${example}), or use a named volume`;
}
