import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { formatNames, type FormatName } from '../src/report/formats/index.js';
import type { Report } from '../src/report/report.js';

export interface FormatRun {
  exit: number;
  /** What the CLI printed in each format, by format name. */
  outputs: Record<FormatName, string>;
  /** Everything written to stderr, over every run. */
  stderr: string;
  report: Report;
}

/** Grades the same submission through the CLI once per output format (`--format NAME --no-out`), static checks only. */
export async function gradeInEveryFormat(args: string[], cwd: string): Promise<FormatRun> {
  const runs: { name: FormatName; exit: number; out: string; err: string }[] = [];
  for (const name of formatNames) {
    const io = memoryIo({ cwd });
    const exit = await runCommand([...args, '--static', '--no-out', '--format', name], io);
    runs.push({ name, exit, out: io.out, err: io.err });
  }
  const exits = new Set(runs.map((r) => r.exit));
  if (exits.size !== 1) throw new Error(`the formats ended with different exit codes: ${runs.map((r) => `${r.name} ${r.exit}`).join(', ')}`);
  const outputs = Object.fromEntries(runs.map((r) => [r.name, r.out])) as Record<FormatName, string>;
  return { exit: runs[0].exit, outputs, stderr: runs.map((r) => r.err).join(''), report: JSON.parse(outputs.json) as Report };
}
