import type { Report } from '../report.js';
import { integerScale, scaled } from './integer-points.js';
import { adviceText, failureText } from './summary.js';

/**
 * Classroom 50's `result.json` (schema `classroom50/result/v1`): the run's
 * `score` and `max-score` as integers, and one entry of `tests` per graded
 * criterion with `test-name`, `passed`, `score` and `max-score`. Points that
 * are not whole are multiplied by one scale for every criterion (see
 * integerScale), so the ratio is the report's; not-applicable criteria are
 * left out, as they are of the score. Run errors are tests worth nothing
 * that did not pass, so the run cannot look clean. A passed test's message,
 * when there is one, is the criterion's advice (`advice: file:line:col: …`).
 */
export interface Classroom50Test {
  'test-name': string;
  passed: boolean;
  score: number;
  'max-score': number;
  message?: string;
}

export interface Classroom50Result {
  schema: 'classroom50/result/v1';
  status: Report['status'];
  score: number;
  'max-score': number;
  tests: Classroom50Test[];
}

export function toClassroom50(report: Report): Classroom50Result {
  const graded = report.criteria.filter((c) => c.status !== 'not-applicable');
  const scale = integerScale(graded);
  const tests = graded.map((c): Classroom50Test => {
    const max = scaled(c.points, scale);
    const message = c.status === 'error' ? `not checked: ${c.reason ?? 'no reason given'}` : c.status === 'fail' ? failureText(c) : adviceText(c);
    return {
      'test-name': `${c.id} ${c.title}`,
      passed: c.status === 'pass',
      score: c.status === 'pass' ? max : 0,
      'max-score': max,
      ...(message !== undefined ? { message } : {}),
    };
  });
  const errors = report.errors.map((e): Classroom50Test => ({ 'test-name': `rock-check ${e.where ?? 'error'}`, passed: false, score: 0, 'max-score': 0, message: e.message }));
  const all = [...errors, ...tests];
  return {
    schema: 'classroom50/result/v1',
    status: report.status,
    score: all.reduce((a, t) => a + t.score, 0),
    'max-score': all.reduce((a, t) => a + t['max-score'], 0),
    tests: all,
  };
}

export function formatClassroom50(report: Report): string {
  return `${JSON.stringify(toClassroom50(report), null, 2)}\n`;
}
