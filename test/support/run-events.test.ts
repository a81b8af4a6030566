import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { dockerDescribe } from '../../helpers/stack/test-support.js';
import { runEvents } from './run-events.js';

dockerDescribe('runEvents', () => {
  it('sees a network a run creates and removes, and nothing of another run', async () => {
    const runId = `ev${Date.now().toString(36)}`;
    const since = Date.now();
    const docker = (...args: string[]) => promisify(execFile)('docker', args);
    await docker('network', 'create', '--label', `rock-check.run=${runId}`, `rock-check-${runId}_default`);
    await docker('network', 'rm', `rock-check-${runId}_default`);
    expect(await runEvents(runId, since, Date.now())).toEqual([`network create rock-check-${runId}_default`, `network destroy rock-check-${runId}_default`]);
    expect(await runEvents(`${runId}x`, since, Date.now())).toEqual([]);
  });
});
