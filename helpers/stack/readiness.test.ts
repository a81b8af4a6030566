import type Dockerode from 'dockerode';
import { BoundPorts } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import { runLabels } from '../../src/cleanup/labels.js';
import { defaultProfile } from '../../src/profile/load.js';
import { notReadyFinding, notReadySummary } from './failure-findings.js';
import { limitedHostConfig, type Limits } from './limits.js';
import { httpAnswering, NotReadyError, type NotReadyFacts } from './readiness.js';
import { dockerDescribe, leftovers } from './test-support.js';

/**
 * Containers that never get ready for a reason waiting does not cure: the
 * wait names the cause and stops long before its budget. Each is a busybox
 * container with small limits, labelled with the test's run and removed.
 */
const profile = defaultProfile();
const runId = `t-distress-${Date.now().toString(36)}`;
const BUDGET_MS = 90_000;

dockerDescribe('readiness: containers in distress (Docker)', { timeout: 60_000 }, () => {
  let docker: Dockerode;
  beforeAll(async () => {
    docker = await dockerClient();
  });
  afterAll(async () => {
    await cleanAll(docker, { runId });
    expect(await leftovers(docker, runId)).toEqual([]);
  });

  /** Starts `script` under the limits, awaits an HTTP answer that never comes, returns what the wait concluded. */
  async function awaitNotReady(name: string, script: string, limits: Limits): Promise<{ facts: NotReadyFacts; ms: number }> {
    const container = await docker.createContainer({
      name: `rock-check-${runId}-${name}`,
      Image: 'busybox:latest',
      Cmd: ['sh', '-c', script],
      Labels: runLabels(runId),
      HostConfig: limitedHostConfig(limits),
    });
    try {
      await container.start();
      const ports = new BoundPorts();
      ports.setBinding(8000, 9);
      const started = Date.now();
      const error = await httpAnswering('/', 8000, BUDGET_MS)
        .waitUntilReady(container, ports)
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(NotReadyError);
      return { facts: (error as NotReadyError).facts, ms: Date.now() - started };
    } finally {
      await container.remove({ force: true, v: true });
    }
  }

  it('a fork bomb: stops waiting once the process limit is reached and held, and says so', async () => {
    const { facts, ms } = await awaitNotReady('forkbomb', 'bomb() { bomb | bomb & }; bomb; sleep 300', { memoryMb: 64, cpus: 0.5, pids: 32 });
    expect(ms).toBeLessThan(20_000);
    expect(facts.distress).toMatchObject({ kind: 'pids', limit: 32 });
    expect(facts.gaveUpEarly).toBe(true);
    const f = notReadyFinding(facts, { ruleId: 'RC-RT002', file: 'docker-compose.yml', what: 'the api container', profile, secrets: [] });
    expect(f.message).toMatch(/; stopped waiting: it reached its process limit \(3[12] of 32 processes\) and stayed there, so no new process can start$/);
    expect(f.hint).toMatch(/^a process keeps starting others \(a fork bomb/);
    expect(notReadySummary(facts)).toBe('it reached its process limit');
  });

  it('a log flood: stops waiting once the log has been written without pause for seconds, with its rate', async () => {
    const { facts, ms } = await awaitNotReady('flood', 'while :; do echo "retrying the database connection now"; done', { memoryMb: 64, cpus: 0.5, pids: 32 });
    expect(ms).toBeLessThan(45_000);
    expect(facts.distress).toMatchObject({ kind: 'log-flood' });
    const f = notReadyFinding(facts, { ruleId: 'RC-RT002', file: 'docker-compose.yml', what: 'the api container', profile, secrets: [] });
    expect(f.message).toMatch(/; stopped waiting: it writes its log without pause \(about \d+ lines, [\d.]+ [KM]iB a second\)$/);
    expect(f.hint).toMatch(/^something prints in a loop/);
    expect(f.hint).toContain('retrying the database connection now');
    expect(notReadySummary(facts)).toBe('it floods its log');
  });

  it('a memory hog: killed by the kernel, named as such with the limit it exceeded', async () => {
    const { facts, ms } = await awaitNotReady('oom', 'x=aaaaaaaaaaaaaaaa; while :; do x="$x$x"; done', { memoryMb: 16, cpus: 0.5, pids: 32 });
    expect(ms).toBeLessThan(20_000);
    expect(facts).toMatchObject({ oomKilled: true, exitCode: 137 });
    const f = notReadyFinding(facts, { ruleId: 'RC-RT002', file: 'docker-compose.yml', what: 'the api container', profile, secrets: [] });
    expect(f.message).toMatch(/; it exited with code 137 \(killed for using more memory than its 16 MiB limit\)$/);
    expect(f.hint).toMatch(/^the kernel stopped it for using more memory than the grading limit/);
    expect(notReadySummary(facts)).toBe('it was killed for using too much memory');
  });
});
