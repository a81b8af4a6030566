import { basename, commandsOf } from '../../rules/dockerfile/command.js';
import { parseRequirementsTxt } from '../../parsers/requirements-txt.js';
import type { Step } from '../../scenario/types.js';
import type { Criterion, Level } from '../profile.js';
import type { DraftRole } from './draft-roles.js';
import { persistenceSteps } from './persistence-steps.js';

/** A drafted criterion, with what the draft says above it. */
export interface DraftCriterion {
  criterion: Omit<Criterion, 'id'>;
  /** Steps of a `scenario` criterion. */
  scenario?: { phase: string; steps: Step[] };
  note?: string;
}

export interface ReferenceText {
  /** The text of a file of the reference, by its path. */
  text(path: string): string | undefined;
  has(folder: string, file: string): boolean;
}

const points: Record<Level, number> = { required: 2, advice: 1 };
const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

function criterion(area: string, level: Level, title: string, check: string, params?: Record<string, unknown>, layouts?: 'compose'): Omit<Criterion, 'id'> {
  return { area, level, points: points[level], title, check, ...(params ? { params } : {}), ...(layouts ? { layouts: [layouts] } : {}) };
}

/** Each built role's Dockerfile and the packages its requirements.txt declares. */
export function imageCriteria(roles: DraftRole[], ref: ReferenceText): DraftCriterion[] {
  return roles.flatMap(({ role, service: s, spec }) => {
    if (s.folder === undefined || !s.hasDockerfile) return [];
    const out: DraftCriterion[] = [{ criterion: criterion('dockerfile', 'required', `The ${role} Dockerfile is present and parseable`, 'dockerfile/present-and-parseable', { role }) }];
    const ports = spec.port !== undefined && s.imageExposes.includes(spec.port) ? [spec.port] : s.imageExposes;
    if (ports.length > 0) out.push({ criterion: criterion('dockerfile', 'required', `The ${role} image exposes port ${ports.join(', ')}`, 'image/exposes', { role, ports }) });
    const file = commandFile(s.dockerCommand ?? [], (f) => ref.has(s.folder!, f));
    if (file) out.push({ criterion: criterion('dockerfile', 'required', `The ${role} image runs ${file}`, 'image/command-runs', { role, file }) });
    if (s.imageUser) out.push({ criterion: criterion('dockerfile', 'required', `The ${role} image runs as a user other than root`, 'image/non-root-user', { role }) });
    if (s.imageHealthcheck || s.healthcheck) out.push({ criterion: criterion('dockerfile', 'required', `The ${role} healthcheck's command exists in its image`, 'image/healthcheck-runs', { role }) });
    out.push(
      { criterion: criterion('dockerfile', 'advice', `The ${role} base image is supported and pinned to a tag`, 'dockerfile/base-image-supported', { role }) },
      { criterion: criterion('dockerfile', 'advice', `The ${role} Dockerfile copies local files with COPY, not ADD`, 'dockerfile/copy-not-add', { role }) },
      { criterion: criterion('dockerfile', 'advice', `The ${role} dependencies are installed before its source is copied`, 'dockerfile/dependencies-before-source', { role }) },
    );
    const path = s.folder === '' ? 'requirements.txt' : `${s.folder}/requirements.txt`;
    const text = ref.text(path);
    const packages = text === undefined ? [] : [...new Set(parseRequirementsTxt(path, text).requirements.map((r) => r.name))];
    if (packages.length > 0) {
      out.push({ criterion: criterion('config', 'required', `The ${role} requirements.txt declares ${listed(packages)}`, 'python/requirements', { role, packages }) });
    }
    return out;
  });
}

/** The Python file the image's command runs (`python app.py`), when it is a file of the role's folder. */
function commandFile(argv: string[], inFolder: (file: string) => boolean): string | undefined {
  for (const cmd of commandsOf(argv)) {
    const file = cmd.map(basename).find((w) => w.endsWith('.py') && inFolder(w));
    if (file) return file;
  }
  return undefined;
}

