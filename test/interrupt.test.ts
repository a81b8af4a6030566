import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dockerClient } from '../src/cleanup/docker-client.js';
import { leftovers } from '../helpers/stack/test-support.js';
import { packageRoot } from '../src/paths.js';
import { materialize } from './support/materialize.js';

/**
 * The CLI interrupted for real: started in a process group of its own, then
 * signalled at a given step of its debug events. A terminal's Ctrl-C
 * signals the whole group (docker compose included); a CI runner's cancel
 * sends SIGTERM to the process alone. Either way the process ends with the
 * signal's status, says why, prints no grade, and leaves nothing of its run.
 */
async function interrupt(step: RegExp, signal: NodeJS.Signals, group: boolean) {
  await using m = await materialize('good');
  const child = spawn(process.execPath, ['--import', 'tsx', join(packageRoot, 'src/cli/main.ts'), m.dir, '--no-out', '--no-color'], {
    cwd: packageRoot,
    detached: true,
    env: { ...process.env, ROCK_CHECK_DEBUG: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    if (step.test(err) && !child.killed) {
      step = /$^/;
      setTimeout(() => (group ? process.kill(-child.pid!, signal) : child.kill(signal)), 2_000);
    }
  });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  const runId = /rock-check: stop ([0-9a-f]+)/.exec(err)?.[1];
  // Whichever comes first, the CLI returning 128+n or the cleanup re-raising the signal: a shell sees 128+n either way.
  const status = ended.signal ? 128 + constants.signals[ended.signal] : ended.code;
  return { status, out, err, runId };
}

async function expectNothingLeft(runId: string | undefined) {
  expect(runId, 'the run was cleaned up').toBeDefined();
  expect(await leftovers(await dockerClient(), runId!)).toEqual([]);
  expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`rock-check-${runId}-`))).toEqual([]);
}

it('Ctrl-C during the build: exit 130, no grade, nothing left', { timeout: 300_000 }, async () => {
  const r = await interrupt(/rock-check: build /, 'SIGINT', true);
  expect(r.status).toBe(130);
  expect(r.out).toBe('');
  expect(r.err).toContain('rock-check: interrupted by SIGINT: no grade; removing what the run created in Docker');
  await expectNothingLeft(r.runId);
});

it('SIGTERM to the process alone once the stack is up: exit 143, no grade, nothing left', { timeout: 300_000 }, async () => {
  const r = await interrupt(/rock-check: ready api/, 'SIGTERM', false);
  expect(r.status).toBe(143);
  expect(r.out).toBe('');
  expect(r.err).toContain('rock-check: interrupted by SIGTERM: no grade; removing what the run created in Docker');
  await expectNothingLeft(r.runId);
});
