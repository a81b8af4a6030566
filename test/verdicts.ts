import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import type { Report } from '../src/report/report.js';

export interface Verdict {
  exit: number;
  report: Report;
  /** Terminal output with the run's variable parts (temp path, duration) replaced. */
  terminal: string;
  failing: string[];
}

/**
 * Grades through the CLI, as a user would, and reads back every output. `args`
 * names the submission (a folder, or --api/--client) and any options; paths
 * under `dir` are shown as <submission> in the terminal text.
 */
export async function gradeThroughCli(dir: string, args: string[] = [dir]): Promise<Verdict> {
  const out = await mkdtemp(join(tmpdir(), 'rc-out-'));
  try {
    const io = memoryIo({ cwd: dir });
    const exit = await runCommand([...args, '--out', out], io);
    const report = JSON.parse(await readFile(join(out, 'rock-check.json'), 'utf8')) as Report;
    const terminal = io.out.split(dir).join('<submission>').replace(/\(took [^)]*\)/, '(took <duration>)');
    const failing = report.criteria.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id);
    return { exit, report, terminal, failing };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
