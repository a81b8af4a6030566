import { stringify } from 'csv-stringify/sync';
import type { ClassRow } from './class-rows.js';
import { safeCell } from './gradebook.js';

/** Every criterion graded in the class, in the order the reports list them. */
export function criterionIds(rows: ClassRow[]): string[] {
  const ids: string[] = [];
  for (const r of rows) for (const c of r.latest?.report?.criteria ?? []) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** criteria.csv: student × criterion points earned; empty where not applicable or not graded. */
export function criteriaMatrixCsv(rows: ClassRow[]): string {
  const ids = criterionIds(rows);
  const records = rows.map((r) => {
    const byId = new Map((r.latest?.report?.criteria ?? []).map((c) => [c.id, c]));
    return [
      r.student.student,
      r.status,
      ...ids.map((id) => {
        const c = byId.get(id);
        return c === undefined || c.status === 'not-applicable' ? '' : String(c.earned);
      }),
    ];
  });
  return stringify([['student', 'status', ...ids], ...records.map((rec) => rec.map(safeCell))]);
}
