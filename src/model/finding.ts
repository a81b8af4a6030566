/** One problem found in a submission, positioned in the file it comes from. */
export type Severity = 'error' | 'warning';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Path relative to the submission root, with forward slashes. */
  file: string;
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

/** `file:line:col: message [RC-…]`, the terminal line and the golden-file line. */
export function renderFinding(f: Finding): string {
  const where = f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
  return `${where}: ${f.message} [${f.ruleId}]`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
