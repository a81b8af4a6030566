import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type Dockerode from 'dockerode';
import { tailLines } from './container-logs.js';
import { removeStageImages, StageImages } from './stage-images.js';

export interface BuildRequest {
  /** Absolute build context folder. */
  context: string;
  /** Dockerfile path relative to the context. */
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Each line of the build's output as it comes. */
  onLine?: (line: string) => void;
}

export interface BuildResult {
  ok: boolean;
  tag: string;
  seconds: number;
  /** Last lines of the build output. */
  logTail: string[];
  /** The error Docker reported, or the timeout. */
  error?: string;
}

const LOG_LINES = 25;

/**
 * Builds an image from a student's Dockerfile through the Docker API (the
 * same call `GenericContainer.fromDockerfile` makes), keeping what that
 * helper drops: the build log for the finding, labels for the cleanup, a
 * time limit. The context honours .dockerignore. After a failed build, the
 * untagged layers it left are removed; after any build, the images it made
 * for the stages before the final one (see StageImages).
 */
export async function buildImage(docker: Dockerode, req: BuildRequest): Promise<BuildResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const output: string[] = [];
  const layers: string[] = [];
  const stages = new StageImages();
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let error: string | undefined;
  try {
    const src = await contextEntries(req.context);
    const stream = await docker.buildImage(
      { context: req.context, src: [...new Set([...src, req.dockerfile.replace(/\\/g, '/')])] },
      { t: req.tag, dockerfile: req.dockerfile, labels: req.labels, rm: true, forcerm: true, abortSignal: signal } as Dockerode.ImageBuildOptions,
    );
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      docker.modem.followProgress(
        stream,
        (err: Error | null) => (err ? reject(err) : resolve()),
        (event: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
          if (event.stream) {
            output.push(event.stream);
            for (const l of event.stream.split('\n')) {
              stages.line(l);
              if (l.trim() !== '') req.onLine?.(l.slice(0, 500));
            }
            const layer = /^ ---> ([0-9a-f]{12,64})\s*$/m.exec(event.stream);
            if (layer) layers.push(layer[1]);
          }
          if (event.error) {
            error = event.errorDetail?.message ?? event.error;
            output.push(`${error}\n`);
          }
        },
      );
    });
  } catch (e) {
    if (timeout.aborted) error = `the build did not finish within ${Math.round(req.timeoutMs / 1000)}s`;
    else if (req.signal?.aborted) throw req.signal.reason;
    else error ??= String((e as Error).message ?? e);
  }
  const logTail = tailLines(output.join(''), LOG_LINES);
  await removeStageImages(docker, stages.earlierStages());
  if (error === undefined) {
    const exists = await docker
      .getImage(req.tag)
      .inspect()
      .then(() => true, () => false);
    if (exists) return { ok: true, tag: req.tag, seconds: seconds(), logTail };
    error = 'the build ended without producing an image';
  }
  await removeDanglingLayers(docker, layers);
  return { ok: false, tag: req.tag, seconds: seconds(), logTail, error };
}

/** Relative paths (forward slashes) of every file and link below a folder. */
export async function contextEntries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * What a failed classic build leaves behind, read from its output: the
 * container of the failed step (" ---> Running in <id>") and the untagged
 * images of the steps before it (" ---> <id>").
 */
export async function removeBuildLeftovers(docker: Dockerode, output: string): Promise<void> {
  for (const m of output.matchAll(/^ ---> Running in ([0-9a-f]{12,64})\s*$/gm)) {
    await docker
      .getContainer(m[1])
      .remove({ force: true })
      .catch(() => undefined);
  }
  await removeDanglingLayers(
    docker,
    [...output.matchAll(/^ ---> ([0-9a-f]{12,64})\s*$/gm)].map((m) => m[1]),
  );
}

/** Removes the untagged intermediate images a failed classic build leaves, newest first. */
export async function removeDanglingLayers(docker: Dockerode, ids: string[]): Promise<void> {
  for (const id of [...new Set(ids)].reverse()) {
    try {
      const info = await docker.getImage(id).inspect();
      if ((info.RepoTags ?? []).length > 0) continue;
      await docker.getImage(id).remove();
    } catch {
      // Shared with another image, or already gone.
    }
  }
}
