import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeDocker } from './fake-docker.js';
import { runLabels } from './labels.js';
import { CleanupRegistry } from './registry.js';

describe('CleanupRegistry', () => {
  it('undoes a run last-in first-out, then sweeps what still carries its label', async () => {
    const { docker, removed } = fakeDocker([{ kind: 'container', id: 'stray', labels: runLabels('r1') }]);
    const registry = new CleanupRegistry();
    const order: string[] = [];
    const run = registry.open('r1', { docker });
    run.defer('network', async () => void order.push('network'));
    run.defer('container', async () => void order.push('container'));
    const drop = run.defer('already gone', async () => void order.push('never'));
    drop();
    expect(registry.openRuns()).toEqual(['r1']);
    expect(await run.release()).toEqual([]);
    expect(order).toEqual(['container', 'network']);
    expect(removed).toEqual(['stray']);
    expect(registry.openRuns()).toEqual([]);
  });

  it('keeps going past a failing step and reports it; releasing twice undoes once', async () => {
    const { docker } = fakeDocker([]);
    const registry = new CleanupRegistry();
    const run = registry.open('r2', { docker });
    let count = 0;
    run.defer('counted', async () => void count++);
    run.defer('broken', async () => {
      throw new Error('no such network\nmore');
    });
    const [first, second] = await Promise.all([run.release(), run.release()]);
    expect(first).toEqual(['broken: no such network']);
    expect(second).toBe(first);
    expect(count).toBe(1);
  });

  it('keeps signal handlers installed only while a run is open', async () => {
    const { docker } = fakeDocker([]);
    const registry = new CleanupRegistry();
    const before = process.listenerCount('SIGTERM');
    const a = registry.open('a', { docker });
    const b = registry.open('b', { docker });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await a.release();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await b.release();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`cleans up on ${signal}, then ends the process by that signal`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rock-check-signal-'));
      const marker = join(dir, 'undone');
      const script = join(dir, 'child.ts');
      writeFileSync(
        script,
        `import { writeFileSync } from 'node:fs';
import { CleanupRegistry } from ${JSON.stringify(join(import.meta.dirname, 'registry.ts'))};
import { fakeDocker } from ${JSON.stringify(join(import.meta.dirname, 'fake-docker.ts'))};
const registry = new CleanupRegistry();
const run = registry.open('sig', { docker: fakeDocker([]).docker });
run.defer('slow step', async () => { await new Promise((r) => setTimeout(r, 200)); writeFileSync(${JSON.stringify(marker)}, 'done'); });
setInterval(() => undefined, 1000);
process.kill(process.pid, ${JSON.stringify(signal)});
`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: join(import.meta.dirname, '..', '..'), stdio: 'ignore' });
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      try {
        expect(ended).toEqual({ code: null, signal });
        expect(readFileSync(marker, 'utf8')).toBe('done');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
