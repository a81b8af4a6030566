import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageVersion } from '../paths.js';
import { loadProfile, profileFile as profileFileOf } from '../profile/load.js';
import type { AnyProfile as Profile } from '../profile/profile.js';
import { fingerprintOf, type Fingerprint } from './fingerprint.js';
import { progressSink, type ProgressSink } from './progress.js';
import { readRoster, type RosterEntry } from './roster.js';
import { startGrading, type RunningGrading } from './run-grading.js';
import { inShard, type Shard } from './shard.js';
import { BatchStore, type Grading } from './store.js';
import { writeOutputs } from './outputs/write-outputs.js';
import type { WorkerResult } from './worker-protocol.js';

export interface BatchOptions {
  roster: string;
  out: string;
  jobs: number;
  mode: 'static' | 'full';
  profileFile?: string;
  force: boolean;
  only?: 'failed' | 'error';
  shard?: Shard;
  /** Progress lines; `live` redraws a block in place (a terminal). */
  write: (text: string) => void;
  warn: (text: string) => void;
  live: boolean;
}

export interface BatchResult {
  /** 128 + n when a signal stopped the batch. */
  interruptedBy?: NodeJS.Signals;
  students: number;
  graded: number;
  kept: number;
  statuses: Record<'pass' | 'fail' | 'error', number>;
  rosterProblems: number;
}

/** Content of the profile as loaded: a changed rubric regrades everyone. */
export function profileHash(profile: Profile): string {
  return createHash('sha256').update(JSON.stringify(profile)).digest('hex').slice(0, 16);
}

/**
 * Grades a roster into DIR: each student's submission in a grading process
 * of its own, `jobs` at once, each result committed to the store the moment
 * it ends; then writes the outputs from the store. A killed batch's
 * leftovers are removed first; unchanged submissions are kept as graded.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const roster = await readRoster(opts.roster);
  const profileFile = opts.profileFile === undefined ? undefined : resolve(profileFileOf(opts.profileFile));
  const profile = profileFile === undefined ? loadProfile() : loadProfile(profileFile);
  const hash = profileHash(profile);
  await mkdir(opts.out, { recursive: true });
  const store = new BatchStore(opts.out);
  try {
    const busy = store.lock();
    if (busy) throw new BatchBusyError(`${opts.out}: ${busy}`);
    for (const p of roster.notices) opts.warn(`rock-check: ${opts.roster}:${p.line}: note: ${p.message}\n`);
    for (const p of roster.problems) opts.warn(`rock-check: ${opts.roster}:${p.line}: ${p.message}; not graded\n`);
    await removeLeftovers(store, opts.warn);
    const scope = (e: RosterEntry) => inShard(e.student, opts.shard);
    store.saveRoster(roster.entries, scope, roster.problems, roster.extraColumns);
    const entries = roster.entries.filter(scope);

    const progress = progressSink(opts.write, opts.live, entries.length, opts.jobs);
    progress.note(
      `rock-check batch: ${entries.length} submission(s)${opts.shard ? ` (shard ${opts.shard.index}/${opts.shard.count} of ${roster.entries.length})` : ''}, ${opts.mode} grading, --jobs ${opts.jobs}`,
    );
    const ctx: Ctx = { opts, store, profileFile, hash, progress, running: new Map(), stopping: undefined, graded: 0, kept: 0 };
    const onSignal = (signal: NodeJS.Signals) => {
      if (ctx.stopping) {
        for (const r of ctx.running.values()) r.signal('SIGKILL');
        return;
      }
      ctx.stopping = signal;
      progress.note(`rock-check: ${signal}: stopping; ${ctx.running.size} running grading(s) remove what they created; finished results are kept`);
      for (const r of ctx.running.values()) r.signal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      await pool(entries, opts.jobs, (e) => gradeOne(ctx, e), () => ctx.stopping !== undefined);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      progress.close();
    }
    // A killed child may have left what it could not remove; its attempt stays open for the next run otherwise.
    await removeLeftovers(store, opts.warn);
    await writeOutputs(store, opts.out);
    const statuses = { pass: 0, fail: 0, error: 0 };
    for (const e of entries) statuses[store.latest(e.student)?.status ?? 'error']++;
    return {
      interruptedBy: ctx.stopping,
      students: entries.length,
      graded: ctx.graded,
      kept: ctx.kept,
      statuses,
      rosterProblems: roster.problems.length,
    };
  } finally {
    store.unlock();
    store.close();
  }
}

export class BatchBusyError extends Error {}

interface Ctx {
  opts: BatchOptions;
  store: BatchStore;
  profileFile?: string;
  hash: string;
  progress: ProgressSink;
  running: Map<string, RunningGrading>;
  stopping?: NodeJS.Signals;
  graded: number;
  kept: number;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, lane));
}

/** Whether the stored grading still stands for this submission as it is now. */
function keeps(ctx: Ctx, latest: Grading | undefined, fp: Fingerprint): boolean {
  const { force, only, mode } = ctx.opts;
  if (force) return false;
  if (only) return latest?.status !== (only === 'failed' ? 'fail' : 'error');
  if (!latest) return false;
  return latest.fingerprint === fingerprintKey(fp) && latest.profileHash === ctx.hash && latest.toolVersion === packageVersion && latest.mode === mode;
}

