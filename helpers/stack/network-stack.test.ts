import { afterAll, beforeAll, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { defaultProfile } from '../../src/profile/load.js';
import { CourseNetworkStack } from './network-stack.js';
import { diskSubmission, dockerDescribe, failedStepContainers, leftovers, testdata } from './test-support.js';

const profile = defaultProfile();
const runIds: string[] = [];
const newRunId = (tag: string) => {
  const id = `t-${tag}-${Date.now().toString(36)}`;
  runIds.push(id);
  return id;
};
const stack = (dir: string, runId: string) =>
  new CourseNetworkStack(diskSubmission(testdata(dir), { components: { api: '' } }), profile).withRunId(runId).withBootTimeout(60_000);

dockerDescribe('CourseNetworkStack (Docker)', { timeout: 180_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    for (const runId of runIds) await cleanAll(docker, { runId });
  });

  it('boots PostgreSQL and the api on one labelled network, then removes everything', async () => {
    const runId = newRunId('ok');
    {
      await using started = await stack('tiny-api', runId).start();
      const { info } = started;
      expect(info.build).toMatchObject({ ok: true, findings: [] });
      expect(info.boot).toMatchObject({ ok: true, findings: [] });
      expect(info.network).toBe(`rock-check-${runId}`);
      const { database, api } = info.components;
      expect(database).toMatchObject({ ready: true, port: 5432, names: expect.arrayContaining(['postgres-db']) });
      expect(api).toMatchObject({ ready: true, port: 8000, names: expect.arrayContaining(['api-container']) });
      const res = await fetch(`http://${info.host}:${api!.hostPort}/`);
      expect(await res.text()).toBe('ok\n');

      const inspected = await docker.getContainer(api!.containerId!).inspect();
      expect(inspected.Config.Labels).toMatchObject({ 'rock-check': '1', 'rock-check.run': runId });
      expect(inspected.HostConfig).toMatchObject({ Memory: 1024 * 1024 * 1024, NanoCpus: 1e9, PidsLimit: 512, Privileged: false });
      expect(inspected.HostConfig.NetworkMode).not.toBe('host');
      expect(inspected.HostConfig.Binds ?? []).toEqual([]);
      expect(inspected.Config.Env).toEqual(expect.arrayContaining(['DB_HOST=postgres-db', 'SSLMODE=disable']));
      expect(await leftovers(docker, runId)).not.toEqual([]);
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('reports a container that exits: what was awaited, its exit code, its last log lines and the known cause', async () => {
    const runId = newRunId('crash');
    const started = await stack('crashing-api', runId).start();
    try {
      const { info } = started;
      expect(info.boot.ok).toBe(false);
      expect(info.components.database?.ready).toBe(true);
      expect(info.components.api).toMatchObject({ ready: false });
      expect(info.boot.findings).toHaveLength(1);
      const f = info.boot.findings[0];
      expect(f).toMatchObject({ ruleId: 'RC-RT002', file: '.' });
      expect(f.message).toMatch(/^the api container did not become ready: waited \d+s \(budget \d+s\) for .*; it exited with code 1$/);
      expect(f.hint).toMatch(/SSLMODE=disable/);
      expect(f.hint).toContain('django.db.utils.OperationalError: server does not support SSL connections');
      expect(f.hint).toMatch(/the api has no env file; it ran with the local-run values only; rock-check supplied DB_NAME=rockofages \(missing\), .*DB_PASSWORD \(missing\)/);
      expect(f.hint).not.toContain('localpassword123');
    } finally {
      await started.stop();
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('stops waiting for an api that stays up but whose log shows a cause it cannot get past', async () => {
    const runId = newRunId('stuck');
    const started = await stack('stuck-api', runId).withBootTimeout(150_000).start();
    try {
      const f = started.info.boot.findings[0];
      expect(f.message).toMatch(/^the api container did not become ready: waited (\d+)s \(budget \d+s\) for an HTTP answer on port 8000 \(GET \/rocks\); stopped waiting: its log shows an error it does not recover from/);
      expect(Number(/waited (\d+)s/.exec(f.message)![1])).toBeLessThan(60);
      expect(f.hint).toMatch(/^the local database has no SSL: set SSLMODE=disable/);
      expect(started.info.components.api).toMatchObject({ ready: false, problem: expect.stringMatching(/^it did not become ready within \d+s$/) });
    } finally {
      await started.stop();
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('reports an image that does not build with the tail of its build log, and starts nothing that needs it', async () => {
    const runId = newRunId('build');
    const since = Math.floor(Date.now() / 1000) - 1;
    const started = await stack('broken-build', runId).start();
    try {
      const { info } = started;
      expect(info.build.ok).toBe(false);
      expect(info.build.findings).toHaveLength(1);
      expect(info.build.findings[0]).toMatchObject({ ruleId: 'RC-RT001', file: 'Dockerfile' });
      expect(info.build.findings[0].message).toMatch(/returned a non-zero code: 3/);
      expect(info.build.findings[0].hint).toContain('ERROR: no matching distribution for djangorestframework');
      expect(info.components.api).toMatchObject({ ready: false, problem: 'its image did not build' });
    } finally {
      await started.stop();
    }
    expect(await leftovers(docker, runId)).toEqual([]);
    expect(await failedStepContainers(docker, since)).toEqual([]);
  });

  it('stops waiting for a container that floods its log, says so, and quotes only the last lines', async () => {
    const runId = newRunId('flood');
    const started = await stack('flooding-api', runId).withBootTimeout(120_000).start();
    try {
      const f = started.info.boot.findings[0];
      expect(f.message).toMatch(/^the api container did not become ready: waited \d+s \(budget \d+s\) for an HTTP answer on port 8000 \(GET \/rocks\); stopped waiting: it writes its log without pause/);
      expect(Number(/waited (\d+)s/.exec(f.message)![1])).toBeLessThan(60);
      const quoted = f.hint!.split('\n').filter((l) => l.startsWith('  flood line'));
      expect(quoted.length).toBeGreaterThan(0);
      expect(quoted.length).toBeLessThanOrEqual(30);
      expect(started.info.components.api).toMatchObject({ ready: false, reported: true });
    } finally {
      await started.stop();
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('removes what it created when start is interrupted half-way', async () => {
    const runId = newRunId('abort');
    const controller = new AbortController();
    const starting = stack('tiny-api', runId)
      .withAbortSignal(controller.signal)
      .onEvent((e) => {
        if (e.step === 'start' && e.detail === 'database') controller.abort(new Error('interrupted'));
      })
      .start();
    await expect(starting).rejects.toThrow('interrupted');
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('runs two stacks side by side without collisions', async () => {
    const [a, b] = [newRunId('a'), newRunId('b')];
    const [sa, sb] = await Promise.all([stack('tiny-api', a).start(), stack('tiny-api', b).start()]);
    try {
      expect(sa.info.boot.ok && sb.info.boot.ok).toBe(true);
      expect(sa.info.network).not.toBe(sb.info.network);
      expect(sa.info.components.api!.hostPort).not.toBe(sb.info.components.api!.hostPort);
      for (const s of [sa, sb]) expect((await fetch(`http://${s.info.host}:${s.info.components.api!.hostPort}/`)).status).toBe(200);
    } finally {
      await Promise.all([sa.stop(), sb.stop()]);
    }
    expect([...(await leftovers(docker, a)), ...(await leftovers(docker, b))]).toEqual([]);
  });
});
