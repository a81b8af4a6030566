import type { Finding } from '../../src/model/finding.js';
import type { AnyProfile } from '../../src/profile/profile.js';
import { hostileSettings, type ComposeInput } from '../../src/rules/compose/index.js';
import { locate } from '../../src/rules/compose/input.js';
import { isMapping, isTrue } from '../../src/rules/compose/service-data.js';
import { runLabels } from '../../src/cleanup/labels.js';
import { limitsOf, SHM_SIZE_MB, ULIMITS } from './limits.js';

/**
 * The student's compose file with only what grading needs changed, to be
 * written next to a copy of the original:
 * - a project name unique to the run;
 * - `container_name` removed and kept as a network alias, so that the names
 *   the student's settings use still resolve and two gradings never collide;
 * - published host ports replaced by ephemeral ones chosen by Docker; the
 *   ports grading reaches are published when the file does not;
 * - fixed network and volume names dropped (scoped to the project instead);
 * - rock-check labels on services, built images, networks and volumes;
 * - memory, CPU, process, shared-memory and open-file limits in place of
 *   every limit of the student's, `restart: "no"` and a bounded log;
 * - built images tagged per run and no other tag, so no tag of the
 *   student's (or of an image on the machine) is overwritten.
 * Hostile settings are refused before anything starts: `variables` are what
 * Compose will substitute (the `.env` beside the file and the few variables
 * the run gives Compose, see composeVariables).
 */
export interface DerivedCompose {
  projectName: string;
  document: Record<string, unknown>;
  /** Non-empty: nothing may start. */
  refusals: Finding[];
  /** One line per change made, for the record. */
  changes: string[];
  /** Role -> the service that plays it. */
  roles: Partial<Record<string, string>>;
  /** Container port grading reaches for each role through its mapped host port. */
  rolePorts: Partial<Record<string, number>>;
  /** Names each service answers to on its networks: its service name, then aliases. */
  names: Record<string, string[]>;
  /** Services that build an image, with the tag the derived file gives it. */
  builtImages: Record<string, string>;
}

export const LOG_OPTIONS = { driver: 'json-file', options: { 'max-size': '5m', 'max-file': '2' } };

export function projectNameFor(runId: string): string {
  return `rock-check-${runId}`;
}

/** Which service plays each role and the port grading reaches it on; the criteria refusals belong to. */
export interface DeriveRoles {
  services: Record<string, string>;
  ports: Record<string, number>;
  /** Criterion of the refusals (RC-RT002 for Rock of Ages). */
  readyId: string;
  /** Criterion that reports the compose file's own errors (RC-CO001). */
  validId: string;
}

/** Rock of Ages' roles, as its compose rules found them. */
export function courseDeriveRoles(input: ComposeInput): DeriveRoles {
  const { database, components } = input.profile;
  const services = { ...input.roles } as Record<string, string>;
  const ports: Record<string, number> = {};
  if (services.database) ports.database = database.port;
  if (services.api) ports.api = components.api.port;
  if (services.client) ports.client = components.client.port;
  return { services, ports, readyId: 'RC-RT002', validId: 'RC-CO001' };
}

