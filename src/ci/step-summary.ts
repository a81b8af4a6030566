import { formatMarkdown } from '../report/formats/markdown.js';
import type { Report } from '../report/report.js';
import type { AnnotationSelection } from './annotation-budget.js';

/** GitHub's limit on one step's `$GITHUB_STEP_SUMMARY`. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function cappedFindings(report: Report, keep: number): { report: Report; dropped: number } {
  let dropped = 0;
  const criteria = report.criteria.map((c) => {
    if (c.findings.length <= keep) return c;
    dropped += c.findings.length - keep;
    return { ...c, findings: c.findings.slice(0, keep) };
  });
  return { report: { ...report, criteria }, dropped };
}

function annotationLine(sel: AnnotationSelection): string | undefined {
  if (sel.hidden.error + sel.hidden.warning === 0) return undefined;
  const part = (kind: 'error' | 'warning') => `${sel.total[kind] - sel.hidden[kind]} of ${sel.total[kind]} ${kind}s`;
  return `> GitHub shows at most 10 error and 10 warning annotations per step: showing ${part('error')} and ${part('warning')} as annotations; every finding is listed below.`;
}

/**
 * The Markdown report for `$GITHUB_STEP_SUMMARY`, under GitHub's 1 MiB limit:
 * when it is longer, each criterion keeps fewer findings (25, 10, 3, 1, 0) and
 * a closing line says how many were left out and where they all are; as a
 * last resort the text is cut at a line break, saying so.
 */
export function stepSummary(report: Report, sel: AnnotationSelection, fullReportPath: string, limit = STEP_SUMMARY_LIMIT): string {
  const head = annotationLine(sel);
  const compose = (md: string, tail?: string) => [head, md.trimEnd(), tail].filter((x) => x !== undefined).join('\n\n') + '\n';
  const whole = compose(formatMarkdown(report));
  if (bytes(whole) <= limit) return whole;
  for (const keep of [25, 10, 3, 1, 0]) {
    const capped = cappedFindings(report, keep);
    const tail = `_Left out to stay under GitHub's 1 MiB summary limit: ${capped.dropped} findings beyond the first ${keep} of each criterion. The full report is ${fullReportPath}._`;
    const text = compose(formatMarkdown(capped.report), tail);
    if (bytes(text) <= limit) return text;
  }
  const tail = `\n\n_The rest of this summary was cut to stay under GitHub's 1 MiB limit. The full report is ${fullReportPath}._\n`;
  const room = limit - bytes(tail);
  let cut = Buffer.from(whole, 'utf8').subarray(0, room).toString('utf8');
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  while (bytes(cut) > room) cut = cut.slice(0, cut.lastIndexOf('\n'));
  return cut + tail;
}