function fingerprintKey(fp: Fingerprint): string {
  return fp.ok ? fp.key : `unreachable:${createHash('sha256').update(fp.reason).digest('hex').slice(0, 16)}`;
}

async function gradeOne(ctx: Ctx, entry: RosterEntry): Promise<void> {
  const { store, progress, opts } = ctx;
  progress.begin(entry.student);
  const fp = await fingerprintOf(entry.source);
  const latest = store.latest(entry.student);
  if (keeps(ctx, latest, fp) || ctx.stopping) {
    if (!ctx.stopping) ctx.kept++;
    progress.finish(entry.student, latest, false);
    return;
  }
  const startedAt = new Date().toISOString();
  const base = { id: randomUUID(), student: entry.student, fingerprint: fingerprintKey(fp), commit: fp.ok ? fp.commit : '', profileHash: ctx.hash, toolVersion: packageVersion, mode: opts.mode, startedAt };
  if (!fp.ok) {
    const g: Grading = { ...base, status: 'error', earned: null, possible: null, reason: fp.reason, report: null, finishedAt: new Date().toISOString() };
    store.finish(undefined, g);
    ctx.graded++;
    progress.finish(entry.student, g, true);
    return;
  }
  const runId = `b${randomBytes(6).toString('hex')}`;
  store.beginAttempt(runId, entry.student);
  progress.step(entry.student, 'grading');
  const run = startGrading(
    { source: entry.source, profileFile: ctx.profileFile, mode: opts.mode, runId, resultFile: join(opts.out, `.grading-${runId}.json`) },
    timeoutFor(opts.mode),
    (step) => progress.step(entry.student, step),
  );
  ctx.running.set(runId, run);
  const result: WorkerResult = await run.done;
  ctx.running.delete(runId);
  if (result.kind === 'interrupted' && ctx.stopping) {
    // Torn down by the stop: no grade, and the next run grades it again. The attempt stays until its leftovers are swept.
    progress.finish(entry.student, latest, false);
    return;
  }
  const finishedAt = new Date().toISOString();
  const g: Grading =
    result.kind === 'report'
      ? { ...base, status: result.report.status, earned: result.report.score.earned, possible: result.report.score.possible, reason: null, report: result.report, finishedAt }
      : { ...base, status: 'error', earned: null, possible: null, reason: result.reason, report: null, finishedAt };
  store.finish(result.kind === 'interrupted' ? undefined : runId, g);
  ctx.graded++;
  progress.finish(entry.student, g, true);
}

function timeoutFor(mode: 'static' | 'full'): number {
  return mode === 'static' ? 5 * 60_000 : 30 * 60_000;
}

/** What gradings of a killed batch left in Docker, found by their run labels; then their attempts are closed. */
async function removeLeftovers(store: BatchStore, warn: (t: string) => void): Promise<void> {
  const open = store.openAttempts();
  if (open.length === 0) return;
  const { cleanAll } = await import('../cleanup/index.js');
  for (const a of open) {
    try {
      const removed = await cleanAll(undefined, { runId: a.runId });
      if (removed.length > 0) warn(`rock-check: removed ${removed.length} Docker object(s) left by the interrupted grading of ${a.student} (run ${a.runId})\n`);
      store.endAttempt(a.runId);
    } catch (e) {
      warn(`rock-check: could not remove what the interrupted grading of ${a.student} left (run ${a.runId}): ${(e as Error).message.split('\n')[0]}\n`);
    }
  }
}
