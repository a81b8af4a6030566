import type Dockerode from 'dockerode';

/**
 * The images a classic build (`DOCKER_BUILDKIT=0`, the default of older
 * engines) makes for the stages before the final one, read from its output
 * line by line. The final stage's layers are parents of the tagged image and
 * are removed with it; an earlier stage's are not (`COPY --from` copies
 * files, not layers), so they stay as untagged images unless removed. Steps
 * taken from the cache made no image (it was there before the build, and is
 * whoever made it's), and the image a FROM names is not the build's either.
 * BuildKit prints no such lines and keeps its stages in its own cache: then
 * there is nothing to remove.
 */
export class StageImages {
  private readonly stages: { made: string[] }[] = [];
  private step: { from: boolean; cached: boolean } | undefined;

  /** One line of the build's output. */
  line(text: string): void {
    const step = /^Step \d+\/\d+ : (\S+)/.exec(text);
    if (step) {
      const from = step[1].toUpperCase() === 'FROM';
      if (from) this.stages.push({ made: [] });
      this.step = { from, cached: false };
      return;
    }
    if (!this.step) return;
    if (/^ ---> Using cache\s*$/.test(text)) {
      this.step.cached = true;
      return;
    }
    const image = /^ ---> ([0-9a-f]{12,64})\s*$/.exec(text);
    if (!image || this.step.from) return;
    if (!this.step.cached) this.stages.at(-1)?.made.push(image[1]);
    this.step = undefined;
  }

  /** Images the build made in its earlier stages, oldest first. */
  earlierStages(): string[] {
    return this.stages.slice(0, -1).flatMap((s) => s.made);
  }
}

/**
 * Removes the images a build made for its earlier stages, newest first,
 * each alone (`noprune`: a parent the build took from the cache stays). An
 * image that meanwhile got a tag or a child (another build took it from
 * the cache) is left to that build.
 */
export async function removeStageImages(docker: Dockerode, ids: string[]): Promise<void> {
  for (const id of [...new Set(ids)].reverse()) {
    try {
      const info = await docker.getImage(id).inspect();
      if ((info.RepoTags ?? []).some((t) => t !== '<none>:<none>')) continue;
      await docker.getImage(id).remove({ noprune: true });
    } catch {
      // Gone already, or a child of another build's image.
    }
  }
}
