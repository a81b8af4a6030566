import { missingImageText, type ImageCheck } from '../../helpers/stack/images.js';
import type { AnyProfile as Profile } from '../profile/profile.js';

/** What `rock-check doctor` found out about the machine, before judging it. */
export interface MachineFacts {
  engine: { version: string; apiVersion: string; os: string; arch: string } | { error: string };
  /** The engine the docker CLI reaches (Compose runs through it). */
  cli: { serverVersion: string } | { error: string };
  compose: { version: string } | { error: string };
  /** From `docker info`: what the engine can enforce and has. */
  info?: { ncpu: number; memTotal: number; dockerRootDir: string; memoryLimit: boolean; swapLimit: boolean; pidsLimit: boolean; cpuCfsQuota: boolean };
  images: ImageCheck[];
  disk: { path: string; purpose: string; freeBytes?: number; error?: string; minBytes: number; wantBytes: number }[];
}

export interface DoctorItem {
  status: 'ok' | 'warn' | 'fail';
  title: string;
  detail: string;
  fix?: string;
}

/** The oldest engine API with what grading reads: pids in container stats, one-shot stats (Docker 20.10). */
export const MIN_API = '1.41';
const GiB = 1024 ** 3;

/** Judges the facts: one item per thing to check; `fail` ones must be fixed before grading. */
export function assess(facts: MachineFacts, profile: Profile): DoctorItem[] {
  return [engineItem(facts), cliItem(facts), composeItem(facts), ...facts.images.map(imageItem), ...facts.disk.map(diskItem), limitsItem(facts, profile)];
}

function engineItem({ engine }: MachineFacts): DoctorItem {
  if ('error' in engine) {
    return {
      status: 'fail',
      title: 'Docker engine',
      detail: `no Docker engine answers: ${engine.error}`,
      fix: 'start Docker (systemctl start docker, or Docker Desktop), or point DOCKER_HOST at a running engine',
    };
  }
  const detail = `${engine.version} (API ${engine.apiVersion}, ${engine.os}/${engine.arch})`;
  if (compareVersions(engine.apiVersion, MIN_API) < 0) {
    return { status: 'fail', title: 'Docker engine', detail: `${detail} is older than rock-check needs (API ${MIN_API}, Docker 20.10)`, fix: 'upgrade Docker to 20.10 or newer' };
  }
  return { status: 'ok', title: 'Docker engine', detail };
}

function cliItem({ cli, engine }: MachineFacts): DoctorItem {
  const title = 'docker CLI';
  if ('error' in cli) {
    return { status: 'fail', title, detail: `the docker command reaches no engine: ${cli.error}`, fix: 'install the Docker CLI, and check DOCKER_HOST and the current context (docker context ls)' };
  }
  if (!('error' in engine) && cli.serverVersion !== engine.version) {
    return { status: 'warn', title, detail: `reaches engine ${cli.serverVersion}, while the API client reaches ${engine.version}`, fix: 'make DOCKER_HOST and the current Docker context name the same engine' };
  }
  return { status: 'ok', title, detail: `reaches engine ${cli.serverVersion}` };
}

function composeItem({ compose }: MachineFacts): DoctorItem {
  if ('error' in compose) {
    return { status: 'fail', title: 'Docker Compose', detail: `docker compose does not answer: ${compose.error}`, fix: 'install Compose v2 (the docker-compose-plugin package, or Docker Desktop)' };
  }
  if (compareVersions(compose.version, '2.0.0') < 0) {
    return { status: 'fail', title: 'Docker Compose', detail: `${compose.version} is Compose v1`, fix: 'install Compose v2 (docker compose, the plugin)' };
  }
  return { status: 'ok', title: 'Docker Compose', detail: compose.version };
}

function imageItem(check: ImageCheck): DoctorItem {
  const title = `image ${check.image.ref}`;
  if (check.state !== 'missing') return { status: 'ok', title, detail: `${check.state}, for ${check.image.purpose}` };
  const { problem, provide } = missingImageText(check);
  return { status: 'fail', title, detail: problem, fix: provide };
}

function diskItem(d: MachineFacts['disk'][number]): DoctorItem {
  const title = `free disk for ${d.purpose}`;
  if (d.freeBytes === undefined) return { status: 'warn', title, detail: `${d.path}: cannot be checked here (${d.error ?? 'unknown'})` };
  const detail = `${formatBytes(d.freeBytes)} free in ${d.path}`;
  if (d.freeBytes < d.minBytes) return { status: 'fail', title, detail: `${detail}, less than the ${formatBytes(d.minBytes)} a grade needs`, fix: `free space in ${d.path} (docker system prune removes unused images and build cache)` };
  if (d.freeBytes < d.wantBytes) return { status: 'warn', title, detail: `${detail}; a class's builds want ${formatBytes(d.wantBytes)}`, fix: 'docker system prune between batches' };
  return { status: 'ok', title, detail };
}

function limitsItem({ info }: MachineFacts, profile: Profile): DoctorItem {
  const r = profile.runtime;
  const title = 'limits applied';
  const applied = `each container ${r.memoryMb} MiB memory (no swap), ${r.cpus} CPU, ${r.pids} processes; builds ≤ ${r.buildTimeoutSeconds} s, boot ≤ ${r.bootTimeoutSeconds} s, each HTTP check ≤ ${r.httpTimeoutSeconds} s`;
  if (!info) return { status: 'warn', title, detail: `${applied}; whether the engine enforces them cannot be checked without it` };
  const unenforced = [
    ...(info.memoryLimit ? [] : ['memory']),
    ...(info.pidsLimit ? [] : ['process']),
  ];
  if (unenforced.length > 0) {
    return {
      status: 'fail',
      title,
      detail: `${applied}; this engine cannot enforce the ${unenforced.join(' and ')} limit, so a submission could exhaust the machine`,
      fix: 'enable the memory and pids cgroup controllers (cgroup v2, or the kernel options cgroup_enable=memory), then restart Docker',
    };
  }
  const notes = [
    ...(info.swapLimit ? [] : ['swap is not limited (no swap accounting)']),
    ...(info.cpuCfsQuota ? [] : ['CPU is not limited (no CFS quota)']),
  ];
  // The database, the api and the client run at once, each up to the memory limit.
  const wantMemory = 3 * r.memoryMb * 1024 * 1024;
  if (info.memTotal < wantMemory) notes.push(`the engine has ${formatBytes(info.memTotal)} of memory, less than the three containers of a stack may use (${formatBytes(wantMemory)})`);
  if (info.ncpu < r.cpus) notes.push(`the engine has ${info.ncpu} CPU(s), fewer than one container may use (${r.cpus})`);
  const has = `the engine enforces them (${info.ncpu} CPUs, ${formatBytes(info.memTotal)} memory)`;
  if (notes.length > 0) return { status: 'warn', title, detail: `${applied}; ${notes.join('; ')}`, fix: 'lower runtime.memoryMb / runtime.cpus in the profile, or grade on a larger machine' };
  return { status: 'ok', title, detail: `${applied}; ${has}` };
}

/** Compares dotted versions numerically, ignoring suffixes ("2.26.1-4", "20.10.24+dfsg1"). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function formatBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  return `${Math.round(n / 1024 ** 2)} MiB`;
}
