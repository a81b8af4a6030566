import { createHash } from 'node:crypto';
import type { Report } from '../../report/report.js';
import type { BatchStore, Grading, StoredStudent } from '../store.js';

/** One student as every output shows them: the latest grading, with its history. */
export interface ClassRow {
  student: StoredStudent;
  latest?: Grading;
  history: Grading[];
  /** Folder of the student's files, relative to DIR. */
  folder: string;
  /** The report (or feedback, without a report) the gradebook points to, relative to DIR. */
  reportPath: string;
  status: 'pass' | 'fail' | 'error';
  percent: number | null;
  failed: string[];
  /** Why there is no grade, for error rows. */
  reason?: string;
}

/** A folder name that is the identifier when it is safe as one, else a cleaned form with a hash. */
export function studentFolder(student: string): string {
  const safe = student.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]/, '_').slice(0, 60);
  return safe === student ? safe : `${safe}-${createHash('sha256').update(student).digest('hex').slice(0, 8)}`;
}

export function percentOf(earned: number | null, possible: number | null): number | null {
  if (earned === null || possible === null || possible === 0) return null;
  return Math.round((earned / possible) * 1000) / 10;
}

function errorReason(g: Grading | undefined, report: Report | null): string | undefined {
  if (!g) return 'not graded yet (the batch was stopped before this submission, or it is in another shard)';
  if (g.status !== 'error') return undefined;
  return g.reason ?? report?.errors[0]?.message ?? report?.criteria.find((c) => c.status === 'error')?.reason ?? 'see the report';
}

/** The students in scope, in roster order. */
export function classRows(store: BatchStore): ClassRow[] {
  const all = store.gradings();
  const byStudent = new Map<string, Grading[]>();
  for (const g of all) byStudent.set(g.student, [...(byStudent.get(g.student) ?? []), g]);
  return store
    .students()
    .filter((s) => s.inScope)
    .map((student) => {
      const history = byStudent.get(student.student) ?? [];
      const latest = history.at(-1);
      const folder = `submissions/${studentFolder(student.student)}`;
      const report = latest?.report ?? null;
      return {
        student,
        latest,
        history,
        folder,
        reportPath: latest ? (report ? `${folder}/rock-check.json` : `${folder}/feedback.md`) : '',
        status: latest?.status ?? 'error',
        percent: percentOf(latest?.earned ?? null, latest?.possible ?? null),
        failed: report ? report.criteria.filter((c) => c.status === 'fail').map((c) => c.id) : [],
        reason: errorReason(latest, report),
      };
    });
}
