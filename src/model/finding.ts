/** One problem found in a submission, positioned in the file it comes from. */
export type Severity = 'error' | 'warning';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /**
   * Path relative to the submission root, with forward slashes. In a report
   * whose components were given as separate repositories, relative to the
   * repository named by `repository` instead.
   */
  file: string;
  /** Set by the report (never by a rule) when `file` lies in the api or client repository given on its own. */
  repository?: 'api' | 'client';
  /** 1-based; absent when the finding concerns a whole (often missing) file. */
  line?: number;
  column?: number;
  message: string;
  /** What the student should change, when the message alone does not say. */
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** `file:line:col`, or just `file` for a finding without a position. */
export function findingPosition(f: Pick<Finding, 'file' | 'line' | 'column'>): string {
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
}

/**
 * `file:line:col: message [RC-…]`, the terminal line and the golden-file
 * line; `[client] file:line:col: …` when the file lies in a repository given
 * on its own.
 */
export function renderFinding(f: Finding): string {
  const repository = f.repository === undefined ? '' : `[${f.repository}] `;
  return `${repository}${findingPosition(f)}: ${f.message} [${f.ruleId}]`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.repository ?? '').localeCompare(b.repository ?? '') ||
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
