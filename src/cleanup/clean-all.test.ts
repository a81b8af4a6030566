import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerDescribe } from '../../helpers/stack/test-support.js';
import { cleanAll } from './clean-all.js';
import { dockerClient } from './docker-client.js';
import { fakeDocker } from './fake-docker.js';
import { runLabels } from './labels.js';

describe('cleanAll (engine stand-in)', () => {
  const objects = [
    { kind: 'container' as const, id: 'c1', labels: runLabels('r1') },
    { kind: 'container' as const, id: 'c2', labels: runLabels('r2') },
    { kind: 'network' as const, id: 'n1', labels: runLabels('r1') },
    { kind: 'volume' as const, id: 'v1', labels: runLabels('r1') },
    { kind: 'image' as const, id: 'i1', labels: runLabels('r1') },
    { kind: 'container' as const, id: 'theirs', labels: { other: '1' } },
  ];

  it('removes one run, containers first and images last', async () => {
    const { docker, removed } = fakeDocker(objects);
    expect(await cleanAll(docker, { runId: 'r1' })).toEqual(['container c1 c1', 'network n1', 'volume v1', 'image i1:latest']);
    expect(removed).toEqual(['c1', 'n1', 'v1', 'i1']);
  });

  it('removes every rock-check object when no run is named, and nothing else', async () => {
    const { docker, removed, filtersSeen } = fakeDocker(objects);
    await cleanAll(docker);
    expect(removed.sort()).toEqual(['c1', 'c2', 'i1', 'n1', 'v1']);
    expect(filtersSeen[0]).toBe(JSON.stringify({ label: ['rock-check=1'] }));
  });

  it("removes the private copies a killed run left in the temp folder, and no other run's", async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rc-clean-'));
    try {
      for (const d of ['rock-check-r1-Ab12Cd', 'rock-check-r1x-Ab12Cd', 'rock-check-r2-Ab12Cd']) mkdirSync(join(temp, d));
      const { docker } = fakeDocker([]);
      expect(await cleanAll(docker, { runId: 'r1', tempDir: temp })).toEqual([`folder ${join(temp, 'rock-check-r1-Ab12Cd')}`]);
      expect(readdirSync(temp).sort()).toEqual(['rock-check-r1x-Ab12Cd', 'rock-check-r2-Ab12Cd']);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('keeps images when asked', async () => {
    const { docker, removed } = fakeDocker(objects);
    await cleanAll(docker, { runId: 'r1', keepImages: true });
    expect(removed).not.toContain('i1');
  });
});

dockerDescribe('cleanAll (Docker)', { timeout: 60_000 }, () => {
  let docker: Dockerode;
  const runId = `clean-${Date.now().toString(36)}`;
  const other = `${runId}-other`;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId: other });
  });

  it("removes a run's containers, networks, volumes and images, and leaves other runs alone", async () => {
    const labels = runLabels(runId);
    const net = await docker.createNetwork({ Name: `rock-check-${runId}`, Labels: labels });
    await docker.createVolume({ Name: `rock-check-${runId}`, Labels: labels });
    const c = await docker.createContainer({ Image: 'busybox:latest', Cmd: ['sleep', '30'], Labels: labels, HostConfig: { NetworkMode: net.id } });
    await c.start();
    await c.commit({ repo: `rock-check-${runId}-img`, tag: 'latest', changes: `LABEL rock-check=1 rock-check.run=${runId}` });
    const keep = await docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: runLabels(other) });

    const removed = await cleanAll(docker, { runId });
    expect(removed).toHaveLength(4);
    expect(removed.map((r) => r.split(' ')[0])).toEqual(['container', 'network', 'volume', 'image']);
    const filters = JSON.stringify({ label: [`rock-check.run=${runId}`] });
    expect(await docker.listContainers({ all: true, filters })).toEqual([]);
    expect(await docker.listNetworks({ filters })).toEqual([]);
    expect((await docker.listVolumes({ filters })).Volumes ?? []).toEqual([]);
    expect(await docker.listImages({ filters })).toEqual([]);
    expect((await keep.inspect()).Id).toBe(keep.id);
    expect(await cleanAll(docker, { runId })).toEqual([]);
  });
});
