import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Submission } from '../../model/submission.js';
import { looksLikeHostPath, resolveInside } from '../../rules/compose/host-paths.js';
import { composeInput, type ComposeInput } from '../../rules/compose/input.js';
import { imageRepository } from '../../rules/compose/roles.js';
import { buildContext, environmentEntries, isMapping, scalarText, serviceMounts, type Service } from '../../rules/compose/service-data.js';
import { commandForm } from '../../rules/dockerfile/command.js';
import { simpleCommands } from '../../rules/dockerfile/shell.js';
import { finalImageInstructions, stagesOf } from '../../rules/dockerfile/stages.js';
import { portEntries } from '../../rules/roles/compose/port-specs.js';
import type { RoleProfile } from '../profile.js';
import { urlAuthority } from '../../rules/compose/url-authority.js';

/** What the reference's compose file says of one service, as profile init reads it. */
export interface ReferenceService {
  name: string;
  /** Image repository (`redis`), for a service that runs an image rather than building one. */
  image?: string;
  /** The image as written (`redis:7`). */
  imageRef?: string;
  /** Folder it is built from, relative to the reference's root ('' for the top). */
  folder?: string;
  /** Container ports published over TCP. */
  published: number[];
  /** Container ports declared without publishing them: `expose:`, then the Dockerfile's EXPOSE. */
  exposed: number[];
  /** Ports the final image of its Dockerfile EXPOSEs. */
  imageExposes: number[];
  /** Its Dockerfile parsed with a FROM: the Dockerfile checks can judge it. */
  hasDockerfile: boolean;
  /** Container paths holding a named volume. */
  dataPaths: string[];
  /** The words of `command:` (a string split as Compose splits it). */
  command: string[];
  /** Networks it joins (`default` when it lists none); undefined when network_mode takes it off them. */
  networks?: string[];
  /** Services it names: in an environment value, under depends_on or links. */
  reaches: string[];
  /** The final image's CMD as Docker runs it (a shell form as `/bin/sh -c …`), for a built service. */
  dockerCommand?: string[];
  /** The program its compose healthcheck runs (`pg_isready`), when it has one. */
  healthcheck?: string;
  /** Its Dockerfile has a HEALTHCHECK. */
  imageHealthcheck: boolean;
  /** Its Dockerfile's final image names a USER. */
  imageUser: boolean;
  /** The image's tag is pinned (not latest, not absent). */
  pinned: boolean;
  /** Services it waits for under depends_on with condition: service_healthy. */
  waitsHealthy: string[];
  /** Services under its depends_on, whatever the condition. */
  dependsOn: string[];
  /** Environment keys whose value names each other service, by service. */
  envNames: Record<string, string[]>;
  /** The port a URL in its environment gives for each other service it names (`db:5433` of postgresql://u:p@db:5433/x). */
  urlPorts: Record<string, number>;
}

/** The reference's compose file read as data; a file that is not usable yields no services. */
export function referenceCompose(sub: Submission): ComposeInput<RoleProfile> {
  return composeInput(sub, readerProfile);
}

export function referenceServices(sub: Submission, compose: ComposeInput<RoleProfile>): ReferenceService[] {
  const names = Object.keys(compose.services);
  return names.map((name) => readService(name, compose.services[name], names, compose, sub));
}

/** A profile of no roles: the compose file is read without looking for any. */
const readerProfile: RoleProfile = {
  kind: 'roles',
  id: 'reference',
  name: 'reference solution',
  version: 1,
  stack: { roles: {}, layouts: ['compose'] },
  runtime: { buildTimeoutSeconds: 1, bootTimeoutSeconds: 1, httpTimeoutSeconds: 1, memoryMb: 64, cpus: 1, pids: 16, probeImage: 'busybox' },
  criteria: [],
};

function readService(name: string, s: Service, all: string[], compose: ComposeInput<RoleProfile>, sub: Submission): ReferenceService {
  const base = ['services', name];
  const context = buildContext(s);
  const folder = context === undefined ? undefined : resolveInside(compose.dir, context);
  const imageRef = folder === undefined && typeof s.image === 'string' ? s.image : undefined;
  const dockerfile = folder === undefined ? undefined : finalInstructions(sub, folder, s);
  const published = unique(portEntries(s, base, compose.variables).flatMap((p) => p.tcp ?? []));
  const exposedInCompose = Array.isArray(s.expose) ? s.expose.flatMap((e) => portsOf(scalarText(e))) : [];
  const exposedInImage = (dockerfile ?? []).filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().flatMap((a) => portsOf(a.getValue())));
  const dataPaths = serviceMounts(s, base, looksLikeHostPath)
    .filter((m) => m.kind === 'volume' && m.target !== undefined && m.target.startsWith('/'))
    .map((m) => m.target!);
  const cmd = [...(dockerfile ?? [])].reverse().find((i) => i.getKeyword() === 'CMD');
  const form = cmd && commandForm(cmd);
  const networks = networksOf(s);
  return {
    name,
    ...(imageRef !== undefined ? { image: imageRepository(imageRef), imageRef } : {}),
    ...(folder !== undefined ? { folder } : {}),
    published,
    exposed: unique([...exposedInCompose, ...exposedInImage]),
    imageExposes: unique(exposedInImage),
    hasDockerfile: dockerfile !== undefined && dockerfile.length > 0,
    dataPaths: unique(dataPaths),
    command: commandWords(s.command),
    ...(networks ? { networks } : {}),
    reaches: unique([...namedInEnvironment(s, base, name, all), ...listedNames(s.depends_on), ...linkedNames(s.links)]).filter((n) => n !== name && all.includes(n)),
    ...(form ? { dockerCommand: form.argv } : {}),
    ...(healthcheckProgram(s.healthcheck) ? { healthcheck: healthcheckProgram(s.healthcheck) } : {}),
    imageHealthcheck: (dockerfile ?? []).some((i) => i.getKeyword() === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(i.getArgumentsContent() ?? '')),
    imageUser: (dockerfile ?? []).some((i) => i.getKeyword() === 'USER'),
    pinned: imageRef !== undefined && isPinned(imageRef),
    waitsHealthy: healthyDeps(s.depends_on).filter((n) => all.includes(n)),
    dependsOn: listedNames(s.depends_on).filter((n) => all.includes(n)),
    envNames: envKeysNaming(s, base, name, all),
    urlPorts: urlPortsNamed(s, base, name, all),
  };
}

