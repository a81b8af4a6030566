import { resolve } from 'node:path';
import type { CliIo } from '../cli/io.js';
import type { BatchCommand } from './cli-args.js';
import { defaultJobs } from './jobs.js';
import { mergeBatches, MergeError } from './merge.js';
import { BatchStore, DB_FILE } from './store.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BatchBusyError, runBatch } from './run-batch.js';
import { RosterError } from './roster.js';
import { writeOutputs } from './outputs/write-outputs.js';

/**
 * The batch commands. Exit codes: 0 every student passes, 1 some student
 * fails or has no grade, or a roster row was not graded, 2 usage (an
 * unreadable roster, a busy folder), 3 rock-check's own fault, 128+n when
 * a signal stopped the batch (finished results are kept and written).
 */
export async function runBatchCommand(cmd: BatchCommand, io: CliIo): Promise<number> {
  const abs = (p: string) => resolve(io.cwd, p);
  try {
    if (cmd.kind === 'report') {
      if (!existsSync(join(abs(cmd.dir), DB_FILE))) return usage(io, `${cmd.dir} holds no batch (no ${DB_FILE})`);
      const store = new BatchStore(abs(cmd.dir));
      try {
        await writeOutputs(store, abs(cmd.dir));
      } finally {
        store.close();
      }
      io.stdout(`outputs rewritten in ${cmd.dir}\n`);
      return 0;
    }
    if (cmd.kind === 'merge') {
      const r = await mergeBatches(cmd.dirs.map(abs), abs(cmd.out));
      io.stdout(`merged ${r.gradings} grading(s) of ${r.students} student(s) from ${cmd.dirs.length} folder(s) into ${cmd.out}\n`);
      return 0;
    }
    const mode = cmd.static ? 'static' : 'full';
    const result = await runBatch({
      roster: abs(cmd.roster),
      out: abs(cmd.out),
      jobs: cmd.jobs ?? defaultJobs(mode),
      mode,
      profileFile: cmd.profile === undefined ? undefined : abs(cmd.profile),
      force: cmd.force,
      only: cmd.only,
      shard: cmd.shard,
      write: io.stdout,
      warn: io.stderr,
      live: io.isTTY && io.env.TERM !== 'dumb' && !io.env.CI,
    });
    const s = result.statuses;
    io.stdout(
      `${result.students} student(s): ${s.pass} pass, ${s.fail} fail, ${s.error} error; ${result.graded} graded, ${result.kept} unchanged` +
        `${result.rosterProblems ? `; ${result.rosterProblems} roster row(s) not graded` : ''}. Gradebook: ${join(cmd.out, 'gradebook.csv')}, dashboard: ${join(cmd.out, 'index.html')}\n`,
    );
    if (result.interruptedBy) {
      const { constants } = await import('node:os');
      return 128 + constants.signals[result.interruptedBy];
    }
    return s.fail + s.error + result.rosterProblems > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof RosterError || e instanceof MergeError || e instanceof BatchBusyError) return usage(io, e.message);
    throw e;
  }
}

function usage(io: CliIo, message: string): number {
  io.stderr(`rock-check: ${message}\n`);
  return 2;
}
