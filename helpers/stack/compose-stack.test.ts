import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { defaultProfile } from '../../src/profile/load.js';
import { ComposeStack, blockedServices } from './compose-stack.js';
import { DERIVED_FILE } from './compose-stack.js';
import { diskSubmission, dockerDescribe, failedStepContainers, leftovers, testdata } from './test-support.js';

const profile = defaultProfile();
const runIds: string[] = [];
const newRunId = (tag: string) => {
  const id = `c-${tag}-${Date.now().toString(36)}`;
  runIds.push(id);
  return id;
};
const stack = (dir: string, runId: string) =>
  new ComposeStack(diskSubmission(testdata(dir), { components: { api: 'api' }, compose: 'docker-compose.yml' }), profile)
    .withRunId(runId)
    .withBootTimeout(90_000);

async function execIn(docker: Dockerode, id: string, cmd: string[]): Promise<{ code: number; out: string }> {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise((r) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', r);
  });
  return { code: (await exec.inspect()).ExitCode ?? -1, out: Buffer.concat(chunks).toString() };
}

it('blocks the services that depend on a service whose image failed', () => {
  const services = { db: {}, api: { depends_on: ['db'] }, client: { depends_on: { api: { condition: 'service_started' } } }, other: {} };
  expect([...blockedServices(services, new Set(['api']))].sort()).toEqual(['api', 'client']);
  expect([...blockedServices(services, new Set())]).toEqual([]);
});

dockerDescribe('ComposeStack (Docker)', { timeout: 240_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    for (const runId of runIds) await cleanAll(docker, { runId });
  });

  it("boots the student's compose file from a derived copy, names still resolving, then removes everything", async () => {
    const runId = newRunId('ok');
    let workdir: string;
    {
      await using started = await stack('tiny-compose', runId).start();
      const { info } = started;
      expect(info.build.ok).toBe(true);
      expect(info.boot).toMatchObject({ ok: true, findings: [] });
      expect(info.compose!.projectName).toBe(`rock-check-${runId}`);
      workdir = info.compose!.dir;
      expect(dirname(info.compose!.file)).toBe(workdir);
      expect(existsSync(`${workdir}/docker-compose.yml`)).toBe(true);
      expect(readdirSync(testdata('tiny-compose'))).not.toContain(DERIVED_FILE);
      const derived = parse(await readFile(info.compose!.file, 'utf8'));
      expect(derived.services.api.ports).toEqual(['8000']);

      const { database, api } = info.components;
      expect(database).toMatchObject({ ready: true, service: 'postgres-db', port: 5432 });
      expect(api).toMatchObject({ ready: true, service: 'api', names: ['api', 'api-container'] });
      expect(info.database).toEqual({ name: 'rockofages', user: 'rockadmin', password: 'localpassword123' });
      expect(info.network).toBe(`rock-check-${runId}_default`);
      expect(api!.hostPort).not.toBe(8000);
      expect((await fetch(`http://${info.host}:${api!.hostPort}/`)).status).toBe(200);

      const resolved = await execIn(docker, api!.containerId!, ['nslookup', 'postgres-db']);
      expect(resolved.out).toContain(database!.address!);
      const inspected = await docker.getContainer(api!.containerId!).inspect();
      expect(inspected.HostConfig).toMatchObject({ Memory: 1024 * 1024 * 1024, NanoCpus: 1e9, PidsLimit: 512, Privileged: false });
      const volumes = await docker.listVolumes({ filters: JSON.stringify({ label: [`rock-check.run=${runId}`] }) });
      expect(volumes.Volumes.map((v) => v.Name)).toEqual([`rock-check-${runId}_postgres_data`]);
    }
    expect(await leftovers(docker, runId)).toEqual([]);
    expect(existsSync(workdir)).toBe(false);
  });

  it('runs the same compose file twice side by side (container_name and fixed names no longer collide)', async () => {
    const [a, b] = [newRunId('a'), newRunId('b')];
    const [sa, sb] = await Promise.all([stack('tiny-compose', a).start(), stack('tiny-compose', b).start()]);
    try {
      expect(sa.info.boot.findings).toEqual([]);
      expect(sb.info.boot.findings).toEqual([]);
      expect(sa.info.components.api!.hostPort).not.toBe(sb.info.components.api!.hostPort);
    } finally {
      await Promise.all([sa.stop(), sb.stop()]);
    }
    expect([...(await leftovers(docker, a)), ...(await leftovers(docker, b))]).toEqual([]);
  });

  it('reports a service whose image does not build, starts the rest, and removes everything', async () => {
    const runId = newRunId('build');
    const since = Math.floor(Date.now() / 1000) - 1;
    const started = await stack('compose-broken-build', runId).start();
    try {
      const { info } = started;
      expect(info.build.ok).toBe(false);
      expect(info.build.findings[0]).toMatchObject({ ruleId: 'RC-RT001', file: 'api/Dockerfile' });
      expect(info.build.findings[0].hint).toContain('no matching distribution for djangorestframework');
      expect(info.components.api).toMatchObject({ ready: false, problem: 'its image did not build' });
      expect(info.components.database?.ready).toBe(true);
    } finally {
      await started.stop();
    }
    expect(await leftovers(docker, runId)).toEqual([]);
    expect(await failedStepContainers(docker, since)).toEqual([]);
  });

  it('refuses hostile settings before anything starts', async () => {
    const runId = newRunId('hostile');
    await using started = await stack('compose-hostile', runId).start();
    expect(started.info.boot.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['docker-compose.yml:6 RC-RT002']);
    expect(started.info.boot.findings[0].message).toMatch(/^refused to start: service "api" mounts the Docker socket/);
    expect(started.info.components).toEqual({});
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  it('removes what it created when start is interrupted half-way', async () => {
    const runId = newRunId('abort');
    const controller = new AbortController();
    const starting = stack('tiny-compose', runId)
      .withAbortSignal(controller.signal)
      .onEvent((e) => {
        if (e.step === 'start') controller.abort(new Error('interrupted'));
      })
      .start();
    await expect(starting).rejects.toThrow('interrupted');
    expect(await leftovers(docker, runId)).toEqual([]);
  });
});
