import { expect, it } from 'vitest';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import { bootStack } from './boot.js';

it('boots nothing when the machine lacks an image the boot needs, and says which in one reason', async () => {
  const stack = await bootStack({
    submission: fakeSubmission({ files: { 'Dockerfile': 'FROM python:3.11-slim\n' } }),
    profile: defaultProfile(),
    mode: 'full',
    runId: 'lacking',
    options: { keepImages: false },
    unavailableImages: [
      { ref: 'python:3.11-slim', purpose: 'the build of Dockerfile (FROM)', boot: true },
      { ref: 'busybox:latest', purpose: 'the outside-network probe', boot: false },
    ],
  });
  expect(stack.info.error).toBe('this machine lacks the image python:3.11-slim; the run errors say how to provide it');
  expect(stack.info.components).toEqual({});
  expect(await stack.stop()).toEqual([]);
});
