import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { buildImage } from './image-build.js';
import { StageImages } from './stage-images.js';
import { dockerDescribe } from './test-support.js';

/** What `docker compose build` printed under DOCKER_BUILDKIT=0 for a two-stage Dockerfile, the first step of the first stage from the cache. */
const classicOutput = `Sending build context to Docker daemon     353B
Step 1/7 : FROM node:20-alpine AS builder
 ---> 389cb4486cf2
Step 2/7 : WORKDIR /app
 ---> Using cache
 ---> 605bbe1a75f9
Step 3/7 : RUN npm run build
 ---> Running in 41bb6ef6fe42
Removing intermediate container 41bb6ef6fe42
 ---> 61d7200621ed
Step 4/7 : FROM nginx:stable-alpine
 ---> d92b09247498
Step 5/7 : COPY --from=builder /app/build /usr/share/nginx/html
 ---> 6995bc5fc972
Step 6/7 : LABEL com.docker.compose.image.builder=classic
 ---> Running in 969e1b952cd9
Removing intermediate container 969e1b952cd9
 ---> a89f17f7246a
Step 7/7 : LABEL rock-check=1
 ---> Running in e5424108093d
Removing intermediate container e5424108093d
 ---> 9be60813d386
Successfully built 9be60813d386
Successfully tagged rock-check-x-frontend:latest`;

function earlierStagesOf(output: string): string[] {
  const stages = new StageImages();
  for (const line of output.split('\n')) stages.line(line);
  return stages.earlierStages();
}

describe('StageImages', () => {
  it('takes the images the build made in the stages before the final one, not those from the cache, a FROM or the final stage', () => {
    expect(earlierStagesOf(classicOutput)).toEqual(['61d7200621ed']);
  });

  it('takes every earlier stage of a three-stage build', () => {
    const output = classicOutput.replace('Step 4/7 : FROM nginx', 'Step 4/9 : FROM alpine AS assets\n ---> 01d183af0bca\nStep 5/9 : RUN true\n ---> Running in 1234567890ab\n ---> abcdefabcdef\nStep 4/7 : FROM nginx');
    expect(earlierStagesOf(output)).toEqual(['61d7200621ed', 'abcdefabcdef']);
  });

  it('finds nothing in a single-stage build, or in BuildKit output', () => {
    const single = classicOutput.slice(classicOutput.indexOf('Step 4/7'));
    expect(earlierStagesOf(single)).toEqual([]);
    expect(earlierStagesOf('#5 [builder 3/3] RUN npm run build\n#5 DONE 0.4s\n#8 [stage-1 2/2] COPY --from=builder /app/build /usr/share/nginx/html')).toEqual([]);
  });
});

dockerDescribe('a multi-stage build under the classic builder (Docker)', { timeout: 300_000 }, () => {
  let docker: Dockerode;
  let dir: string;
  const tag = `rock-check-test-stages:${Date.now().toString(36)}`;
  beforeAll(async () => {
    docker = await dockerClient();
    dir = await mkdtemp(join(tmpdir(), 'rc-stages-'));
  });
  afterAll(async () => {
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves no untagged image of its build stage behind, and keeps the final image', async () => {
    const marker = `stage-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await writeFile(
      join(dir, 'Dockerfile'),
      `FROM busybox:latest AS builder\nRUN mkdir /build && echo ${marker} > /build/index.html\nFROM busybox:latest\nCOPY --from=builder /build /site\nCMD ["cat", "/site/index.html"]\n`,
    );
    const lines: string[] = [];
    const result = await buildImage(docker, { context: dir, dockerfile: 'Dockerfile', tag, labels: { 'rock-check-test': '1' }, timeoutMs: 240_000, onLine: (l) => lines.push(l) });
    expect(result).toMatchObject({ ok: true, tag });
    const stages = new StageImages();
    for (const l of lines) stages.line(l);
    const made = stages.earlierStages();
    expect(made.length, 'the build stage made an image of its own').toBe(1);
    await expect(docker.getImage(made[0]).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await docker.getImage(tag).inspect()).RepoTags).toContain(tag);
  });
});
