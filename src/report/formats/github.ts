import { findingPosition, type Finding } from '../../model/finding.js';
import type { CriterionResult, Report } from '../report.js';
import { passingAdvice, percent, points, verdictReason } from './summary.js';

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

const remote = /^[a-z][a-z0-9+.-]*:\/\/|^[^/@]+@[^/:]+:/i;

/**
 * With `--api` and `--client`, the repository whose workflow runs rock-check
 * is the one checked out as a local folder (the other is usually a URL);
 * when both are local, the api's, which holds the deploy workflows.
 * Annotations name files of that repository only: a path of the other would
 * land on the same path of the wrong repository, so its findings say their
 * repository and place in the text instead.
 */
export function annotatedRepository(report: Pick<Report, 'submission'>): Finding['repository'] {
  const local = report.submission.components.filter((c) => c.source !== undefined && !remote.test(c.source)).map((c) => c.role);
  return local.includes('api') ? 'api' : local[0];
}

function findingCommand(kind: Annotation['kind'], title: string, f: Finding, annotated: Finding['repository']): string {
  const text = f.hint === undefined ? f.message : `${f.message}\nhint: ${f.hint}`;
  if (f.repository !== undefined && f.repository !== annotated) return command(kind, { title }, `[${f.repository}] ${findingPosition(f)}: ${text}`);
  // `.` is a whole repository: no file to put the annotation on
  const props = f.file === '.' ? { title } : { file: f.file, line: f.line, col: f.line === undefined ? undefined : (f.column ?? 1), title };
  return command(kind, props, f.repository === undefined ? text : `[${f.repository}] ${text}`);
}

function criterionAnnotations(c: CriterionResult, annotated: Finding['repository']): Annotation[] {
  const kind = c.level === 'advice' ? 'warning' : 'error';
  const title = `${c.id} ${c.title}`;
  const one = (line: string): Annotation => ({ kind, criterion: c, line });
  if (c.status === 'error') return [one(command(kind, { title }, `not checked: ${c.reason ?? 'no reason given'}`))];
  if (c.findings.length === 0) return [one(command(kind, { title }, c.reason ?? `${c.id} failed`))];
  return c.findings.map((f) => one(findingCommand(kind, title, f, annotated)));
}

/** Advice of a passing criterion: a warning per finding, its title saying the criterion passed. */
function adviceAnnotations(c: CriterionResult, annotated: Finding['repository']): Annotation[] {
  const title = `${c.id} ${c.title} (passed; advice costs no points)`;
  return passingAdvice(c).map((f) => ({ kind: 'warning', criterion: c, line: findingCommand('warning', title, f, annotated) }));
}

/**
 * One annotation per finding of each failed criterion, in report order, then
 * one warning per advice finding of each passing criterion.
 */
export function annotations(report: Report): Annotation[] {
  const annotated = annotatedRepository(report);
  return [
    ...report.criteria.filter((c) => c.status === 'fail' || c.status === 'error').flatMap((c) => criterionAnnotations(c, annotated)),
    ...report.criteria.flatMap((c) => adviceAnnotations(c, annotated)),
  ];
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
 * (or one per criterion without a position); then a `::warning` per advice
 * finding of a passing criterion, its title saying it passed; a closing
 * `::notice` with the verdict. File paths are relative to the submission
 * root, which must be the repository root for GitHub to place them on the
 * right file; with `--api` and `--client`, to the repository being graded
 * (annotatedRepository).
 */
export function formatGithub(report: Report): string {
  const lines = [...runErrorCommands(report), ...annotations(report).map((a) => a.line), verdictNotice(report)];
  return `${lines.join('\n')}\n`;
}
