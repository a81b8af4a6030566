import { stringify } from 'csv-stringify/sync';
import type { ClassRow } from './class-rows.js';
import { safeCell } from './gradebook.js';

const pick = (extra: Record<string, string>, names: string[]) => {
  const key = Object.keys(extra).find((k) => names.includes(k.toLowerCase().replace(/[\s-]+/g, '_')));
  return key === undefined ? '' : extra[key];
};

/**
 * A Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section,
 * then one assignment column with its "Points Possible" row. Canvas matches
 * rows by ID or SIS Login ID; the roster's `canvas_id`/`id`, `sis_user_id` and
 * `section` columns fill those when present, the student identifier is the
 * login. A submission without a grade (status error) has an empty score.
 */
export function canvasCsv(rows: ClassRow[], assignment: string): string {
  const possible = mostCommon(rows.flatMap((r) => (r.latest?.possible != null && r.status !== 'error' ? [r.latest.possible] : [])));
  const header = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', assignment];
  const points = ['Points Possible', '', '', '', '', possible === undefined ? '' : String(possible)];
  const records = rows.map((r) => [
    r.student.name || r.student.student,
    pick(r.student.extra, ['canvas_id', 'canvas_user_id', 'id']),
    pick(r.student.extra, ['sis_user_id', 'sis_id']),
    r.student.student,
    pick(r.student.extra, ['section']),
    r.status === 'error' || r.latest?.earned == null ? '' : String(r.latest.earned),
  ]);
  return stringify([header, points, ...records.map((rec) => rec.map(safeCell))]);
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}
