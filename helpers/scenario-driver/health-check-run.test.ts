import { describe, expect, it } from 'vitest';
import { lastHealthCheckRun } from './health-check-run.js';

const log = (ExitCode: number, Output: string) => ({ Log: [{ ExitCode: 0, Output: 'ok' }, { ExitCode, Output }] });

describe('lastHealthCheckRun', () => {
  it('is undefined before the engine has run the check, or without one', () => {
    expect(lastHealthCheckRun(undefined)).toBeUndefined();
    expect(lastHealthCheckRun({ Log: [] })).toBeUndefined();
    expect(lastHealthCheckRun({ Log: null })).toBeUndefined();
  });

  it('says a check whose command is missing or not executable cannot run', () => {
    expect(lastHealthCheckRun(log(1, '/bin/sh: 1: curl: not found\n'))).toEqual({ exitCode: 1, output: '/bin/sh: 1: curl: not found', cannotRun: true });
    expect(lastHealthCheckRun(log(127, 'sh: wget: command not found'))?.cannotRun).toBe(true);
    expect(lastHealthCheckRun(log(-1, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH'))?.cannotRun).toBe(true);
    expect(lastHealthCheckRun(log(126, ''))?.cannotRun).toBe(true);
    expect(lastHealthCheckRun(log(1, '/bin/sh: 1: ./health.sh: Permission denied'))?.cannotRun).toBe(true);
  });

  it('keeps a check that ran and failed, or passed, as one that can run', () => {
    expect(lastHealthCheckRun(log(7, 'curl: (7) Failed to connect to localhost port 8000: Connection refused'))?.cannotRun).toBe(false);
    expect(lastHealthCheckRun(log(1, 'urllib.error.HTTPError: HTTP Error 404: Not Found'))?.cannotRun).toBe(false);
    expect(lastHealthCheckRun(log(0, 'not found'))?.cannotRun).toBe(false);
    expect(lastHealthCheckRun(log(1, "FileNotFoundError: [Errno 2] No such file or directory: '/tmp/ready'"))?.cannotRun).toBe(false);
  });

  it('keeps only the end of a long output', () => {
    expect(lastHealthCheckRun(log(1, `${'x'.repeat(5000)}tail`))?.output).toHaveLength(400);
  });
});
