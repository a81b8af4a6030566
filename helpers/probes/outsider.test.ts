import type Dockerode from 'dockerode';
import { GenericContainer, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { runLabels } from '../../src/cleanup/labels.js';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { renderFinding } from '../../src/model/finding.js';
import { defaultProfile } from '../../src/profile/load.js';
import { startLabelledNetwork } from '../stack/containers.js';
import { dockerDescribe, leftovers } from '../stack/test-support.js';
import type { ProbeContext } from './context.js';
import { outsideCannotResolve, parseLookups } from './outsider.js';

describe('parseLookups', () => {
  it("takes the answer's addresses, not the DNS server's, and nothing from a failed lookup", () => {
    const out = parseLookups(
      [
        'LOOKUP postgres-db 0 Server: 127.0.0.11 Address: 127.0.0.11:53 Non-authoritative answer: Name: postgres-db Address: 172.18.0.2',
        'LOOKUP db 0 Server: 10.0.0.1 Address 1: 10.0.0.1 Name: db Address 1: 10.9.8.7 db.campus.example Address 2: fd00::7',
        "LOOKUP api 1 Server: 10.255.255.53 Address: 10.255.255.53:53 ** server can't find api: NXDOMAIN",
        'noise',
      ].join('\n'),
    );
    expect(out).toEqual(
      new Map([
        ['postgres-db', ['172.18.0.2']],
        ['db', ['10.9.8.7', 'fd00::7']],
        ['api', []],
      ]),
    );
  });
});

dockerDescribe('RC-RT013 outside probe (Docker)', { timeout: 120_000 }, () => {
  const runId = `rt013-${Date.now().toString(36)}`;
  const labels = runLabels(runId);
  let docker: Dockerode;
  let network: StartedNetwork;
  let db: StartedTestContainer;
  let ctx: ProbeContext;
  beforeAll(async () => {
    docker = await dockerClient();
    network = await startLabelledNetwork(`rock-check-${runId}`, labels);
    db = await new GenericContainer('busybox:latest').withNetwork(network).withNetworkAliases('postgres-db').withLabels(labels).withCommand(['sleep', '300']).start();
    const address = db.getIpAddress(network.getName());
    const part = { ready: true, containerId: db.getId(), address };
    ctx = {
      grading: { submission: fakeSubmission({ files: {}, components: { api: '' } }), profile: defaultProfile(), mode: 'full', runId, options: { keepImages: false } },
      runtime: {
        runId,
        mode: 'network',
        host: 'localhost',
        stackFile: '.',
        network: network.getName(),
        build: { ok: true, seconds: 0, findings: [], images: [] },
        boot: { ok: true, seconds: 0, findings: [] },
        components: { database: { role: 'database', names: ['postgres-db'], ...part }, api: { role: 'api', names: ['postgres-db'], ...part } },
      },
    };
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
  });

  it("passes when the outside container is off the stack's network", async () => {
    expect(await outsideCannotResolve(ctx)).toEqual([]);
  });

  it("fails, naming the name and the stack's address, when the outside container can resolve it", async () => {
    const findings = await outsideCannotResolve(ctx, network.getName());
    expect(findings.map(renderFinding)).toEqual([
      `.: a container outside the stack's network resolves "postgres-db" to ${db.getIpAddress(network.getName())}, a container of the stack; only containers on ${network.getName()} should [RC-RT013]`,
    ]);
    expect((await leftovers(docker, runId)).filter((l) => l.endsWith('-outsider'))).toEqual([]);
  });
});
