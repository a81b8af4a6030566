import { describe, expect, it } from 'vitest';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import { baseImagesOf, classifyPullError, ensureImage, isMachineProblem, missingImageMessage, neededImages, normalizeRef, preflightImages, type ImageCheck } from './images.js';
import { dockerDescribe } from './test-support.js';

const profile = defaultProfile();

describe('baseImagesOf', () => {
  it('lists each pulled FROM once: not earlier stages, scratch or unresolved ARGs; ARG defaults resolved', () => {
    const text = [
      'ARG PY=3.11',
      'FROM python:${PY}-slim AS deps',
      'FROM node:20 AS web',
      'FROM deps',
      'FROM scratch',
      'FROM ${NOWHERE}',
      'FROM nginx',
      'FROM python:3.11-slim',
    ].join('\n');
    expect(baseImagesOf(text)).toEqual(['python:3.11-slim', 'node:20', 'nginx:latest']);
  });

  it('keeps digests and registries as written', () => {
    expect(normalizeRef('ghcr.io/acme/base@sha256:abc')).toBe('ghcr.io/acme/base@sha256:abc');
    expect(normalizeRef('localhost:5000/base')).toBe('localhost:5000/base:latest');
  });
});

describe('neededImages', () => {
  it('without a compose file: the Dockerfiles\' bases, the profile\'s database image, the probe image (not needed to boot)', () => {
    const sub = fakeSubmission({ files: { 'api/Dockerfile': 'FROM python:3.11-slim\n', 'web/Dockerfile': 'FROM node:20\n' }, components: { api: 'api', client: 'web' } });
    expect(neededImages(sub, profile).map((i) => [i.ref, i.source, i.boot])).toEqual([
      ['postgres:16', 'profile', true],
      ['python:3.11-slim', 'submission', true],
      ['node:20', 'submission', true],
      ['busybox:latest', 'profile', false],
    ]);
  });

  it('with a compose file: its services\' images and the bases of what it builds, inside the submission only', () => {
    const compose = [
      'services:',
      '  db: { image: "postgres:15-alpine" }',
      '  api: { build: ./api }',
      '  web: { build: { context: web, dockerfile: Dockerfile.dev } }',
      '  odd: { build: ../../etc }',
      '  env: { image: "${IMAGE}" }',
    ].join('\n');
    const sub = fakeSubmission({
      files: { 'docker-compose.yml': compose, 'api/Dockerfile': 'FROM python:3.12-slim\n', 'web/Dockerfile.dev': 'FROM node:22-alpine\n' },
      components: { api: 'api', client: 'web' },
      compose: 'docker-compose.yml',
      layout: 'parent',
    });
    expect(neededImages(sub, profile).map((i) => i.ref)).toEqual(['postgres:15-alpine', 'python:3.12-slim', 'node:22-alpine', 'busybox:latest']);
  });
});

describe('pull failures', () => {
  it.each([
    ['Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', 'unreachable'],
    ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', 'unreachable'],
    ['toomanyrequests: You have reached your pull rate limit.', 'rate-limited'],
    ['manifest for postgres:99 not found: manifest unknown', 'not-found'],
    ['pull access denied for pyhton, repository does not exist or may require docker login', 'not-found'],
    ['something else', 'other'],
  ])('%s is %s', (message, kind) => {
    expect(classifyPullError(message)).toBe(kind);
  });

  const check = (over: Partial<ImageCheck> & Pick<ImageCheck, 'failure'>): ImageCheck => ({
    image: { ref: 'postgres:16', purpose: 'the database', source: 'submission', boot: true },
    state: 'missing',
    error: 'dial tcp: no such host',
    ...over,
  });

  it('blames the machine for what it cannot fetch, the submission for a base image the registry does not have', () => {
    expect(isMachineProblem(check({ failure: 'unreachable' }))).toBe(true);
    expect(isMachineProblem(check({ failure: 'rate-limited' }))).toBe(true);
    expect(isMachineProblem(check({ failure: 'not-found' }))).toBe(false);
    expect(isMachineProblem(check({ failure: 'not-found', image: { ref: 'x:1', purpose: 'p', source: 'profile', boot: true } }))).toBe(true);
    expect(isMachineProblem({ ...check({ failure: undefined }), state: 'present' })).toBe(false);
  });

  it('says which image, what for, why, and how to bring it in', () => {
    const m = missingImageMessage(check({ failure: 'unreachable' }));
    expect(m).toContain('the image postgres:16, needed for the database, is not on this machine and cannot be pulled: the registry cannot be reached');
    expect(m).toContain('docker pull postgres:16 && docker save -o postgres_16.tar postgres:16; then here: docker load -i postgres_16.tar');
    expect(missingImageMessage(check({ failure: 'rate-limited' }))).toContain('docker login');
  });
});

dockerDescribe('ensureImage and preflightImages (Docker)', { timeout: 120_000 }, () => {
  it('finds a present image without pulling, and names one that is not there and cannot be fetched', async () => {
    const docker = await dockerClient();
    expect((await ensureImage(docker, { ref: 'busybox:latest', purpose: 'p', source: 'profile', boot: false }, 30_000)).state).toBe('present');
    const absent = await ensureImage(docker, { ref: 'rock-check-test/absent:1', purpose: 'p', source: 'profile', boot: true }, 30_000);
    expect(absent.state).toBe('missing');
    expect(['unreachable', 'not-found']).toContain(absent.failure);
  });

  it('reports a profile image the machine lacks once, as a run error that says how to provide it', async () => {
    const p = { ...profile, runtime: { ...profile.runtime, probeImage: 'rock-check-test/absent-probe:1' } };
    const r = await preflightImages(await dockerClient(), undefined, p);
    expect(r.unavailable).toEqual([{ ref: 'rock-check-test/absent-probe:1', purpose: expect.stringContaining('probe'), boot: false }]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/rock-check-test\/absent-probe:1.*docker load -i/);
  });
});
