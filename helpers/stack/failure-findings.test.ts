import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/profile/load.js';
import { buildFailedFinding, notReadyFinding, notReadySummary, secretValues, startRefusedFinding } from './failure-findings.js';
import { envNote } from './network-stack.js';

const profile = defaultProfile();

describe('failure findings', () => {
  const facts = {
    awaited: 'an HTTP answer on port 8000 (GET /rocks)',
    budgetMs: 240_000,
    elapsedMs: 3_200,
    state: 'exited',
    exitCode: 1,
    logLines: ['connecting as rockadmin with password localpassword123', 'FATAL:  password authentication failed for user "rockadmin"'],
    cause: 'the container stopped (exited)',
  };

  it('says what was awaited, for how long, how the container ended, its known cause and last lines, with secrets redacted', () => {
    const secrets = secretValues({ DB_PASSWORD: 'localpassword123', DEBUG: 'true' }, profile);
    const f = notReadyFinding(facts, { ruleId: 'RC-RT002', file: 'docker-compose.yml', what: 'the api container', profile, secrets });
    expect(f.message).toBe('the api container did not become ready: waited 3s (budget 240s) for an HTTP answer on port 8000 (GET /rocks); it exited with code 1');
    expect(f.hint).toMatch(/^the database refused user "rockadmin"/);
    expect(f.hint).toContain('last 2 log lines:\n  connecting as rockadmin with password lo********23');
    expect(f.hint).not.toContain('localpassword123');
    expect(notReadySummary(facts)).toBe('it exited with code 1');
    expect(notReadySummary({ ...facts, exitCode: undefined })).toBe('it did not become ready within 3s');
  });

  it('names a distress or a memory kill as the cause, with its own hint, before any log-based hint', () => {
    const ctx = { ruleId: 'RC-RT002', file: 'docker-compose.yml', what: 'the api container', profile, secrets: [] };
    const pids = { ...facts, exitCode: undefined, state: 'running', gaveUpEarly: true, distress: { kind: 'pids' as const, current: 512, limit: 512 }, cause: 'it reached its process limit (512 of 512 processes) and stayed there, so no new process can start' };
    const f = notReadyFinding(pids, ctx);
    expect(f.message).toBe('the api container did not become ready: waited 3s (budget 240s) for an HTTP answer on port 8000 (GET /rocks); stopped waiting: it reached its process limit (512 of 512 processes) and stayed there, so no new process can start');
    expect(f.hint).toMatch(/^a process keeps starting others/);
    expect(notReadySummary(pids)).toBe('it reached its process limit');
    const oom = { ...facts, exitCode: 137, oomKilled: true, memoryLimitBytes: 1024 * 1024 * 1024 };
    expect(notReadyFinding(oom, ctx).message).toMatch(/; it exited with code 137 \(killed for using more memory than its 1024 MiB limit\)$/);
    expect(notReadyFinding(oom, ctx).hint).toMatch(/^the kernel stopped it for using more memory than the grading limit/);
    expect(notReadySummary(oom)).toBe('it was killed for using too much memory');
  });

  it('explains a command Docker cannot start', () => {
    const f = startRefusedFinding(
      '(HTTP code 400) unexpected - failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "./seed_database.sh": permission denied: unknown',
      { ruleId: 'RC-RT002', file: 'rock-of-ages-api', what: 'the api container', profile },
    );
    expect(f?.message).toMatch(/^Docker could not start the api container: OCI runtime create failed/);
    expect(f?.hint).toMatch(/chmod \+x/);
    expect(startRefusedFinding('connect ECONNREFUSED /var/run/docker.sock', { ruleId: 'RC-RT002', file: '.', what: 'x', profile })).toBeUndefined();
  });

  it('quotes the end of a failed build', () => {
    const f = buildFailedFinding({ error: 'The command returned a non-zero code: 1\nmore', logTail: ['Step 6/9 : RUN pip install -r requirement.txt', 'ERROR: Could not open requirements file'] }, {
      file: 'rock-of-ages-api/Dockerfile',
      what: 'the api image',
      profile,
      secrets: [],
    });
    expect(f).toMatchObject({ ruleId: 'RC-RT001', file: 'rock-of-ages-api/Dockerfile', message: 'the api image did not build: The command returned a non-zero code: 1' });
    expect(f.hint).toBe('last 2 lines of the build log:\n  Step 6/9 : RUN pip install -r requirement.txt\n  ERROR: Could not open requirements file');
  });

  it("records how the api's environment was made", () => {
    expect(envNote({ file: 'rock-of-ages-api/.env.local', kind: 'local', env: {}, supplied: [{ key: 'SSLMODE', value: 'disable', reason: 'missing' }, { key: 'DB_PASSWORD', reason: 'placeholder' }], passThrough: [] })).toBe(
      'the api ran with rock-of-ages-api/.env.local (read as docker run --env-file reads it); rock-check supplied SSLMODE=disable (missing), DB_PASSWORD (placeholder).',
    );
  });
});
