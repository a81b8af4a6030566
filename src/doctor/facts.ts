import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type Dockerode from 'dockerode';
import { run } from '../../helpers/stack/compose-cli.js';
import { preflightImages } from '../../helpers/stack/images.js';
import type { Submission } from '../model/submission.js';
import type { AnyProfile as Profile } from '../profile/profile.js';
import type { MachineFacts } from './assess.js';

const GiB = 1024 ** 3;

/**
 * Reads what the doctor judges: the engine and Compose versions, what the
 * engine can enforce, every image the profile (and the submission, when one
 * is given) needs, pulling the missing ones as a grade would, and the free
 * disk where images and the submission's temporary copy go. `docker` is
 * undefined (or rejects) when no engine answers.
 */
export async function machineFacts(docker: () => Promise<Dockerode>, profile: Profile, submission?: Submission): Promise<MachineFacts> {
  const facts: MachineFacts = { engine: { error: 'not checked' }, cli: await cliServer(), compose: await composeVersion(), images: [], disk: [] };
  let client: Dockerode | undefined;
  try {
    client = await docker();
    const v = await client.version();
    facts.engine = { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  } catch (e) {
    facts.engine = { error: firstLine(e) };
  }
  if (client && !('error' in facts.engine)) {
    const i = await client.info();
    facts.info = {
      ncpu: i.NCPU,
      memTotal: i.MemTotal,
      dockerRootDir: i.DockerRootDir,
      memoryLimit: i.MemoryLimit !== false,
      swapLimit: i.SwapLimit !== false,
      pidsLimit: i.PidsLimit !== false,
      cpuCfsQuota: i.CpuCfsQuota !== false,
    };
    facts.images = (await preflightImages(client, submission, profile)).checks;
    facts.disk.push(await freeDisk(i.DockerRootDir, "Docker's images and build cache", 2 * GiB, 10 * GiB));
  }
  facts.disk.push(await freeDisk(tmpdir(), "the submissions' temporary copies", 512 * 1024 ** 2, 2 * GiB));
  return facts;
}

/** The engine the docker CLI (and so Compose) reaches: DOCKER_HOST, the current Docker context. */
async function cliServer(): Promise<MachineFacts['cli']> {
  try {
    const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30_000 });
    const out = r.output.trim();
    return r.code === 0 && out !== '' ? { serverVersion: out } : { error: out.split('\n').pop() || `exit code ${r.code}` };
  } catch (e) {
    return { error: firstLine(e) };
  }
}

async function composeVersion(): Promise<MachineFacts['compose']> {
  try {
    const r = await run('docker', ['compose', 'version', '--short'], { timeoutMs: 30_000 });
    const out = r.output.trim();
    if (r.code === 0 && /^v?\d+\.\d+/.test(out)) return { version: out.replace(/^v/, '') };
    return { error: out.split('\n')[0] || `exit code ${r.code}` };
  } catch (e) {
    return { error: firstLine(e) };
  }
}

/** Free bytes for an unprivileged writer; a path that is not on this machine (a remote engine's) cannot be checked. */
async function freeDisk(path: string, purpose: string, minBytes: number, wantBytes: number): Promise<MachineFacts['disk'][number]> {
  try {
    const s = await statfs(path);
    return { path, purpose, freeBytes: s.bavail * s.bsize, minBytes, wantBytes };
  } catch (e) {
    return { path, purpose, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not on this machine (a remote engine?)' : firstLine(e), minBytes, wantBytes };
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].slice(0, 300);
}
