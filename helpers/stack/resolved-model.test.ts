import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import { composeInput } from '../../src/rules/compose/index.js';
import { compose, composeVariables } from './compose-cli.js';
import { removeLinksLeadingOut } from './links-leading-out.js';
import { deriveCompose } from './derive-compose.js';
import { limitsOf } from './limits.js';
import { realpathOrParent, resolvedModelRefusals } from './resolved-model.js';
import { dockerDescribe } from './test-support.js';

const profile = defaultProfile();
const limits = limitsOf(profile);
let base: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'rc-model-')));
  outside = join(base, 'host');
  await mkdir(outside);
  await writeFile(join(outside, 'secret.env'), 'MARKER=host-secret\n');
});
afterAll(() => rm(base, { recursive: true, force: true }));

/**
 * A submission folder holding `files` (compose file first), derived as the
 * runtime derives it, given to real `docker compose config`, and the model
 * checked: the refusals' messages.
 */
async function refusalsOf(name: string, files: Record<string, string>, links: Record<string, string> = {}, scrub = true): Promise<string[]> {
  const root = join(base, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  for (const [path, target] of Object.entries(links)) await symlink(target, join(root, path));
  if (scrub) await removeLinksLeadingOut(root);
  const sub = fakeSubmission({ files, compose: 'docker-compose.yml', layout: 'parent', components: { api: 'api' }, root });
  const input = composeInput(sub, profile);
  const derived = deriveCompose(input, 'model1', new Map([...input.variables, ...composeVariables()]));
  const file = join(root, '.derived.yml');
  await writeFile(file, stringify(derived.document));
  const r = await compose({ file, projectName: 'rc-model-test' }, ['config', '--format', 'json'], { timeoutMs: 60_000, keepStdout: true });
  expect(r.code, r.output).toBe(0);
  const model = JSON.parse(r.stdout ?? '');
  return resolvedModelRefusals(model, { root, realpath: realpathOrParent(realpathSync.native), limits, file: 'docker-compose.yml' }).map((f) => f.message);
}

const API = { 'api/Dockerfile': 'FROM busybox\n', 'api/manage.py': '' };

describe('resolvedModelRefusals', () => {
  it('refuses a model that is not a mapping', () => {
    expect(resolvedModelRefusals(undefined, { root: '/r', realpath: (p) => p, limits, file: 'c.yml' }).map((f) => f.message)).toEqual([
      'refused to start: Compose did not give a model of the compose file',
    ]);
  });

  it('holds every service to the grading limits, whatever the model says', () => {
    const model = {
      services: {
        api: { image: 'x', labels: { 'rock-check.run': 'r1' }, mem_limit: '99999999999', cpus: 1, pids_limit: 512, memswap_limit: '1073741824', shm_size: '67108864', oom_kill_disable: true, ulimits: { nofile: 1000000 }, deploy: { resources: { limits: { memory: '8g' } } } },
      },
    };
    expect(resolvedModelRefusals(model, { root: '/r', realpath: (p) => p, limits, file: 'c.yml' }).map((f) => f.message)).toEqual([
      'refused to start: service "api" sets mem_limit itself (99999999999); rock-check\'s own limits apply',
      'refused to start: service "api" sets oom_kill_disable itself (true); rock-check\'s own limits apply',
      'refused to start: service "api" sets ulimits itself; rock-check\'s own limits apply',
      'refused to start: service "api" sets deploy.resources itself; rock-check\'s own limits apply',
    ]);
  });
});

dockerDescribe('resolvedModelRefusals on the model of real docker compose config', { timeout: 120_000 }, () => {
  it('accepts a stack whose paths stay inside, with extends inside', async () => {
    const out = await refusalsOf('inside', {
      'docker-compose.yml': 'version: "3.8"\nservices:\n  api:\n    build: {context: ./api, additional_contexts: {shared: ./shared}}\n    extends: {file: ./base.yml, service: web}\n    env_file: ./api/.env\n    volumes: ["./api:/app", "./not-yet:/data"]\n    secrets: [token]\nsecrets:\n  token: {file: ./api/token.txt}\n',
      'base.yml': 'services:\n  web:\n    environment: [A=1]\n',
      'api/.env': 'X=1\n',
      'api/token.txt': 't\n',
      'shared/a.txt': 'a\n',
      ...API,
    });
    expect(out).toEqual([]);
  });

  it('refuses what Compose resolves outside the submission, even when the raw file looked inside', async () => {
    const out = await refusalsOf(
      'linked',
      { 'docker-compose.yml': 'services:\n  api:\n    build: ./api\n    volumes: ["./data:/data"]\n', ...API },
      // a link inside the copy that climbs out through `..` after another link (left in place here: the copy removes it)
      { data: 'up/..', up: '.' },
      false,
    );
    expect(out).toEqual(['refused to start: the mount source of service "api" at /data lies outside the submission']);
  });

  it('refuses services an include brings: the derived file cannot give them the run\'s limits and labels', async () => {
    const out = await refusalsOf('include', {
      'docker-compose.yml': 'include: [./more.yml]\nservices:\n  api:\n    build: ./api\n',
      'more.yml': 'services:\n  tool:\n    image: busybox\n',
      ...API,
    });
    expect(out).toEqual([
      'refused to start: service "tool" comes from an included file, where rock-check cannot set its limits and labels; define the service in docker-compose.yml itself',
    ]);
  });

  it('finds limits and tags that extends lends, and paths of the extended file', async () => {
    const out = await refusalsOf('extends', {
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n    extends: {file: ./base.yml, service: web}\n',
      'base.yml': `services:\n  web:\n    build: {context: ./api, tags: ["postgres:16"]}\n    oom_kill_disable: true\n    volumes: ["${outside}:/host"]\n`,
      ...API,
    });
    expect(out).toEqual([
      'refused to start: service "api" tags its image beyond the run\'s own tag (build.tags)',
      'refused to start: the mount source of service "api" at /host lies outside the submission',
      'refused to start: service "api" sets oom_kill_disable itself (true); rock-check\'s own limits apply',
    ]);
  });

  it('removes links leading out of the copy, dangling ones too, and keeps the others', async () => {
    const root = join(base, 'links');
    await mkdir(join(root, 'api'), { recursive: true });
    await writeFile(join(root, 'api', 'real.txt'), 'x');
    await symlink('real.txt', join(root, 'api', 'inside'));
    await symlink(join(outside, 'secret.env'), join(root, 'api', 'out'));
    await symlink('/nonexistent/x', join(root, 'dangling'));
    await symlink('../..', join(root, 'api', 'up'));
    expect(await removeLinksLeadingOut(root)).toEqual(['api/out', 'api/up', 'dangling']);
    expect(await readFile(join(root, 'api', 'inside'), 'utf8')).toBe('x');
  });
});