export function deriveCompose(
  input: ComposeInput<AnyProfile>,
  runId: string,
  variables: ReadonlyMap<string, string> = input.variables,
  roles: DeriveRoles = courseDeriveRoles(input as ComposeInput),
): DerivedCompose {
  const profile = input.profile;
  const projectName = projectNameFor(runId);
  const out: DerivedCompose = {
    projectName,
    document: {},
    refusals: [],
    changes: [],
    roles: roles.services,
    rolePorts: {},
    names: {},
    builtImages: {},
  };
  if (!input.usable) {
    out.refusals.push({
      ruleId: roles.readyId,
      severity: 'error',
      file: input.file,
      message: `${input.shown(input.file)} ${input.unreadable ?? 'cannot be read as a compose file'}, so the stack cannot be started from it`,
      hint: `fix the errors reported under ${roles.validId} first`,
    });
    return out;
  }
  out.refusals.push(
    ...hostileSettings(input, variables).map((f) => ({ ...f, ruleId: roles.readyId, message: `refused to start: ${f.message}` })),
    ...externalResources(input, roles.readyId),
  );

  const doc = structuredClone(input.data);
  const labels = runLabels(runId);
  const limits = limitsOf(profile);
  if (doc.name !== undefined && doc.name !== projectName) out.changes.push(`project name "${String(doc.name)}" replaced by "${projectName}"`);
  doc.name = projectName;

  const services = isMapping(doc.services) ? doc.services : {};
  const wantedPort: Record<string, number> = {};
  for (const [role, service] of Object.entries(roles.services)) if (roles.ports[role] !== undefined) wantedPort[service] = roles.ports[role];
  const usesDefault = new Set<string>();

  for (const [name, svc] of Object.entries(services)) {
    if (!isMapping(svc)) continue;
    const aliases: string[] = [];
    if (svc.container_name !== undefined) {
      const cn = String(svc.container_name);
      delete svc.container_name;
      if (cn !== name) aliases.push(cn);
      out.changes.push(`${name}: container_name "${cn}" removed, kept as a network alias`);
    }
    out.names[name] = [name, ...aliases];
    const joined = joinedNetworks(svc);
    if (joined) {
      if (joined.includes('default')) usesDefault.add(name);
      if (aliases.length > 0) svc.networks = withAliases(svc.networks, joined, aliases);
    }

    const role = Object.entries(roles.services).find(([, s]) => s === name)?.[0];
    const published = ephemeralPorts(svc.ports);
    if (published.changed) out.changes.push(`${name}: published host ports replaced by ephemeral ones`);
    const targets = published.ports.map(targetOf).filter((t): t is number => t !== undefined);
    if (wantedPort[name] !== undefined) {
      let port = targets.includes(wantedPort[name]) ? wantedPort[name] : targets[0];
      if (port === undefined) {
        port = wantedPort[name];
        published.ports.push(String(port));
        out.changes.push(`${name}: container port ${port} published on an ephemeral host port for grading`);
      }
      if (role) out.rolePorts[role] = port;
    }
    if (published.ports.length > 0) svc.ports = published.ports;

    svc.labels = mergeLabels(svc.labels, labels);
    if (svc.build !== undefined) {
      const build = typeof svc.build === 'string' ? { context: svc.build } : isMapping(svc.build) ? svc.build : {};
      build.labels = mergeLabels(build.labels, labels);
      if (build.tags !== undefined) out.changes.push(`${name}: extra image tags of the build dropped`);
      delete build.tags;
      for (const k of ['shm_size', 'ulimits']) delete build[k];
      svc.build = build;
      const tag = `${projectName}-${name}`.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
      if (svc.image !== undefined) out.changes.push(`${name}: built image tagged "${tag}" instead of "${String(svc.image)}"`);
      svc.image = tag;
      out.builtImages[name] = tag;
    }

    if (dropLimits(svc)) out.changes.push(`${name}: its own resource limits replaced by the grading limits`);
    svc.mem_limit = `${limits.memoryMb}m`;
    svc.memswap_limit = `${limits.memoryMb}m`;
    svc.cpus = limits.cpus;
    svc.pids_limit = limits.pids;
    svc.shm_size = `${SHM_SIZE_MB}m`;
    svc.ulimits = structuredClone(ULIMITS);
    if (svc.restart !== undefined && svc.restart !== 'no') out.changes.push(`${name}: restart "${String(svc.restart)}" replaced by "no"`);
    svc.restart = 'no';
    svc.logging = structuredClone(LOG_OPTIONS);
    if (dropForcedPulls(svc)) out.changes.push(`${name}: forced pulls dropped (images already on the machine are used)`);
  }

  doc.networks = labelResources(doc.networks, labels, 'network', out.changes);
  if (usesDefault.size > 0) {
    const nets = doc.networks as Record<string, unknown>;
    nets.default = { ...(isMapping(nets.default) ? nets.default : {}), labels: mergeLabels(isMapping(nets.default) ? nets.default.labels : undefined, labels) };
  }
  if (Object.keys(doc.networks as object).length === 0) delete doc.networks;
  doc.volumes = labelResources(doc.volumes, labels, 'volume', out.changes);
  if (Object.keys(doc.volumes as object).length === 0) delete doc.volumes;
  out.document = doc;
  return out;
}

/** Networks a service joins, or undefined when it uses a network_mode (no aliases possible). */
function joinedNetworks(svc: Record<string, unknown>): string[] | undefined {
  if (svc.network_mode !== undefined) return undefined;
  const n = svc.networks;
  if (Array.isArray(n)) return n.map(String);
  if (isMapping(n)) return Object.keys(n);
  return ['default'];
}

function withAliases(networks: unknown, joined: string[], aliases: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const net of joined) {
    const current = isMapping(networks) && isMapping(networks[net]) ? { ...networks[net] } : {};
    const existing = Array.isArray(current.aliases) ? current.aliases.map(String) : [];
    current.aliases = [...new Set([...existing, ...aliases])];
    out[net] = current;
  }
  return out;
}

