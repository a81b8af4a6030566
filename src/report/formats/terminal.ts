import { renderFinding, type Finding } from '../../model/finding.js';
import type { Layout } from '../../model/submission.js';
import { defuseCommand } from '../../model/visible-text.js';
import { sumPoints } from '../points.js';
import type { CriterionResult, CriterionStatus, Report, RunStatus } from '../report.js';
import { countByStatus, groupByArea, passingAdvice, percent, points, verdictReason } from './summary.js';
import { duration, spread, visibleControls, wrap } from './text.js';

export interface TerminalOptions {
  /** ANSI colours; the command line decides from NO_COLOR, FORCE_COLOR and the TTY. */
  color: boolean;
  /** Line width to wrap at; 80 unless told. */
  width?: number;
}

const marks: Record<CriterionStatus, string> = { pass: '✓', fail: '✗', 'not-applicable': '-', error: '!' };
const markColors: Record<CriterionStatus, string> = { pass: '32', fail: '31', 'not-applicable': '2', error: '33' };
const verdictColors: Record<RunStatus, string> = { pass: '1;32', fail: '1;31', error: '1;33' };

const layouts: Record<Layout, string> = {
  parent: 'parent folder',
  'api-only': 'api repository alone',
  'api-with-compose': 'api repository with its own compose file',
  separate: 'api and client given separately',
  'with-compose': 'one folder with a compose file',
  'without-compose': 'one folder without a compose file',
};

/** Width of the label column of the header and of the totals. */
const LABEL = 12;
/** Indent of a criterion's title: `  ✓ RC-DF001  `. */
const TITLE = 14;
/** Room kept at the right of a criterion line for its points (`12/12`, `n/a`). */
const POINTS = 6;

/**
 * The report as a student reads it in a terminal: header, criteria grouped by
 * area with marks and points, each failure's findings and hints, the advice
 * a passing criterion carries (`advice: file:line:col: …`), totals and the
 * verdict. Pure: the same report gives the same text.
 */
export function formatTerminal(report: Report, options: TerminalOptions): string {
  const width = options.width ?? 80;
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const clean = visibleControls;
  const out: string[] = [];

  const field = (label: string, value: string) => out.push(...wrap(clean(value), width, label.padEnd(LABEL), ' '.repeat(LABEL)));
  out.push(paint('1', `rock-check ${report.tool.version}`));
  for (const notice of report.notices ?? []) {
    const [head, ...tail] = wrap(clean(notice), width, 'Notice'.padEnd(LABEL), ' '.repeat(LABEL));
    out.push(`${'Notice'.padEnd(LABEL)}${paint('1;33', head.slice(LABEL))}`, ...tail);
  }
  const sub = report.submission;
  field('Submission', sub.source);
  const parts = [
    ...sub.components.map((c) => `${c.role} ${c.source ?? (c.dir === '' ? '(root)' : c.dir)}`),
    ...(sub.compose !== undefined ? [`compose ${sub.compose}`] : []),
  ];
  field('', `${layouts[sub.layout]}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`);
  field('Profile', `${report.profile.id} v${report.profile.version}: ${report.profile.name}`);
  field('Mode', `${report.mode === 'static' ? 'static: runtime checks skipped' : 'full'} (took ${duration(report.durationMs)})`);

  for (const group of groupByArea(report)) {
    out.push('');
    const total = group.graded ? points(group.earned, group.possible) : 'n/a';
    out.push(paint('1', spread(group.label, total, width)));
    const reasons = new Set(group.criteria.map((c) => (c.status === 'not-applicable' ? c.reason : undefined)));
    const [only] = reasons;
    if (reasons.size === 1 && only !== undefined) {
      out.push(...wrap(clean(`${group.criteria.length} criteria not applicable: ${only}`), width, '  - ', '    '));
      continue;
    }
    // Under a notice, the criteria it explains (blocked by a missing input) fold into one line per area.
    const folded = report.notices ? group.criteria.filter((c) => c.blockedBy !== undefined) : [];
    for (const c of group.criteria) {
      if (!folded.includes(c)) out.push(...criterionLines(c, width, paint));
      else if (c === folded[0]) out.push(...foldedLines(folded, width, paint));
    }
  }

  if (report.errors.length > 0) {
    out.push('', paint('1', 'Errors that stopped part of the run'));
    for (const e of report.errors) {
      const text = clean(e.where ? `${e.where}: ${e.message}` : e.message);
      const [head, ...tail] = wrap(text, width, `  ${marks.error} `, '    ');
      out.push(paint(markColors.error, head), ...tail);
    }
  }

  const counts = countByStatus(report);
  const tally = [
    `${counts.pass} passed`,
    `${counts.fail} failed`,
    ...(counts['not-applicable'] > 0 ? [`${counts['not-applicable']} not applicable`] : []),
    ...(counts.error > 0 ? [`${counts.error} not checked`] : []),
  ].join(', ');
  out.push('');
  field('Score', `${points(report.score.earned, report.score.possible)} (${percent(report)}): ${tally}`);
  const [verdict, ...rest] = wrap(`${report.status.toUpperCase()}: ${verdictReason(report)}`, width, 'Result'.padEnd(LABEL), ' '.repeat(LABEL));
  out.push(`${'Result'.padEnd(LABEL)}${paint(verdictColors[report.status], verdict.slice(LABEL))}`, ...rest);
  // wrapping can start a line with a word such as `::error`, which a CI log would run as a command
  return `${out.map(defuseCommand).join('\n')}\n`;
}

