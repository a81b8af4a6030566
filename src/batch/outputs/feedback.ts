import type { Finding } from '../../model/finding.js';
import { mdCode, mdLine, mdText } from '../../report/formats/markdown.js';
import { advisedCriteria } from '../../report/formats/summary.js';
import type { CriterionResult, Report } from '../../report/report.js';
import type { ClassRow } from './class-rows.js';

/** Findings shown per criterion: enough to act on, short enough for an issue comment. */
const MAX_FINDINGS = 10;

function where(f: Finding): string {
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
}

function criterionBlock(c: CriterionResult, n: number): string[] {
  const pts = `${c.points} point${c.points === 1 ? '' : 's'}`;
  const out = [`${n}. **${mdText(c.id)}: ${mdText(c.title)}** (${c.level}, ${c.status === 'pass' ? `passed, ${pts} earned` : pts})`];
  for (const f of c.findings.slice(0, MAX_FINDINGS)) {
    out.push(`   - ${mdCode(where(f))}: ${mdText(f.message)}`);
    if (f.hint) out.push(`     Hint: ${mdText(f.hint)}`);
  }
  if (c.findings.length > MAX_FINDINGS) out.push(`   - … and ${c.findings.length - MAX_FINDINGS} more in the full report`);
  if (c.findings.length === 0 && c.reason) out.push(`   - ${mdText(c.reason)}`);
  return out;
}

/** Required failures first (most points first), then advice; the order to fix them in. */
function toFix(report: Report): CriterionResult[] {
  const rank = (c: CriterionResult) => (c.level === 'required' ? 0 : 1);
  return report.criteria.filter((c) => c.status === 'fail').sort((a, b) => rank(a) - rank(b) || b.points - a.points);
}

/**
 * feedback.md: written for the student, ready to post as an issue or a
 * comment: the score, what to fix first, each finding with file:line and
 * its hint, then the advice of passing criteria, which costs no points.
 * Everything from the submission is escaped.
 */
export function feedbackMarkdown(row: ClassRow): string {
  const g = row.latest;
  const report = g?.report;
  const commit = g?.commit ? ` at commit ${mdCode(g.commit)}` : '';
  if (!g || !report) {
    return [
      '# rock-check could not grade this submission',
      '',
      `Submission: ${mdCode(row.student.repository)}${commit}`,
      '',
      `Reason: ${mdText(row.reason ?? 'unknown')}`,
      '',
      'Check that the repository exists, is shared with the course, and holds the api (and client) folders, then push again.',
      '',
    ].join('\n');
  }
  const { earned, possible } = report.score;
  const pct = possible === 0 ? '' : ` (${Math.floor((earned / possible) * 100)}%)`;
  const verdict = { pass: 'every required criterion passes', fail: 'some required criteria fail', error: 'the grading could not finish; the score is incomplete' }[report.status];
  const lines = [
    `# rock-check: ${mdLine(report.profile.name)}`,
    '',
    `**Score: ${earned} / ${possible}${pct}**: ${verdict}.`,
    '',
    `Graded ${mdCode(row.student.repository)}${commit} on ${g.finishedAt.slice(0, 10)} (${report.mode === 'static' ? 'static checks only' : 'static checks and a real boot of the stack'}, rock-check ${mdText(report.tool.version)}).`,
    '',
  ];
  const fix = toFix(report);
  if (fix.length > 0) {
    lines.push('## What to fix first', '');
    fix.forEach((c, i) => lines.push(...criterionBlock(c, i + 1)));
    lines.push('');
  }
  const unchecked = report.criteria.filter((c) => c.status === 'error');
  if (unchecked.length > 0 || report.errors.length > 0) {
    lines.push('## Could not be checked', '');
    for (const c of unchecked) lines.push(`- **${mdText(c.id)}: ${mdText(c.title)}**: ${mdText(c.reason ?? 'not run')}`);
    for (const e of report.errors) lines.push(`- ${mdText(e.message)}`);
    lines.push('');
  }
  if (fix.length === 0 && unchecked.length === 0) lines.push('Nothing to fix: well done.', '');
  const advised = advisedCriteria(report);
  if (advised.length > 0) {
    lines.push('## Advice (costs no points)', '', 'These criteria passed with full points, with advice worth reading:', '');
    advised.forEach((c, i) => lines.push(...criterionBlock(c, i + 1)));
    lines.push('');
  }
  lines.push('Run `npx rock-check .` in your folder to see the same result before you push.', '');
  return lines.join('\n');
}
