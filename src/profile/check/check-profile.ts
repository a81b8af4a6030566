import { constants } from 'node:os';
import { gradeSubmission } from '../../grade/grade-submission.js';
import { renderFinding } from '../../model/finding.js';
import { visibleLine } from '../../model/visible-text.js';
import type { ProgressEvent } from '../../progress/events.js';
import type { CriterionResult, Report } from '../../report/report.js';
import { loadProfile, ProfileError } from '../load.js';
import type { AnyProfile } from '../profile.js';

/** What `profile check` prints and the exit code it ends with (0 valid and fair, 1 a required criterion fails on the reference, 2 invalid, 3 own fault). */
export interface CheckOutcome {
  code: number;
  lines: string[];
}

/** The profile, or each of its problems as `file:line:col: message`. */
export function validateProfile(file: string): { profile: AnyProfile } | { problems: string[] } {
  try {
    return { profile: loadProfile(file) };
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    return { problems: e.problems.length > 0 ? e.problems : [e.message.includes(file) ? e.message : `${file}: ${e.message}`] };
  }
}

/**
 * `rock-check profile check FILE [REFERENCE]`: the profile's schema and
 * meaning; with a reference solution, the reference graded under it (in full,
 * or statically), which must pass every required criterion.
 */
export async function checkProfile(
  file: string,
  reference: { path: string; shown: string; static: boolean } | undefined,
  onProgress?: (e: ProgressEvent) => void,
): Promise<CheckOutcome> {
  const valid = validateProfile(file);
  if ('problems' in valid) {
    const n = valid.problems.length;
    return { code: 2, lines: [...valid.problems.map((p) => visibleLine(p)), `${file}: not valid (${n} problem${n === 1 ? '' : 's'})`] };
  }
  const { profile } = valid;
  const summary = `${file}: valid: ${describe(profile)}`;
  if (!reference) return { code: 0, lines: [summary] };
  const outcome = await gradeSubmission({ source: { target: reference.path }, profile, mode: reference.static ? 'static' : 'full', onProgress });
  if (outcome.kind === 'interrupted') return { code: 128 + constants.signals[outcome.signal], lines: [summary, 'interrupted: the reference was not graded'] };
  if (outcome.kind === 'invalid-report') return { code: 3, lines: [summary, 'internal error: the report does not match its schema', ...outcome.problems.map((p) => visibleLine(p))] };
  return fairness(summary, reference.shown, outcome.report);
}

function describe(p: AnyProfile): string {
  const required = p.criteria.filter((c) => c.level === 'required').length;
  const total = p.criteria.reduce((n, c) => n + c.points, 0);
  return (
    `${p.criteria.length} criteria (${required} required, ${p.criteria.length - required} advice; ${total} points), ` +
    `roles ${Object.keys(p.stack.roles).join(', ')}, layouts ${p.stack.layouts.join(', ')}`
  );
}

/** Whether the reference passes every required criterion, and which do not. */
function fairness(summary: string, shown: string, report: Report): CheckOutcome {
  const graded = `${visibleLine(shown)} graded ${report.mode === 'static' ? 'statically (runtime criteria skipped)' : 'in full'}: ${report.score.earned}/${report.score.possible} points`;
  const skipped = (c: CriterionResult) => c.status === 'not-applicable' && report.mode === 'static' && c.area === 'runtime';
  const failing = report.criteria.filter((c) => c.level === 'required' && (c.status === 'fail' || c.status === 'error'));
  const advice = report.criteria.filter((c) => c.level === 'advice' && c.status === 'fail');
  const unproven = report.criteria.filter((c) => c.status === 'not-applicable' && !skipped(c));
  const lines = [summary, graded];
  for (const c of failing) lines.push(...criterionLines('✗', c));
  for (const c of advice) lines.push(...criterionLines('! advice', c));
  for (const c of unproven) lines.push(`- ${c.id} ${c.title}: not applicable to this reference (${c.reason ?? 'no reason given'}), so it does not prove it`);
  for (const e of report.errors) lines.push(`error: ${e.message}${e.where ? ` (${e.where})` : ''}`);
  if (report.errors.length > 0) return { code: 3, lines: [...lines, 'the grade of the reference is incomplete: fix the error above and check again'] };
  if (failing.length > 0) {
    const n = failing.length;
    return { code: 1, lines: [...lines, `not fair: the reference fails ${n} required ${n === 1 ? 'criterion' : 'criteria'}; fix the reference or the profile`] };
  }
  return { code: 0, lines: [...lines, 'fair: the reference passes every required criterion'] };
}

function criterionLines(mark: string, c: CriterionResult): string[] {
  const head = `${mark} ${c.id} ${c.title} (${c.level}): ${c.status === 'error' ? `error${c.reason ? `: ${c.reason}` : ''}` : 'fails'}`;
  return [head, ...c.findings.map((f) => `    ${renderFinding(f)}`)];
}