function foldedLines(criteria: CriterionResult[], width: number, paint: (code: string, text: string) => string): string[] {
  const roots = [...new Set(criteria.flatMap((c) => c.blockedBy ?? []))].sort();
  const score = points(0, sumPoints(criteria.map((c) => c.points)));
  const text = `${criteria.map((c) => c.id).join(', ')}: cannot be checked (see ${roots.join(', ')})`;
  const [first, ...more] = wrap(visibleControls(text), width - POINTS, `  ${marks.fail} `, '    ');
  const plain = spread(first, score, width);
  return [`  ${paint(markColors.fail, marks.fail)}${plain.slice(3, plain.length - score.length)}${paint(markColors.fail, score)}`, ...more];
}

function criterionLines(c: CriterionResult, width: number, paint: (code: string, text: string) => string): string[] {
  const mark = marks[c.status];
  const title = `${c.title}${c.level === 'advice' ? ' (advice)' : ''}`;
  const score = c.status === 'not-applicable' ? 'n/a' : points(c.earned, c.points);
  const [first, ...more] = wrap(visibleControls(title), width - POINTS, `  ${mark} ${c.id.padEnd(TITLE - 4)}`, ' '.repeat(TITLE));
  const plain = spread(first, score, width);
  const lost = c.status === 'fail' || c.status === 'error';
  const head = `  ${paint(markColors[c.status], mark)}${plain.slice(3, plain.length - score.length)}${lost ? paint(markColors[c.status], score) : score}`;
  const lines = [head, ...more];
  const note = (text: string) => lines.push(...wrap(visibleControls(text), width, '      ', '      '));

  if (c.status === 'not-applicable') note(`not applicable: ${c.reason ?? 'no reason given'}`);
  if (c.status === 'error') note(`not checked: ${c.reason ?? 'no reason given'}`);
  if (c.status === 'fail') {
    if (c.reason !== undefined) note(c.reason);
    for (const f of c.findings) lines.push(...wrap(visibleControls(renderFinding(f)), width, '      ', '        '), ...hintLines(f, width, paint));
  }
  // A passing criterion's findings are advice: marked as such, costing nothing.
  for (const f of passingAdvice(c)) {
    const [first, ...tail] = wrap(`advice: ${visibleControls(renderFinding(f))}`, width, '      ', '        ');
    lines.push(`      ${paint('33', 'advice:')}${first.slice(13)}`, ...tail, ...hintLines(f, width, paint));
  }
  return lines;
}

function hintLines(f: Finding, width: number, paint: (code: string, text: string) => string): string[] {
  if (f.hint === undefined) return [];
  const [hint, ...tail] = wrap(`hint: ${visibleControls(f.hint)}`, width, '        ', '              ');
  return [`        ${paint('36', 'hint:')}${hint.slice(13)}`, ...tail];
}
