import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { GenericContainer, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { runLabels } from '../../src/cleanup/labels.js';
import { startLabelledNetwork } from '../stack/containers.js';
import { buildImage } from '../stack/image-build.js';
import { dockerDescribe } from '../stack/test-support.js';
import { parseProbeOutput, probeNames } from './exec.js';

describe('parseProbeOutput', () => {
  it('reads what the probe script prints', () => {
    const out = parseProbeOutput('RESOLVED postgres-db getent 172.18.0.2\nCONNECTED postgres-db python3\nUNRESOLVED db getent\nNOTOOL api\n\n');
    expect(out.get('postgres-db')).toEqual({ name: 'postgres-db', resolved: true, tool: 'getent', address: '172.18.0.2', connected: true, connectTool: 'python3' });
    expect(out.get('db')).toEqual({ name: 'db', resolved: false, tool: 'getent' });
    expect(out.get('api')).toEqual({ name: 'api' });
  });
});

dockerDescribe('network probe inside containers (Docker)', { timeout: 120_000 }, () => {
  const runId = `probe-${Date.now().toString(36)}`;
  const labels = runLabels(runId);
  let docker: Dockerode;
  let network: StartedNetwork;
  let target: StartedTestContainer;
  beforeAll(async () => {
    docker = await dockerClient();
    network = await startLabelledNetwork(`rock-check-${runId}`, labels);
    target = await new GenericContainer('busybox:latest')
      .withNetwork(network)
      .withNetworkAliases('target-db')
      .withLabels(labels)
      .withCommand(['httpd', '-f', '-p', '5432'])
      .start();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  for (const image of ['busybox:latest', 'python:3.11-slim', 'node:20']) {
    it(`resolves names and opens connections with what ${image} has`, async () => {
      const prober = await new GenericContainer(image).withNetwork(network).withLabels(labels).withEntrypoint(['sleep']).withCommand(['120']).start();
      const { probes, failure } = await probeNames(docker, prober.getId(), ['target-db', 'no-such-name'], 5432);
      expect(failure).toBeUndefined();
      expect(probes.get('target-db')).toMatchObject({ resolved: true, address: target.getIpAddress(network.getName()), connected: true });
      expect(probes.get('no-such-name')).toMatchObject({ resolved: false });
    });
  }

  it('says when the image has no shell, or the container is gone', async () => {
    const context = mkdtempSync(join(tmpdir(), 'rock-check-nosh-'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM busybox:latest\nRUN rm /bin/sh\nCMD ["sleep", "120"]\n');
    const built = await buildImage(docker, { context, dockerfile: 'Dockerfile', tag: `rock-check-${runId}-nosh`, labels, timeoutMs: 60_000 });
    rmSync(context, { recursive: true, force: true });
    expect(built.ok).toBe(true);
    const shell = await new GenericContainer(built.tag).withNetwork(network).withLabels(labels).start();
    expect((await probeNames(docker, shell.getId(), ['target-db'], 5432)).failure).toBe('the image has no sh to run a probe with');
    expect((await probeNames(docker, 'no-such-container', ['x'])).failure).toMatch(/no such container/i);
  });
});
