import type { Finding, Position } from '../../model/finding.js';
import type { RuleMeta } from '../rule.js';

/** A finding of `rule` in `file`, at `pos` when the problem has a place in the file. */
export function findingOf(rule: Pick<RuleMeta, 'id' | 'severity'>, file: string, pos: Position | undefined, message: string, hint?: string): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    message,
    ...(hint ? { hint } : {}),
  };
}

/** The file's name as the student knows it inside the api folder. */
export function shortName(path: string, apiDir: string): string {
  return apiDir !== '' && path.startsWith(`${apiDir}/`) ? path.slice(apiDir.length + 1) : path;
}
