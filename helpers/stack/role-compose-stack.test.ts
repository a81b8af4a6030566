import { readFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { roleFacts } from '../../src/facts/role-facts.js';
import { RolesRuntimeGrade } from '../scenario-driver/roles-runtime.js';
import { ComposeStack } from './compose-stack.js';
import { helloProfile, helloSubmission } from './roles-test-support.js';
import { dockerDescribe, leftovers } from './test-support.js';

const runId = `rc-${Date.now().toString(36)}`;

dockerDescribe('ComposeStack of a profile graded from roles (Docker)', { timeout: 300_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  it('boots the compose file with the services the role facts found, awaits each role as the profile says, and removes everything', async () => {
    const profile = helloProfile();
    const sub = helloSubmission('compose');
    {
      await using started = await new ComposeStack(sub, profile, roleFacts(sub, profile)).withRunId(runId).start();
      const { info } = started;
      expect(info).toMatchObject({ mode: 'compose', ids: { build: 'TS-RT001', ready: 'TS-RT002' }, stackFile: 'docker-compose.yml' });
      expect(info.build).toMatchObject({ ok: true, findings: [], images: [{ role: 'web' }] });
      expect(info.boot).toMatchObject({ ok: true, findings: [] });
      const { redis, web } = info.components;
      expect(redis).toMatchObject({ role: 'redis', service: 'cache', ready: true, port: 6379, names: ['cache'] });
      expect(web).toMatchObject({ role: 'web', service: 'web', ready: true, port: 80, folder: '' });
      expect(web!.hostPort).not.toBe(4000);
      const derived = parse(await readFile(info.compose!.file, 'utf8'));
      expect(derived.services.web.ports).toEqual(['80']);
      expect(derived.services.cache.ports).toEqual(['6379']);
      const page = await (await fetch(`http://${info.host}:${web!.hostPort}/`)).text();
      expect(page).toMatch(/<b>Visits:<\/b> \d+$/);

      const grade = new RolesRuntimeGrade({ profile, runtime: structuredClone(info), layout: 'compose' });
      const verdict = (id: string) => grade.verdict(profile.criteria.find((c) => c.id === id)!);
      expect(await verdict('TS-RT001')).toEqual([]);
      expect(await verdict('TS-RT002')).toEqual([]);
      expect(await verdict('TS-RT003')).toEqual([]);
      expect(await verdict('TS-RT004')).toEqual([]);
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });
});
