import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { run } from '../helpers/stack/compose-cli.js';
import { materialize } from './support/materialize.js';

describe('progress of a single grading', () => {
  it('prints nothing but the report when piped', async () => {
    await using sub = await materialize('good');
    const io = memoryIo({ cwd: sub.dir });
    expect(await runCommand([sub.dir, '--static', '--no-out'], io)).toBe(0);
    expect(io.err).toBe('');
  });

  it('prints one line per step with --verbose, then the report on stdout', async () => {
    await using sub = await materialize('good');
    const io = memoryIo({ cwd: sub.dir });
    expect(await runCommand([sub.dir, '--static', '--no-out', '--verbose'], io)).toBe(0);
    const lines = io.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[ +\d+\.\d s\] reading the submission$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\[ +\d+\.\d s\] checks$/));
    expect(io.out).toContain('Result      PASS');
  });

  it('shows the steps live on a terminal and clears them before the report', async () => {
    await using sub = await materialize('good');
    const io = memoryIo({ cwd: sub.dir, isTTY: true, columns: 100, env: { NO_COLOR: '1', TERM: 'xterm' } });
    expect(await runCommand([sub.dir, '--static', '--no-out'], io)).toBe(0);
    expect(io.err).toContain('reading the submission');
    expect(io.err).toMatch(/\d+ criteria checked, 0 failing so far/);
    expect(io.err.endsWith('\u001b[J')).toBe(true);
  });

  it('hands each line of a build as it comes', async () => {
    const lines: string[] = [];
    const r = await run('sh', ['-c', 'printf "Step 1/2 : FROM x\\n"; sleep 0.1; printf "Step 2/2 : RUN y\\r\\npartial"'], { timeoutMs: 10_000, onLine: (l) => lines.push(l) });
    expect(r.code).toBe(0);
    expect(lines).toEqual(['Step 1/2 : FROM x', 'Step 2/2 : RUN y']);
  });
});
