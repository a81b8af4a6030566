import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Report, RunStatus } from '../report/report.js';
import type { RosterEntry, RosterProblem } from './roster.js';

export const DB_FILE = 'rock-check-batch.sqlite';

/** One finished grading of one student: kept for good, the history of the submission. */
export interface Grading {
  id: string;
  student: string;
  /** Fingerprint key: commit or content hash of the submission. */
  fingerprint: string;
  commit: string;
  profileHash: string;
  toolVersion: string;
  mode: 'static' | 'full';
  status: RunStatus;
  earned: number | null;
  possible: number | null;
  /** Why there is no grade or why the run stopped, for status error. */
  reason: string | null;
  report: Report | null;
  startedAt: string;
  finishedAt: string;
}

export interface StoredStudent extends RosterEntry {
  position: number;
  inScope: boolean;
}

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
  student TEXT PRIMARY KEY, position INTEGER NOT NULL, line INTEGER NOT NULL, name TEXT NOT NULL,
  repository TEXT NOT NULL, source TEXT NOT NULL, extra TEXT NOT NULL, in_scope INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS roster_problems (line INTEGER NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gradings (
  id TEXT PRIMARY KEY, student TEXT NOT NULL, fingerprint TEXT NOT NULL, commit_label TEXT NOT NULL,
  profile_hash TEXT NOT NULL, tool_version TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
  earned REAL, possible REAL, reason TEXT, report TEXT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS gradings_student ON gradings (student, finished_at);
CREATE TABLE IF NOT EXISTS attempts (run_id TEXT PRIMARY KEY, student TEXT NOT NULL, started_at TEXT NOT NULL);
`;

/**
 * The batch's state in DIR/rock-check-batch.sqlite. Every write is its own
 * transaction, committed before the call returns (WAL, synchronous=FULL), so
 * a batch killed at any point leaves whole gradings or none.
 */
export class BatchStore {
  readonly db: DatabaseSync;

  constructor(readonly dir: string) {
    this.db = new DatabaseSync(join(dir, DB_FILE), { timeout: 5_000 });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    this.db.exec(schema);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = work();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * Takes DIR for this process. A lock left by a process that no longer runs
   * (killed) is taken over; one held by a running batch is refused.
   */
  lock(): string | undefined {
    return this.transaction(() => {
      const held = this.getMeta('lock');
      if (held) {
        const { pid, host } = JSON.parse(held) as { pid: number; host: string };
        if (host === hostname() && pid !== process.pid && alive(pid)) return `another batch (process ${pid}) is using this folder`;
      }
      this.setMeta('lock', JSON.stringify({ pid: process.pid, host: hostname() }));
      return undefined;
    });
  }

  unlock(): void {
    this.db.prepare("DELETE FROM meta WHERE key = 'lock'").run();
  }

  /** Replaces the roster (it may have changed since the last run); gradings are kept. */
  saveRoster(entries: RosterEntry[], inScope: (e: RosterEntry) => boolean, problems: RosterProblem[], extraColumns: string[]): void {
    this.transaction(() => {
      this.db.exec('DELETE FROM students; DELETE FROM roster_problems;');
      const add = this.db.prepare('INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      entries.forEach((e, i) =>
        add.run(e.student, i, e.line, e.name, e.repository, JSON.stringify(e.source), JSON.stringify(e.extra), inScope(e) ? 1 : 0),
      );
      const problem = this.db.prepare('INSERT INTO roster_problems VALUES (?, ?)');
      for (const p of problems) problem.run(p.line, p.message);
      this.setMeta('extraColumns', JSON.stringify(extraColumns));
    });
  }

  students(): StoredStudent[] {
    const rows = this.db.prepare('SELECT * FROM students ORDER BY position').all() as Record<string, string | number>[];
    return rows.map((r) => ({
      student: String(r.student),
      position: Number(r.position),
      line: Number(r.line),
      name: String(r.name),
      repository: String(r.repository),
      source: JSON.parse(String(r.source)),
      extra: JSON.parse(String(r.extra)),
      inScope: r.in_scope === 1,
    }));
  }

  rosterProblems(): RosterProblem[] {
    return (this.db.prepare('SELECT line, message FROM roster_problems ORDER BY line').all() as { line: number; message: string }[]).map((r) => ({
      line: Number(r.line),
      message: String(r.message),
    }));
  }

  extraColumns(): string[] {
    return JSON.parse(this.getMeta('extraColumns') ?? '[]');
  }

  /** A grading is about to start: recorded first, so that a killed batch knows which Docker run to remove. */
  beginAttempt(runId: string, student: string): void {
    this.db.prepare('INSERT INTO attempts VALUES (?, ?, ?)').run(runId, student, new Date().toISOString());
  }

  endAttempt(runId: string): void {
    this.db.prepare('DELETE FROM attempts WHERE run_id = ?').run(runId);
  }

  /** Attempts a killed batch left open: their gradings never finished. */
  openAttempts(): { runId: string; student: string }[] {
    return (this.db.prepare('SELECT run_id, student FROM attempts').all() as { run_id: string; student: string }[]).map((r) => ({
      runId: String(r.run_id),
      student: String(r.student),
    }));
  }

  /** The grading and the end of its attempt, in one transaction. */
  finish(runId: string | undefined, g: Grading): void {
    this.transaction(() => {
      this.insertGrading(g);
      if (runId !== undefined) this.endAttempt(runId);
    });
  }

  insertGrading(g: Grading): void {
    this.db
      .prepare('INSERT OR IGNORE INTO gradings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        g.id,
        g.student,
        g.fingerprint,
        g.commit,
        g.profileHash,
        g.toolVersion,
        g.mode,
        g.status,
        g.earned,
        g.possible,
        g.reason,
        g.report === null ? null : JSON.stringify(g.report),
        g.startedAt,
        g.finishedAt,
      );
  }

  /** Every grading, oldest first (ties broken by id, so that merged stores order alike). */
  gradings(student?: string): Grading[] {
    const rows = (
      student === undefined
        ? this.db.prepare('SELECT * FROM gradings ORDER BY finished_at, id').all()
        : this.db.prepare('SELECT * FROM gradings WHERE student = ? ORDER BY finished_at, id').all(student)
    ) as Record<string, string | number | null>[];
    return rows.map(toGrading);
  }

  latest(student: string): Grading | undefined {
    const row = this.db.prepare('SELECT * FROM gradings WHERE student = ? ORDER BY finished_at DESC, id DESC LIMIT 1').get(student);
    return row ? toGrading(row as Record<string, string | number | null>) : undefined;
  }
}

function toGrading(r: Record<string, string | number | null>): Grading {
  return {
    id: String(r.id),
    student: String(r.student),
    fingerprint: String(r.fingerprint),
    commit: String(r.commit_label),
    profileHash: String(r.profile_hash),
    toolVersion: String(r.tool_version),
    mode: r.mode as Grading['mode'],
    status: r.status as RunStatus,
    earned: r.earned === null ? null : Number(r.earned),
    possible: r.possible === null ? null : Number(r.possible),
    reason: r.reason === null ? null : String(r.reason),
    report: r.report === null ? null : (JSON.parse(String(r.report)) as Report),
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
