import type { Finding, Severity } from '../../model/finding.js';
import { redactSecrets } from '../../model/redact.js';
import { visibleLine } from '../../model/visible-text.js';
import type { CheckContext } from './role-check.js';

/** Where a finding points: a file, and a 1-based line and column from the parser. */
export type At = Pick<Finding, 'file' | 'line' | 'column'>;

/** Builds the findings of the check's criterion: its ID, its level as severity. */
export function reporter(ctx: CheckContext) {
  const severity: Severity = ctx.criterion.level === 'required' ? 'error' : 'warning';
  return (at: At, message: string, hint?: string): Finding => ({ ruleId: ctx.criterion.id, severity, ...at, message, ...(hint ? { hint } : {}) });
}

/** Findings of a reused rule, given the criterion's ID and level. */
export function asCriterion(findings: Finding[], ctx: CheckContext): Finding[] {
  const severity: Severity = ctx.criterion.level === 'required' ? 'error' : 'warning';
  return findings.map((f) => ({ ...f, ruleId: ctx.criterion.id, severity }));
}

/** Text of the submission quoted in a message: secrets redacted, control characters escaped, in double quotes. */
export function quoted(text: string): string {
  return `"${visibleLine(redactSecrets(text))}"`;
}

/** A 0-based dockerfile-ast position as a finding's place in a file. */
export function atDockerfile(file: string, pos: { line: number; character: number }): At {
  return { file, line: pos.line + 1, column: pos.character + 1 };
}

/** Text of the submission written into a message as it is: secrets redacted, control characters escaped. */
export function visible(text: string): string {
  return visibleLine(redactSecrets(text));
}

/** A command as a YAML or JSON list, for messages: `["redis-server", "--appendonly", "yes"]`. */
export function shownList(words: string[]): string {
  return visible(`[${words.map((w) => JSON.stringify(w)).join(', ')}]`);
}
