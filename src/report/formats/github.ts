import type { CriterionResult, Report } from '../report.js';
import { percent, points, verdictReason } from './summary.js';

/** Escapes a workflow command's message (the text after `::`). */
export function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (`file=…,line=…`). */
export function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${commandProperty(String(v))}`)
    .join(',');
  return `::${kind}${list === '' ? '' : ` ${list}`}::${commandData(message)}`;
}

/** One annotation: its kind, the criterion it belongs to, and the workflow command line. */
export interface Annotation {
  kind: 'error' | 'warning';
  criterion: CriterionResult;
  line: string;
}

function criterionAnnotations(c: CriterionResult): Annotation[] {
  const kind = c.level === 'advice' ? 'warning' : 'error';
  const title = `${c.id} ${c.title}`;
  const one = (line: string): Annotation => ({ kind, criterion: c, line });
  if (c.status === 'error') return [one(command(kind, { title }, `not checked: ${c.reason ?? 'no reason given'}`))];
  if (c.findings.length === 0) return [one(command(kind, { title }, c.reason ?? `${c.id} failed`))];
  return c.findings.map((f) =>
    one(command(kind, { file: f.file, line: f.line, col: f.line === undefined ? undefined : (f.column ?? 1), title }, f.hint === undefined ? f.message : `${f.message}\nhint: ${f.hint}`)),
  );
}

/** Run errors (as errors), then one annotation per finding of each failed criterion, in report order. */
export function annotations(report: Report): Annotation[] {
  return report.criteria.filter((c) => c.status === 'fail' || c.status === 'error').flatMap(criterionAnnotations);
}

export function runErrorCommands(report: Report): string[] {
  return report.errors.map((e) => command('error', { title: `rock-check ${e.where ?? 'error'}` }, e.message));
}

export function verdictNotice(report: Report): string {
  return command(
    'notice',
    { title: `rock-check ${report.status.toUpperCase()}` },
    `${points(report.score.earned, report.score.possible)} points (${percent(report)}): ${verdictReason(report)}`,
  );
}

/**
 * GitHub Actions workflow commands, printed to a job's log, that turn the
 * findings into annotations on the changed files: `::error` for required
 * criteria, `::warning` for advice, one per finding of each failed criterion
 * (or one per criterion without a position); a closing `::notice` with the
 * verdict. File paths are relative to the submission root, which must be the
 * repository root for GitHub to place them on the right file.
 */
export function formatGithub(report: Report): string {
  const lines = [...runErrorCommands(report), ...annotations(report).map((a) => a.line), verdictNotice(report)];
  return `${lines.join('\n')}\n`;
}
