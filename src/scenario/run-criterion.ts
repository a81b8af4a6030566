import type { Finding } from '../model/finding.js';
import { visibleLine, visibleLines } from '../model/visible-text.js';
import type { RuleVerdict } from '../rules/rule.js';
import type { StepFailure } from './message.js';
import { Scope } from './scope.js';
import { runStepList, type ListContext } from './step-list.js';
import type { CriterionSpec } from './types.js';

export interface CriterionResult {
  verdict: RuleVerdict;
  /** The failures behind the findings, with the detail of each exchange. */
  failures: StepFailure[];
}

export interface CriterionContext extends Omit<ListContext, 'scope' | 'criterion'> {
  runId: string;
  /** The file a criterion's findings point at (its `at`, or the stack file). */
  locate(at: CriterionSpec['at']): string;
}

/**
 * Runs a criterion's steps and gives its verdict in the shape the runtime
 * suites grade: findings (none: it passes), a single `cannot be checked`
 * finding when what it needs is missing, or not applicable when a role the
 * submission legitimately lacks is all that stops it. A criterion never
 * passes without having run every step.
 */
export async function runCriterion(id: string, spec: CriterionSpec, ctx: CriterionContext): Promise<CriterionResult> {
  const r = await runStepList(spec.steps, { ...ctx, scope: new Scope(ctx.runId), criterion: id });
  const severity = spec.severity ?? 'error';
  const file = ctx.locate(spec.at);
  const finding = (message: string, hint?: string): Finding => ({ ruleId: id, severity, file, message: visibleLine(message), ...(hint ? { hint: visibleLines(hint) } : {}) });
  if (r.failures.length > 0) {
    return {
      verdict: r.failures.map((f) => finding(f.message, [...(f.hint ? [f.hint, ''] : []), ...f.detail].join('\n'))),
      failures: r.failures,
    };
  }
  if (r.stop && 'notApplicable' in r.stop) return { verdict: { notApplicable: r.stop.notApplicable }, failures: [] };
  if (r.stop) return { verdict: [finding(`cannot be checked: ${r.stop.blocked}`)], failures: [] };
  return { verdict: [], failures: [] };
}