/** The final image's instructions of a built service's Dockerfile, when it parses. */
function finalInstructions(sub: Submission, folder: string, s: Service): Instruction[] | undefined {
  const build = isMapping(s.build) ? s.build : {};
  const path = resolveInside(folder, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
  const text = path === undefined ? undefined : sub.files[path]?.text;
  if (text === undefined) return undefined;
  return finalImageInstructions(stagesOf(DockerfileParser.parse(text)));
}

/** `80`, `80/tcp`, `8000-8001` as TCP ports; a udp port or a variable gives none. */
function portsOf(spec: string | undefined): number[] {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/tcp)?$/i.exec(spec?.trim() ?? '');
  if (!m) return [];
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to >= from && to - from <= 10 ? Array.from({ length: to - from + 1 }, (_, k) => from + k) : [];
}

function commandWords(value: unknown): string[] {
  const argv = Array.isArray(value)
    ? value.map((w) => scalarText(w) ?? '')
    : typeof value === 'string'
      ? simpleCommands(value).flatMap((c) => c.argv)
      : [];
  return argv.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
}

function networksOf(s: Service): string[] | undefined {
  if (s.network_mode !== undefined) return undefined;
  if (Array.isArray(s.networks)) return s.networks.filter((n): n is string => typeof n === 'string');
  if (isMapping(s.networks)) return Object.keys(s.networks);
  return ['default'];
}

/** Services an environment value names as a host: `REDIS_HOST=redis`, `redis://redis:6379/0`, `http://api:8000/`. */
function namedInEnvironment(s: Service, base: (string | number)[], self: string, all: string[]): string[] {
  return environmentEntries(s, base).flatMap((e) => all.filter((other) => other !== self && namesHost(e.key, e.value ?? '', other)));
}

/**
 * Whether an environment value names a service as the host to reach: the
 * host of a URL, or the value of a key that holds one (DB_HOST, API_URL); a
 * user or database name that happens to equal it (POSTGRES_DB=postgres) does not.
 */
function namesHost(key: string, value: string, service: string): boolean {
  const url = urlAuthority(value);
  if (url) return url.host === service;
  return /HOST|URL|URI|ADDR|SERVER|ENDPOINT/i.test(key) && value.split(/[^A-Za-z0-9_.-]+/).includes(service);
}

/** The program a compose healthcheck's test runs: `pg_isready` of ["CMD-SHELL", "pg_isready -U app"]. */
function healthcheckProgram(h: unknown): string | undefined {
  if (!isMapping(h) || h.disable === true) return undefined;
  const test = h.test;
  const words = Array.isArray(test)
    ? test[0] === 'CMD-SHELL'
      ? simpleCommands(String(test[1] ?? '')).flatMap((c) => c.argv)
      : test[0] === 'CMD'
        ? test.slice(1).map(String)
        : []
    : typeof test === 'string'
      ? simpleCommands(test).flatMap((c) => c.argv)
      : [];
  const program = words[0];
  return program !== undefined && /^\S+$/.test(program) && program !== 'NONE' ? program : undefined;
}

/** `redis:7`, `postgres@sha256:…` are pinned; `redis`, `redis:latest` are not. */
function isPinned(ref: string): boolean {
  if (ref.includes('@')) return true;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash && ref.slice(colon + 1) !== 'latest';
}

function healthyDeps(v: unknown): string[] {
  return isMapping(v) ? Object.entries(v).filter(([, d]) => isMapping(d) && d.condition === 'service_healthy').map(([n]) => n) : [];
}

/** The environment keys whose value names another service, by that service. */
function envKeysNaming(s: Service, base: (string | number)[], self: string, all: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of environmentEntries(s, base)) {
    for (const other of all) if (other !== self && namesHost(e.key, e.value ?? '', other) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.key)) (out[other] ??= []).push(e.key);
  }
  return out;
}

function urlPortsNamed(s: Service, base: (string | number)[], self: string, all: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of environmentEntries(s, base)) {
    const url = urlAuthority(e.value ?? '');
    if (url?.port !== undefined && url.host !== self && all.includes(url.host)) out[url.host] ??= url.port;
  }
  return out;
}

function listedNames(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((n): n is string => typeof n === 'string');
  return isMapping(v) ? Object.keys(v) : [];
}

/** `links: [redis, "db:database"]`: the service part. */
function linkedNames(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string').map((n) => n.split(':')[0]) : [];
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** The files of a built service's folder, by name, one level (for its marker files). */
export function folderFiles(sub: Submission, folder: string): Set<string> {
  const prefix = folder === '' ? '' : `${folder}/`;
  return new Set(
    Object.keys(sub.files)
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length)),
  );
}
