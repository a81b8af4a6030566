import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { roleFacts } from '../../src/facts/role-facts.js';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import type { RoleProfile } from '../../src/profile/profile.js';
import { stackReady } from '../probes/boot.js';
import { RolesRuntimeGrade } from '../scenario-driver/roles-runtime.js';
import { RolePlanStack } from './role-plan-stack.js';
import { roleWait } from './role-readiness.js';
import { helloProfile } from './roles-test-support.js';
import { dockerDescribe, leftovers } from './test-support.js';

it('says what each kind of readiness awaits, and waits on no port that is not published', () => {
  const docker = {} as Dockerode;
  const at = { port: 8080, published: true, host: 'localhost' };
  expect(roleWait(docker, { http: { path: '/health' } }, at, 5_000).awaited).toBe('an HTTP answer on port 8080 (GET /health)');
  expect(roleWait(docker, { tcp: {} }, at, 5_000).awaited).toBe('port 8080 to accept connections');
  expect(roleWait(docker, { exec: ['redis-cli', 'ping'] }, at, 5_000).awaited).toBe('redis-cli ping to exit with code 0');
  expect(roleWait(docker, { postgres: {} }, { ...at, port: 5432 }, 5_000).awaited).toBe('PostgreSQL accepting connections on port 5432');
  expect(roleWait(docker, undefined, at, 5_000).awaited).toBe('port 8080 to accept connections');
  expect(roleWait(docker, undefined, { published: false, host: 'localhost' }, 5_000).awaited).toBe('the container to keep running');
  const unpublished = roleWait(docker, { http: { path: '/' } }, { ...at, published: false }, 5_000);
  expect(unpublished).toEqual({ awaited: 'an HTTP answer on port 8080 (GET /)', lacksPort: true });
  expect(roleWait(docker, { exec: ['true'] }, { published: false, host: 'localhost' }, 5_000).wait).toBeDefined();
});

const runId = `rr-${Date.now().toString(36)}`;

/** Images the profile runs, no build: a web server that answers, Redis, and two roles that never get ready. */
function waitingProfile(): RoleProfile {
  const base = helloProfile({}, 6);
  return {
    ...base,
    stack: {
      layouts: ['run'],
      roles: {
        redis: base.stack.roles.redis,
        web: { match: {}, port: 8000, ready: { http: { path: '/' } }, run: { image: 'busybox:latest', command: ['sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && httpd -f -p 8000 -h /www'] } },
        slow: { match: {}, port: 6380, ready: { tcp: {} }, run: { image: 'busybox:latest', command: ['sh', '-c', 'echo starting; echo waiting for its configuration; sleep 300'] } },
        flag: { match: {}, ready: { exec: ['test', '-f', '/tmp/ready'] }, run: { image: 'busybox:latest', command: ['sleep', '300'] } },
      },
    },
  };
}

dockerDescribe('readiness of the roles (Docker)', { timeout: 120_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  it('a role that never gets ready is a finding naming what was awaited, for how long, with its last log lines; the scenario criteria cascade to it', async () => {
    const profile = waitingProfile();
    const sub = fakeSubmission({ files: {} });
    {
      await using started = await new RolePlanStack(sub, profile, roleFacts(sub, profile)).withRunId(runId).start();
      const { info } = started;
      expect(info.boot.ok).toBe(false);
      expect(info.components.redis).toMatchObject({ ready: true });
      expect(info.components.web).toMatchObject({ ready: true, port: 8000 });
      expect(info.components.slow).toMatchObject({ ready: false, reported: true, problem: expect.stringMatching(/^it did not become ready within [56]s$/) });
      expect(info.components.flag).toMatchObject({ ready: false, reported: true });
      const findings = stackReady({ runtime: info });
      // The budget is what was left of the boot's 6 s when the container started.
      expect(findings.map((f) => [f.ruleId, f.message])).toEqual(
        expect.arrayContaining([
          ['TS-RT002', expect.stringMatching(/^the slow container did not become ready: waited [56]s \(budget [56]s\) for port 6380 to accept connections$/)],
          ['TS-RT002', expect.stringMatching(/^the flag container did not become ready: waited [56]s \(budget [56]s\) for test -f \/tmp\/ready to exit with code 0$/)],
        ]),
      );
      expect(findings).toHaveLength(2);
      expect(findings.find((f) => f.message.includes('slow'))!.hint).toContain('  waiting for its configuration');
      expect(findings.find((f) => f.message.includes('flag'))!.hint).toBe('it wrote no log lines');

      const grade = new RolesRuntimeGrade({ profile, runtime: structuredClone(info), layout: 'run' });
      expect(await grade.verdict(profile.criteria.find((c) => c.id === 'TS-RT003')!)).toEqual([
        {
          ruleId: 'TS-RT003',
          severity: 'error',
          file: '.',
          message: expect.stringMatching(/^cannot be checked: the slow and the flag are not running \(the slow: it did not become ready within [56]s; see TS-RT002\)$/),
        },
      ]);
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });
});
