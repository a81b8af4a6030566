import type { Report } from '../../report/report.js';
import { percentOf, type ClassRow } from './class-rows.js';

/** One graded student as the batch outputs read it, for tests of feedback.md and the dashboard. */
export function sampleRow(report: Report, student = 'alice'): ClassRow {
  const { earned, possible } = report.score;
  const grading = {
    id: `${student}-1`,
    student,
    fingerprint: 'c0ffee',
    commit: 'c0ffee1',
    profileHash: 'p',
    toolVersion: report.tool.version,
    mode: report.mode,
    status: report.status,
    earned,
    possible,
    reason: null,
    report,
    startedAt: report.startedAt,
    finishedAt: '2025-03-14T09:28:00.000Z',
  };
  return {
    student: { line: 2, student, name: 'Alice Able', source: { target: '/class/alice' }, repository: '/class/alice', extra: {}, position: 0, inScope: true },
    latest: grading,
    history: [grading],
    folder: `submissions/${student}`,
    reportPath: `submissions/${student}/rock-check.json`,
    status: report.status,
    percent: percentOf(earned, possible),
    failed: report.criteria.filter((c) => c.status === 'fail').map((c) => c.id),
  };
}
