import type { Finding } from '../../model/finding.js';
import type { CriterionResult, Report } from '../report.js';
import { mdCode, mdPosition, mdText } from './markdown.js';
import { passingAdvice, percent, points, verdictReason } from './summary.js';

/**
 * Gradescope's autograder `results.json`: the total `score`, and one test per
 * criterion with `name`, `score`, `max_score`, `status` (`passed` or
 * `failed`), Markdown `output` (`output_format: "md"`) and `visibility`.
 * Not-applicable criteria are listed worth nothing, so a student sees why
 * (a static run on Gradescope's Docker-less workers lists the runtime
 * criteria this way, and the top-level output says a Docker host runs them);
 * they never cost points. A passing criterion's advice is in the output of
 * its passed test, at full score.
 */
export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'md';
  visibility: 'visible';
  tags: string[];
}

export interface GradescopeResult {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'md';
  test_output_format: 'md';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

function findingLines(f: Finding): string[] {
  return [`- ${mdPosition(f)}: ${mdText(f.message)}`, ...(f.hint !== undefined ? [`  - hint: ${mdText(f.hint)}`] : [])];
}

function testOutput(c: CriterionResult): string {
  if (c.status === 'pass') {
    const advice = passingAdvice(c);
    if (advice.length === 0) return 'Passed.';
    const lines = ['Passed, with full points. Advice, which costs no points:', '', ...advice.flatMap(findingLines)];
    if (c.docs !== undefined) lines.push('', `> ${mdText(c.docs)}`);
    return lines.join('\n');
  }
  if (c.status === 'not-applicable') return `Not graded: ${mdText(c.reason ?? 'not applicable')}.`;
  if (c.status === 'error') return `Not checked: ${mdText(c.reason ?? 'no reason given')}.`;
  const lines = c.reason !== undefined ? [mdText(c.reason), ''] : [];
  lines.push(...c.findings.flatMap(findingLines));
  if (c.docs !== undefined) lines.push('', `> ${mdText(c.docs)}`);
  return lines.join('\n');
}

function runOutput(report: Report): string {
  const lines = [`**rock-check ${report.status.toUpperCase()}**: ${points(report.score.earned, report.score.possible)} points (${percent(report)}); ${mdText(verdictReason(report))}.`];
  if (report.mode === 'static' && report.criteria.some((c) => c.area === 'runtime')) {
    lines.push(
      '',
      'The runtime criteria (building and booting your stack) need a Docker host, which this autograder does not have: they are not graded here and cost no points. Run `npx rock-check .` on a machine with Docker to check them.',
    );
  }
  for (const e of report.errors) lines.push('', `⚠️ ${e.where !== undefined ? `${mdCode(e.where)}: ` : ''}${mdText(e.message)}`);
  return lines.join('\n');
}

export function toGradescope(report: Report): GradescopeResult {
  const tests = report.criteria.map(
    (c, i): GradescopeTest => ({
      name: `${c.id} ${c.title}${c.level === 'advice' ? ' (advice)' : ''}`,
      number: String(i + 1),
      score: c.earned,
      max_score: c.status === 'not-applicable' ? 0 : c.points,
      status: c.status === 'pass' || c.status === 'not-applicable' ? 'passed' : 'failed',
      output: testOutput(c),
      output_format: 'md',
      visibility: 'visible',
      tags: [c.area, c.level],
    }),
  );
  return {
    score: report.score.earned,
    execution_time: Math.round(report.durationMs / 1000),
    output: runOutput(report),
    output_format: 'md',
    test_output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

export function formatGradescope(report: Report): string {
  return `${JSON.stringify(toGradescope(report), null, 2)}\n`;
}