/** The compose file: valid, safe, every role a service, its ports, networks, commands and data. */
export function composeCriteria(roles: DraftRole[]): DraftCriterion[] {
  const names = roles.map((r) => r.role);
  const published = Object.fromEntries(roles.filter((r) => r.service.published.length > 0).map((r) => [r.role, r.service.published]));
  const privateRoles = roles.filter((r) => r.service.published.length === 0).map((r) => r.role);
  const portsTitle = privateRoles.length === 0 ? `${listed(Object.keys(published))} publish their ports` : Object.keys(published).length === 0 ? 'No role publishes a port' : `Only ${listed(Object.keys(published))} publish${Object.keys(published).length > 1 ? '' : 'es'} a port; ${listed(privateRoles)} stay${privateRoles.length > 1 ? '' : 's'} private`;
  const out: DraftCriterion[] = [
    { criterion: criterion('compose', 'required', 'The compose file is valid against the Compose Specification', 'compose/valid', undefined, 'compose') },
    { criterion: criterion('compose', 'required', `Every role is a service: ${rolesTitle(roles)}`, 'compose/roles-present', { roles: names }, 'compose') },
    {
      criterion: criterion('compose', 'required', portsTitle, 'compose/published-ports', { ...(Object.keys(published).length > 0 ? { published } : {}), ...(privateRoles.length > 0 ? { private: privateRoles } : {}) }, 'compose'),
    },
  ];
  const roleOf = new Map(roles.map((r) => [r.service.name, r.role]));
  const rolesOf = (services: string[]) => services.map((n) => roleOf.get(n)).filter((r): r is string => r !== undefined);
  for (const { role, service } of roles) {
    if (service.image === undefined) continue;
    const params = { role, image: service.image, ...(service.pinned ? { pinned: true } : {}) };
    out.push({ criterion: criterion('compose', 'required', `${role} runs the ${service.image} image${service.pinned ? ', pinned to a tag' : ''}`, 'compose/image-tag', params, 'compose') });
  }
  for (const { role } of roles.filter((r) => r.service.published.length > 0)) {
    out.push({ criterion: criterion('compose', 'required', `The port ${role} publishes is one it listens on`, 'compose/published-port-listens', { role }, 'compose') });
  }
  for (const { role, service } of roles.filter((r) => r.service.healthcheck !== undefined)) {
    out.push({ criterion: criterion('compose', 'required', `${role} has a healthcheck running ${service.healthcheck}`, 'compose/healthcheck', { role, command: [service.healthcheck!] }, 'compose') });
  }
  for (const { role, service } of roles) {
    const healthy = rolesOf(service.waitsHealthy);
    const started = rolesOf(service.dependsOn.filter((n) => !service.waitsHealthy.includes(n)));
    if (healthy.length > 0) out.push({ criterion: criterion('compose', 'required', `${role} waits for ${listed(healthy)} to be healthy`, 'compose/waits-healthy', { role, on: healthy }, 'compose') });
    if (started.length > 0) out.push({ criterion: criterion('compose', 'required', `${role} starts after ${listed(started)}`, 'compose/depends-on', { role, on: started }, 'compose') });
    for (const [other, keys] of Object.entries(service.envNames)) {
      const target = roleOf.get(other);
      if (target !== undefined) out.push({ criterion: criterion('compose', 'required', `${role} finds ${target} by its name (${listed(keys, 'or')})`, 'compose/env-names-role', { role, keys, names: target }, 'compose') });
    }
  }
  for (const group of networkGroups(roles)) {
    out.push({ criterion: criterion('compose', 'required', `${listed(group)} share a user-defined network`, 'compose/shared-network', { roles: group }, 'compose') });
  }
  for (const { role, service } of roles) {
    const args = commandOptions(service.command);
    if (args) out.push({ criterion: criterion('compose', 'required', `${role} runs with ${args.join(' ')}`, 'compose/command-args', { role, args }, 'compose') });
  }
  for (const { role, service } of roles) {
    for (const path of service.dataPaths) {
      out.push({ criterion: criterion('compose', 'required', `${role} keeps ${path} on a volume or a mounted folder`, 'compose/data-mount', { role, path, types: ['volume', 'bind'] }, 'compose') });
    }
  }
  out.push(
    { criterion: criterion('compose', 'required', 'No privileged or host-reaching settings', 'compose/host-safety', undefined, 'compose') },
    { criterion: criterion('compose', 'advice', 'No obsolete top-level version', 'compose/obsolete-version', undefined, 'compose') },
  );
  return out;
}

function rolesTitle(roles: DraftRole[]): string {
  return roles.map((r) => (r.service.image !== undefined ? `${r.role} runs the ${r.service.image} image` : `${r.role} is built from its folder`)).join(', ');
}

