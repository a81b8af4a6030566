import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { dockerClient } from './docker-client.js';
import { labelFilter } from './labels.js';

export interface CleanOptions {
  /** Only the objects of this run; all rock-check objects when absent. */
  runId?: string;
  /** Leave labelled images in place (`--keep-images`). */
  keepImages?: boolean;
  /** Where the run's private copies are; the system's temp folder by default. */
  tempDir?: string;
}

export class CleanupError extends Error {
  constructor(
    readonly removed: string[],
    readonly failures: string[],
  ) {
    super(`could not remove ${failures.length} Docker object(s) left by rock-check:\n${failures.join('\n')}`);
  }
}

/**
 * Removes every container, network, volume and image labelled by rock-check
 * (or by one run), in the order Docker needs: containers first (with their
 * anonymous volumes), then networks, volumes and images. Returns what was
 * removed, one line each; throws CleanupError listing what could not be.
 */
export async function cleanAll(docker?: Dockerode, opts: CleanOptions = {}): Promise<string[]> {
  const d = docker ?? (await dockerClient());
  const filters = JSON.stringify({ label: labelFilter(opts.runId) });
  const removed: string[] = [];
  const failures: string[] = [];
  const attempt = async (what: string, remove: () => Promise<unknown>) => {
    try {
      await remove();
      removed.push(what);
    } catch (e) {
      if (statusOf(e) === 404) return;
      failures.push(`${what}: ${firstLine(e)}`);
    }
  };

  const containers = await d.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((c) =>
      attempt(`container ${c.Id.slice(0, 12)} ${c.Names[0]?.replace(/^\//, '') ?? ''}`.trim(), () =>
        d.getContainer(c.Id).remove({ force: true, v: true }),
      ),
    ),
  );
  for (const n of await d.listNetworks({ filters })) {
    await attempt(`network ${n.Name}`, () => d.getNetwork(n.Id).remove());
  }
  const { Volumes } = await d.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    await attempt(`volume ${v.Name}`, () => d.getVolume(v.Name).remove());
  }
  if (!opts.keepImages) {
    for (const img of await d.listImages({ filters })) {
      const name = img.RepoTags?.find((t) => t !== '<none>:<none>') ?? img.Id.replace(/^sha256:/, '').slice(0, 12);
      await attempt(`image ${name}`, () => d.getImage(img.Id).remove({ force: true }));
    }
  }
  if (opts.runId !== undefined) {
    for (const folder of await runFolders(opts.runId, opts.tempDir ?? tmpdir())) {
      await attempt(`folder ${folder}`, () => rm(folder, { recursive: true, force: true, maxRetries: 3 }));
    }
  }
  if (failures.length > 0) throw new CleanupError(removed, failures);
  return removed;
}

/** The private copies a run makes (`rock-check-<run>-XXXXXX` in the temp folder), which a killed run leaves behind. */
async function runFolders(runId: string, dir: string): Promise<string[]> {
  const name = new RegExp(`^rock-check-${runId.replace(/[^a-z0-9-]/g, '')}-[A-Za-z0-9]{6}$`);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && name.test(e.name)).map((e) => join(dir, e.name));
}

function statusOf(e: unknown): number | undefined {
  return (e as { statusCode?: number }).statusCode;
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0];
}
