import type { CriterionResult, Report } from '../report.js';
import { adviceText, failureText } from './summary.js';

/**
 * What GitHub Classroom's reporter (classroom-resources/autograding-grading-reporter)
 * reads: each grader step publishes, base64-encoded in `<STEP_ID>_RESULTS`,
 *
 *   { version: 1, status: 'pass'|'fail'|'error', max_score: number,
 *     tests: [{ name, status: 'pass'|'fail'|'error', score, message?, ... }] }
 *
 * The reporter fails the job when `status` is 'fail' or 'error', prints each
 * test with its message when it did not pass, and sends Classroom the sum of
 * the tests' `score` out of `max_score`. Each criterion is one test worth its
 * points (`max_score` per test is kept for readers); not-applicable criteria
 * are left out, as they are of the score. A passing criterion with advice is
 * a passed test whose message is that advice (`advice: file:line:col: …`).
 */
export interface AutogradingTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  max_score: number;
  message?: string;
}

export interface AutogradingResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: AutogradingTest[];
}

function message(c: CriterionResult): string | undefined {
  if (c.status === 'error') return `not checked: ${c.reason ?? 'no reason given'}`;
  if (c.status === 'fail') return failureText(c);
  return adviceText(c);
}

export function toAutograding(report: Report): AutogradingResult {
  const tests = report.criteria
    .filter((c) => c.status !== 'not-applicable')
    .map((c): AutogradingTest => {
      const m = message(c);
      return {
        name: `${c.id} ${c.title}`,
        status: c.status as AutogradingTest['status'],
        score: c.earned,
        max_score: c.points,
        ...(m !== undefined ? { message: m } : {}),
      };
    });
  const runErrors = report.errors.map(
    (e): AutogradingTest => ({ name: `rock-check ${e.where ?? 'error'}`, status: 'error', score: 0, max_score: 0, message: e.message }),
  );
  return { version: 1, status: report.status, max_score: report.score.possible, tests: [...runErrors, ...tests] };
}

/** The autograding result as JSON (rock-check.autograding.json); base64 it into `<STEP_ID>_RESULTS`. */
export function formatAutograding(report: Report): string {
  return `${JSON.stringify(toAutograding(report), null, 2)}\n`;
}