/** `--appendonly yes` of `redis-server --appendonly yes`: from the first option on (`--` alone ends npm's own); none for a shell script or a variable. */
function commandOptions(words: string[]): string[] | undefined {
  if (words.length === 0 || shells.has(basename(words[0])) || words.some((w) => w.includes('$'))) return undefined;
  const first = words.findIndex((w) => w.startsWith('-') && w !== '--');
  return first < 0 ? undefined : words.slice(first);
}

/**
 * Roles that reach each other by name share a network: every role at once
 * when they all share one, else each pair that names the other.
 */
function networkGroups(roles: DraftRole[]): string[][] {
  const on = roles.filter((r) => r.service.networks !== undefined);
  const common = on.map((r) => r.service.networks!).reduce<string[] | undefined>((a, b) => (a === undefined ? b : a.filter((n) => b.includes(n))), undefined);
  if (on.length >= 2 && on.length === roles.length && common && common.length > 0) return [on.map((r) => r.role)];
  return edges(roles)
    .filter(([a, b]) => a.service.networks?.some((n) => b.service.networks?.includes(n)))
    .map(([a, b]) => [a.role, b.role]);
}

/** Each role and a role whose service it names (environment, depends_on, links), once per pair. */
export function edges(roles: DraftRole[]): [DraftRole, DraftRole][] {
  const byService = new Map(roles.map((r) => [r.service.name, r]));
  return roles.flatMap((from) => from.service.reaches.map((name) => [from, byService.get(name)] as [DraftRole, DraftRole | undefined])).filter((e): e is [DraftRole, DraftRole] => e[1] !== undefined);
}

export const phases = { app: 'app', network: 'network', persistence: 'persistence' } as const;

/** What can be checked on the running stack without guessing the assignment's routes and rows. */
export function runtimeCriteria(roles: DraftRole[]): DraftCriterion[] {
  const out: DraftCriterion[] = [];
  if (roles.some((r) => r.service.folder !== undefined)) out.push({ criterion: criterion('runtime', 'required', "The images build from the student's Dockerfiles", 'runtime/images-build') });
  out.push({ criterion: criterion('runtime', 'required', `${listed(roles.map((r) => r.role))} start and become ready`, 'runtime/stack-ready') });
  for (const { role, spec } of roles.filter((r) => r.http)) {
    out.push({
      criterion: criterion('runtime', 'required', `${role} answers a request for / on port ${spec.port}`, 'scenario'),
      scenario: { phase: phases.app, steps: [{ http: { role, path: '/' }, expect: { status: ['2xx', '3xx', '4xx'] } }] },
      note: `Add what ${role} must answer: the status (status: 200), its text (text: [{ contains: ... }]) or JSON (json: [{ path: $.items, count: { gte: 1 } }]); and a criterion for each route the assignment asks for, with the payloads it sends (POST with json:) and the rows it expects back.`,
    });
  }
  for (const [from, to] of edges(roles)) {
    const port = from.service.urlPorts[to.service.name] ?? to.spec.port;
    out.push({
      criterion: criterion('runtime', 'required', `Inside ${from.role}, the name of ${to.role} reaches it${port !== undefined ? ` on port ${port}` : ''}`, 'scenario'),
      scenario: { phase: phases.network, steps: [{ connect: { from: from.role, to: to.role, ...(port !== undefined ? { port } : {}) } }] },
    });
  }
  out.push({
    criterion: criterion('runtime', 'required', 'Containers outside the network cannot resolve the stack', 'scenario'),
    scenario: { phase: phases.network, steps: [{ isolation: {} }] },
  });
  for (const r of roles) {
    const path = r.service.dataPaths.find((p) => persistenceSteps(r, p) !== undefined);
    if (path === undefined) continue;
    out.push({
      criterion: criterion('runtime', 'required', `${r.role} keeps its data in ${path} when its container is recreated`, 'scenario', undefined, 'compose'),
      scenario: { phase: phases.persistence, steps: persistenceSteps(r, path)! },
    });
  }
  return out;
}

/** `web`, `web and redis`, `web, api and db` (or `web, api or db`). */
export function listed(xs: string[], word: 'and' | 'or' = 'and'): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${word} ${xs[xs.length - 1]}`;
}
