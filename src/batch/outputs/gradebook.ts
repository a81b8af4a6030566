import { stringify } from 'csv-stringify/sync';
import type { ClassRow } from './class-rows.js';

export const gradebookColumns = ['student', 'name', 'repository', 'commit', 'graded_at', 'score', 'possible', 'percent', 'status', 'failed_criteria', 'report'];

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading quote. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** gradebook.csv: one row per student, the latest grading, then the roster's extra columns. */
export function gradebookCsv(rows: ClassRow[], extraColumns: string[]): string {
  const records = rows.map((r) => [
    r.student.student,
    r.student.name,
    r.student.repository,
    r.latest?.commit ?? '',
    r.latest?.finishedAt ?? '',
    num(r.latest?.earned),
    num(r.latest?.possible),
    num(r.percent),
    r.status,
    r.failed.join(' '),
    r.reportPath,
    ...extraColumns.map((c) => r.student.extra[c] ?? ''),
  ]);
  return stringify([[...gradebookColumns, ...extraColumns], ...records.map((rec) => rec.map(safeCell))]);
}
