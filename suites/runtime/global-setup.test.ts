import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestProject } from 'vitest/node';
import type { GradingContext } from '../../helpers/context.js';
import type { RuntimeInfo } from '../../helpers/stack/runtime-info.js';
import { diskSubmission, dockerDescribe, leftovers, testdata } from '../../helpers/stack/test-support.js';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { defaultProfile } from '../../src/profile/load.js';
import setup from './global-setup.js';

function fakeProject(grading: GradingContext): { project: TestProject; provided: Record<string, unknown> } {
  const provided: Record<string, unknown> = {};
  const project = {
    getProvidedContext: () => ({ grading }),
    provide: (key: string, value: unknown) => {
      provided[key] = structuredClone(value);
    },
  } as unknown as TestProject;
  return { project, provided };
}

const grading = (mode: 'static' | 'full', runId: string): GradingContext => ({
  submission: diskSubmission(testdata('tiny-api'), { components: { api: '' } }),
  profile: { ...defaultProfile(), runtime: { ...defaultProfile().runtime, bootTimeoutSeconds: 60 } },
  mode,
  runId,
  options: { keepImages: false },
});

it('provides a skipped runtime and boots nothing in a static run', async () => {
  const { project, provided } = fakeProject(grading('static', 'gs-static'));
  expect(await setup(project)).toBeUndefined();
  expect(provided.runtime).toEqual({ skipped: 'static run: the stack is not booted' });
});

dockerDescribe('runtime global setup (Docker)', { timeout: 180_000 }, () => {
  const runId = `gs-${Date.now().toString(36)}`;
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  it('boots the stack once, provides a serialisable description, and its teardown removes everything', async () => {
    const { project, provided } = fakeProject(grading('full', runId));
    const teardown = await setup(project);
    const info = provided.runtime as RuntimeInfo;
    expect(info).toMatchObject({ runId, mode: 'network', build: { ok: true }, boot: { ok: true } });
    expect(info.components.api?.hostPort).toBeGreaterThan(0);
    expect(await leftovers(docker, runId)).not.toEqual([]);
    await teardown!();
    expect(await leftovers(docker, runId)).toEqual([]);
  });
});
