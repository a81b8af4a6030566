import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { RUN_LABEL } from '../../src/cleanup/labels.js';
import { roleFacts } from '../../src/facts/role-facts.js';
import { execIn } from '../probes/exec.js';
import { RolesRuntimeGrade } from '../scenario-driver/roles-runtime.js';
import { RolePlanStack } from './role-plan-stack.js';
import { helloProfile, helloSubmission } from './roles-test-support.js';
import { dockerDescribe, leftovers } from './test-support.js';

const runId = `rp-${Date.now().toString(36)}`;

dockerDescribe('RolePlanStack (Docker)', { timeout: 300_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  it("starts the profile's images and builds the others on a network of the run's own, Redis reachable as redis, the web port published; a scenario reaches the web; nothing is left", async () => {
    const profile = helloProfile();
    const sub = helloSubmission('run');
    {
      await using started = await new RolePlanStack(sub, profile, roleFacts(sub, profile)).withRunId(runId).start();
      const { info } = started;
      expect(info).toMatchObject({ mode: 'network', ids: { build: 'TS-RT001', ready: 'TS-RT002' }, stackFile: '.', network: `rock-check-${runId}` });
      expect(info.build).toMatchObject({ ok: true, findings: [] });
      expect(info.boot).toMatchObject({ ok: true, findings: [] });
      const { redis, web } = info.components;
      expect(redis).toMatchObject({ role: 'redis', ready: true, names: ['redis'], containerName: `rock-check-${runId}-redis`, image: 'redis:7' });
      expect(web).toMatchObject({ role: 'web', ready: true, names: ['web'], folder: '', port: 80 });
      expect(web!.hostPort).toBeGreaterThan(0);

      const network = await docker.getNetwork(info.network!).inspect();
      expect(network.Labels?.[RUN_LABEL]).toBe(runId);
      const lookup = await execIn(docker, web!.containerId!, ['python3', '-c', "import socket; print(socket.gethostbyname('redis'))"]);
      expect(lookup.stdout.trim()).toBe(redis!.address);
      for (const c of [redis!, web!]) {
        const inspected = await docker.getContainer(c.containerId!).inspect();
        expect(inspected.Mounts.filter((m) => m.Type === 'bind')).toEqual([]);
        expect(inspected.HostConfig).toMatchObject({ Memory: 256 * 1024 * 1024, PidsLimit: 256, Privileged: false });
        expect(inspected.Config.Labels[RUN_LABEL]).toBe(runId);
      }
      const page = await (await fetch(`http://${info.host}:${web!.hostPort}/`)).text();
      expect(page).toMatch(/^<h3>Hello World!<\/h3><b>Hostname:<\/b> \S+<br\/><b>Visits:<\/b> \d+$/);

      const grade = new RolesRuntimeGrade({ profile, runtime: structuredClone(info), layout: 'run' });
      const verdict = (id: string) => grade.verdict(profile.criteria.find((c) => c.id === id)!);
      expect(await verdict('TS-RT001')).toEqual([]);
      expect(await verdict('TS-RT002')).toEqual([]);
      expect(await verdict('TS-RT003')).toEqual([]);
      expect(await verdict('TS-RT004')).toEqual({ notApplicable: expect.stringContaining('the submission has no compose file') });
      expect(await leftovers(docker, runId)).not.toEqual([]);
    }
    expect(await leftovers(docker, runId)).toEqual([]);
  });
});