/** Short and long port syntax with host ports and host addresses removed. */
export function ephemeralPorts(ports: unknown): { ports: unknown[]; changed: boolean } {
  if (!Array.isArray(ports)) return { ports: [], changed: false };
  let changed = false;
  const out = ports.map((p) => {
    if (typeof p === 'number') return String(p);
    if (typeof p === 'string') {
      const target = containerPart(p);
      if (target !== p) changed = true;
      return target;
    }
    if (isMapping(p)) {
      const q = { ...p };
      if (q.published !== undefined || q.host_ip !== undefined) changed = true;
      delete q.published;
      delete q.host_ip;
      return q;
    }
    return p;
  });
  return { ports: out, changed };
}

/** The container side of a short port mapping: what follows its last ':' outside `${...}`. */
function containerPart(spec: string): string {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '{') depth++;
    else if (spec[i] === '}') depth--;
    else if (spec[i] === ':' && depth === 0) last = i;
  }
  return last < 0 ? spec : spec.slice(last + 1);
}

function targetOf(p: unknown): number | undefined {
  if (isMapping(p)) return typeof p.target === 'number' ? p.target : Number.parseInt(String(p.target), 10) || undefined;
  const m = /^(\d+)(?:\/tcp)?$/.exec(String(p));
  return m ? Number(m[1]) : undefined;
}

export function mergeLabels(current: unknown, add: Record<string, string>): Record<string, string> | string[] {
  if (Array.isArray(current)) {
    const kept = current.map(String).filter((l) => !(l.split('=')[0] in add));
    return [...kept, ...Object.entries(add).map(([k, v]) => `${k}=${v}`)];
  }
  const base = isMapping(current) ? Object.fromEntries(Object.entries(current).map(([k, v]) => [k, String(v ?? '')])) : {};
  return { ...base, ...add };
}

/** Every setting by which a service sets its own resources; rock-check's limits replace them all. */
export const OWN_LIMITS = [
  'mem_limit', 'memswap_limit', 'mem_reservation', 'mem_swappiness', 'oom_kill_disable', 'oom_score_adj',
  'cpus', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpu_rt_runtime', 'cpu_rt_period', 'cpuset',
  'pids_limit', 'shm_size', 'ulimits', 'blkio_config', 'storage_opt', 'cgroup_parent',
];

/**
 * `pull_policy: always` (or daily, weekly, every_*) and `build.pull: true`
 * make Compose pull an image it already has: a grade that fails on a
 * machine that reaches no registry, or is at its pull rate limit. Images
 * present are used as they are; missing ones are still pulled.
 */
function dropForcedPulls(svc: Record<string, unknown>): boolean {
  let had = false;
  if (typeof svc.pull_policy === 'string' && /^(always|daily|weekly|every_.*)$/.test(svc.pull_policy)) {
    svc.pull_policy = 'missing';
    had = true;
  }
  if (isMapping(svc.build) && svc.build.pull !== undefined && svc.build.pull !== false) {
    delete svc.build.pull;
    had = true;
  }
  return had;
}

function dropLimits(svc: Record<string, unknown>): boolean {
  let had = false;
  for (const k of OWN_LIMITS) {
    if (svc[k] !== undefined) {
      had = true;
      delete svc[k];
    }
  }
  const deploy = svc.deploy;
  if (isMapping(deploy) && isMapping(deploy.resources)) {
    had = true;
    delete deploy.resources;
  }
  return had;
}

function labelResources(section: unknown, labels: Record<string, string>, kind: string, changes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMapping(section)) return out;
  for (const [key, def] of Object.entries(section)) {
    const d = isMapping(def) ? { ...def } : {};
    if (d.name !== undefined) {
      changes.push(`${kind} ${key}: fixed name "${String(d.name)}" dropped (scoped to the run's project)`);
      delete d.name;
    }
    d.labels = mergeLabels(d.labels, labels);
    out[key] = d;
  }
  return out;
}

/** External networks and volumes: they must exist before the stack, so the stack cannot start on its own. */
function externalResources(input: ComposeInput<AnyProfile>, ruleId: string): Finding[] {
  const findings: Finding[] = [];
  for (const kind of ['networks', 'volumes'] as const) {
    const section = input.data[kind];
    if (!isMapping(section)) continue;
    for (const [key, def] of Object.entries(section)) {
      if (!isMapping(def) || !(isTrue(def.external) || isMapping(def.external))) continue;
      const what = kind.slice(0, -1);
      findings.push({
        ruleId,
        severity: 'error',
        ...locate(input, [kind, key, 'external'], true),
        message: `refused to start: ${what} "${key}" is external, so it must exist before the stack starts; rock-check creates every ${what} of a run itself`,
        hint: `remove "external: true" and let Compose create the ${what}`,
      });
    }
  }
  return findings;
}
